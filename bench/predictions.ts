import type { CollectionSlug, Payload } from 'payload'

import { sql } from '@payloadcms/db-sqlite'

import { DEFAULT_PREDICTION_OPTIONS, purchaseHistories, refitPurchaseModel } from '@kontorwerk/lead-scoring'

import { startLocalPayload } from '../tests/helpers/localPayload'
import { NOW, query, Writer } from './segmentData'
import { peakMemory, printTable } from './table'

/** The Local API baseline reads this many subscribers' purchases, page by page, and is extrapolated. */
const BASELINE_PREFIX = 20_000
const log = (line: string) => console.log(`[predictions] ${line}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const thousands = (n: number) => n.toLocaleString('en-US')

/** A fixed-seed generator (the same world on every run and database). */
function generator(seed: number) {
  let state = seed
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) + 0.5) / 2 ** 31
}

/** Gamma(shape, 1) by Marsaglia–Tsang (with the boost below shape 1). */
function gammaSample(shape: number, random: () => number): number {
  if (shape < 1) return gammaSample(shape + 1, random) * random() ** (1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const z = Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random())
    const v = (1 + c * z) ** 3
    if (v > 0 && Math.log(random()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v
  }
}

/**
 * N subscribers whose purchases follow the BG/NBD story itself (rate λ ~ Gamma(2, 4) a week, drop-out
 * after each purchase with p ~ Beta(1, 9), first purchase anywhere in the two years before NOW):
 * about ten purchases each. Simulated here and written in multi-row INSERTs, indexes dropped meanwhile.
 */
async function generatePurchases(payload: Payload, kind: 'postgres' | 'sqlite', count: number): Promise<number> {
  const w = new Writer(payload, kind)
  const indexes = await w.indexes(['subscribers', 'events'])
  for (const index of indexes)
    await w.exec(`drop index ${kind === 'postgres' ? `"${index.name}"` : `\`${index.name}\``}`)
  const random = generator(19)
  const weekMs = 7 * 86_400_000
  const windowWeeks = 104
  const time = (at: number) =>
    kind === 'postgres' ? `'${new Date(at).toISOString()}'::timestamptz` : `'${new Date(at).toISOString()}'`
  const json = (text: string) => (kind === 'postgres' ? `'${text}'::jsonb` : `'${text}'`)
  const type = kind === 'postgres' ? `'purchase'::enum_events_type` : `'purchase'`
  let events = 0
  const batch = 2_000
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1)
    await w.exec(`${w.numbers(from, to)}
      insert into subscribers (id, email, locale, address_form)
      select n, 'buyer' || n || '@example.com', ${w.enumOf('enum_subscribers_locale', `'de'`)}, ${w.enumOf('enum_subscribers_address_form', `'formal'`)} from nums`)
    const rows: string[] = []
    for (let subscriber = from; subscriber <= to; subscriber++) {
      const rate = gammaSample(2, random) / 4
      const a = gammaSample(1, random)
      const dropOut = a / (a + gammaSample(9, random))
      let week = random() * windowWeeks
      for (;;) {
        const at = NOW.getTime() - (windowWeeks - week) * weekMs
        rows.push(
          `('purchase-${events++}', ${type}, ${subscriber}, ${time(at)}, ${json(`{"amount": ${19 + Math.floor(random() * 100) * 10}, "product": "p"}`)}, 'bench')`,
        )
        if (random() < dropOut) break
        week += -Math.log(random()) / rate
        if (week > windowWeeks) break
      }
    }
    for (let start = 0; start < rows.length; start += 5_000)
      await w.exec(
        `insert into events (event_id, type, subscriber_id, occurred_at, properties, source) values ${rows.slice(start, start + 5_000).join(', ')}`,
      )
  }
  for (const index of indexes) await w.exec(index.create)
  if (kind === 'postgres') await w.exec('analyze')
  return events
}

/** The baseline: the same statistics through the Local API, every purchase event read as a document. */
async function statisticsThroughLocalApi(payload: Payload, subscribers: number) {
  const started = performance.now()
  const days = new Map<string, Set<number>>()
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: 'events' as CollectionSlug,
      depth: 0,
      limit: 10_000,
      page,
      sort: 'id',
      where: { and: [{ type: { equals: 'purchase' } }, { subscriber: { less_than_equal: subscribers } }] },
    })
    for (const doc of result.docs as unknown as { occurredAt: string; subscriber: number }[]) {
      const key = String(doc.subscriber)
      days.set(key, (days.get(key) ?? new Set()).add(Math.floor(new Date(doc.occurredAt).getTime() / 86_400_000)))
    }
    if (!result.hasNextPage) break
  }
  return { buyers: days.size, ms: performance.now() - started }
}

/**
 * Fitting BG/NBD and Gamma-Gamma on N subscribers with 10 purchases each: the sufficient
 * statistics in SQL, the fit in memory, the predictions written in bulk; against computing the
 * statistics through the Local API (the baseline, measured on a prefix and extrapolated).
 * Target (issue 19): under 60 s for 1,000,000 subscribers / 10,000,000 purchases on both databases.
 */
export async function predictionsBench() {
  const available: ('postgres' | 'sqlite')[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  // BENCH_PREDICTION_DATABASES=postgres runs one of them (a 1M run of both takes long).
  const chosen = process.env.BENCH_PREDICTION_DATABASES?.split(',')
  const kinds = available.filter((kind) => !chosen || chosen.includes(kind))
  const sizes = (process.env.BENCH_PREDICTION_SIZES ?? '100000,1000000').split(',').map(Number)
  const rows: Record<string, number | string>[] = []
  for (const kind of kinds) {
    for (const size of sizes) {
      log(`${kind}, ${thousands(size)} subscribers: generating about ${thousands(size * 10)} purchases`)
      const local = await startLocalPayload(kind)
      const { payload } = local
      try {
        const generatedAt = performance.now()
        const purchases = await generatePurchases(payload, kind, size)
        log(`  ${thousands(purchases)} purchases generated in ${seconds(performance.now() - generatedAt)}`)
        const memory = peakMemory()
        const refitAt = performance.now()
        const result = await refitPurchaseModel(
          payload,
          { ...DEFAULT_PREDICTION_OPTIONS, subscribersSlug: 'subscribers' },
          NOW,
        )
        const refitMs = performance.now() - refitAt
        const peak = memory()
        if (result.status !== 'fitted') throw new Error(`refused: ${JSON.stringify(result)}`)
        const { timings } = result
        // The nightly case, from the third refit on: the model replaces one with a prediction for
        // every buyer, and the rows of the one before that (another million) are deleted.
        let againMs = 0
        let again = result
        for (let run = 0; run < 2; run++) {
          const againAt = performance.now()
          const next = await refitPurchaseModel(
            payload,
            { ...DEFAULT_PREDICTION_OPTIONS, subscribersSlug: 'subscribers' },
            NOW,
          )
          againMs = performance.now() - againAt
          if (next.status !== 'fitted') throw new Error(`refused: ${JSON.stringify(next)}`)
          again = next
        }
        const [{ scored, stored }] = await query(
          payload,
          sql.raw(
            `select count(*) as stored, count(*) filter (where model_id = ${Number(again.model.id)} and probability_alive is not null) as scored from purchase_predictions`,
          ),
        )
        // The active model's rows and the replaced one's, nothing older.
        if (Number(scored) !== again.model.customers || Number(stored) !== 2 * Number(scored))
          throw new Error(`${scored} of ${again.model.customers} buyers scored, ${stored} rows stored`)
        const baseline = await statisticsThroughLocalApi(payload, Math.min(size, BASELINE_PREFIX))
        const baselineMs = (baseline.ms * size) / Math.min(size, BASELINE_PREFIX)
        log(
          `  refit ${seconds(refitMs)} (statistics ${seconds(timings.statistics)}, BG/NBD ${seconds(timings.fit)}, Gamma-Gamma ${seconds(timings.spendFit)}, scoring ${seconds(timings.scoring)}), peak RSS ${peak} MB; third refit ${seconds(againMs)} (scoring ${seconds(again.timings.scoring)}), ${thousands(Number(scored))} scored; Local API statistics ~${seconds(baselineMs)}`,
        )
        rows.push({
          database: kind,
          subscribers: thousands(size),
          purchases: thousands(purchases),
          'statistics (SQL)': seconds(timings.statistics),
          'BG/NBD + Gamma-Gamma fit': seconds(timings.fit + timings.spendFit),
          'scoring (bulk writes)': seconds(timings.scoring),
          refit: seconds(refitMs),
          'third refit (replaces one, deletes one)': `${seconds(againMs)} (scoring ${seconds(again.timings.scoring)})`,
          'peak RSS': `${peak} MB`,
          'statistics via Local API (baseline)': `~${seconds(baselineMs)}`,
          'SQL vs baseline': `${(baselineMs / timings.statistics).toFixed(0)}×`,
          buyers: thousands(result.model.customers),
        })
      } finally {
        await local.close()
      }
    }
  }
  printTable('Purchase prediction (BG/NBD + Gamma-Gamma), 10 purchases per subscriber on average', rows)
}

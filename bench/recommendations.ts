import type { CollectionSlug, Payload } from 'payload'

import { invalidatePurchaseModel, purchaseModelOf } from '@kontorwerk/personalization'

import { startLocalPayload } from '../tests/helpers/localPayload'
import { hash, Writer } from './segmentData'
import { peakMemory, printTable } from './table'

const CUSTOMERS = Number(process.env.BENCH_RECOMMENDATION_CUSTOMERS ?? 100_000)
const PURCHASES = Number(process.env.BENCH_RECOMMENDATION_PURCHASES ?? 1_000_000)
const PRODUCTS = 10_000
/** The Local API baseline reads this many purchase events, page by page, and is extrapolated. */
const BASELINE_PREFIX = 50_000
const CHUNK = 100_000
const log = (line: string) => console.log(`[recommendations] ${line}`)
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/**
 * The purchases: customer n % CUSTOMERS buys a product whose number is skewed towards the low ones
 * (a square of a uniform number, so some products sell far more), on a day of the last year.
 * Written in SQL, the same world on both databases (segmentData's hash), indexes dropped meanwhile.
 */
async function generatePurchases(payload: Payload, kind: 'postgres' | 'sqlite') {
  const w = new Writer(payload, kind)
  const indexes = await w.indexes(['subscribers', 'events'])
  for (const index of indexes)
    await w.exec(`drop index ${kind === 'postgres' ? `"${index.name}"` : `\`${index.name}\``}`)
  for (let from = 1; from <= CUSTOMERS; from += CHUNK) {
    const to = Math.min(CUSTOMERS, from + CHUNK - 1)
    await w.exec(`${w.numbers(from, to)}
      insert into subscribers (id, email, locale, address_form)
      select n, 'buyer' || n || '@example.com', ${w.enumOf('enum_subscribers_locale', `'de'`)}, ${w.enumOf('enum_subscribers_address_form', `'formal'`)} from nums`)
  }
  const h = hash('n', 3)
  for (let from = 1; from <= PURCHASES; from += CHUNK) {
    const to = Math.min(PURCHASES, from + CHUNK - 1)
    const product = `'sku-' || ((h % ${PRODUCTS}) * (h % ${PRODUCTS}) / ${PRODUCTS})`
    await w.exec(`${w.numbers(from, to)}
      insert into events (event_id, type, subscriber_id, occurred_at, properties, source)
      select 'purchase-' || n, ${w.enumOf('enum_events_type', `'purchase'`)}, (n - 1) % ${CUSTOMERS} + 1,
        ${w.ago(`86400 * (h % 365)`)}, ${w.json(`'{"product": "' || ${product} || '"}'`)}, 'bench'
      from ${w.hashed({ h })}`)
  }
  for (const index of indexes) await w.exec(index.create)
  if (kind === 'postgres') await w.exec('analyze')
}

/** The baseline: the purchase events read as documents through the Local API (a prefix, extrapolated). */
async function purchasesThroughLocalApi(payload: Payload): Promise<number> {
  const started = performance.now()
  let read = 0
  for (let page = 1; read < BASELINE_PREFIX; page++) {
    const { docs } = await payload.find({
      collection: 'events' as CollectionSlug,
      depth: 0,
      limit: 10_000,
      page,
      where: { type: { equals: 'purchase' } },
    })
    read += docs.length
    if (docs.length === 0) break
  }
  return ((performance.now() - started) * PURCHASES) / read
}

/**
 * Issue 18: building the co-purchase model (customers who bought X also bought Y, with the top
 * sellers) from 1,000,000 purchases of 100,000 customers over 10,000 products, read from the
 * database and counted in memory; target under 10 s on SQLite and PostgreSQL, memory reported.
 */
export async function recommendationsBench() {
  const kinds: ('postgres' | 'sqlite')[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  const rows: Record<string, number | string>[] = []
  for (const kind of kinds) {
    const local = await startLocalPayload(kind)
    const { payload } = local
    try {
      const generatedAt = performance.now()
      await generatePurchases(payload, kind)
      log(
        `${kind}: ${PURCHASES.toLocaleString('en-US')} purchases written in ${seconds(performance.now() - generatedAt)}`,
      )
      invalidatePurchaseModel(payload)
      const memory = peakMemory()
      const started = performance.now()
      const model = await purchaseModelOf(payload)
      const modelMs = performance.now() - started
      const peak = memory()
      const pairs = model.together.partners.length / 2
      const baselineMs = await purchasesThroughLocalApi(payload)
      rows.push({
        database: kind,
        'model (read + count)': seconds(modelMs),
        'customers / products': `${model.customers.toLocaleString('en-US')} / ${model.skus.length.toLocaleString('en-US')}`,
        pairs: pairs.toLocaleString('en-US'),
        'peak RSS MB': peak,
        'baseline: events through the Local API (extrapolated)': seconds(baselineMs),
        ratio: `${(baselineMs / modelMs).toFixed(1)}×`,
      })
    } finally {
      await local.close()
    }
  }
  printTable(
    `Co-purchase model: ${PURCHASES.toLocaleString('en-US')} purchases, ${CUSTOMERS.toLocaleString('en-US')} customers, ${PRODUCTS.toLocaleString('en-US')} products (target < 10 s)`,
    rows,
  )
}

import type { CollectionSlug, Payload } from 'payload'

import type { Newsletter, Subscriber } from '@kontorwerk/personalization'

import { importFeed, invalidatePurchaseModel, purchaseModelOf, recipientRenderer } from '@kontorwerk/personalization'

import { seedDemoData } from '../src/seed'
import { startLocalPayload } from '../tests/helpers/localPayload'
import { hash, Writer } from './segmentData'
import { peakMemory, printTable } from './table'

const CUSTOMERS = Number(process.env.BENCH_RECOMMENDATION_CUSTOMERS ?? 100_000)
const PURCHASES = Number(process.env.BENCH_RECOMMENDATION_PURCHASES ?? 1_000_000)
const PRODUCTS = Number(process.env.BENCH_RECOMMENDATION_PRODUCTS ?? 10_000)
/** The Local API baseline reads this many purchase events, page by page, and is extrapolated. */
const BASELINE_PREFIX = 50_000
const CHUNK = 100_000
/** Generated buyers' ids start above the demo data's subscribers. */
const ID_OFFSET = 1_000_000
/** The newsletter part: this many recipients, rendered in sendBatch's batches. */
const RECIPIENTS = Number(process.env.BENCH_RECOMMENDATION_RECIPIENTS ?? 10_000)
const BATCH = 200
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
      select ${ID_OFFSET} + n, 'buyer' || n || '@example.com', ${w.enumOf('enum_subscribers_locale', `'de'`)}, ${w.enumOf('enum_subscribers_address_form', `'formal'`)} from nums`)
  }
  const h = hash('n', 3)
  for (let from = 1; from <= PURCHASES; from += CHUNK) {
    const to = Math.min(PURCHASES, from + CHUNK - 1)
    const product = `'SKU-' || ((h % ${PRODUCTS}) * (h % ${PRODUCTS}) / ${PRODUCTS})`
    await w.exec(`${w.numbers(from, to)}
      insert into events (event_id, type, subscriber_id, occurred_at, properties, source)
      select 'purchase-' || n, ${w.enumOf('enum_events_type', `'purchase'`)}, ${ID_OFFSET} + (n - 1) % ${CUSTOMERS} + 1,
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
 * The catalog: 10,000 products through the feed import (a third of them promoted, as METRO's
 * ~3,000 promoted of its assortment), each in one of the demo's interests, with image and link.
 */
async function importCatalog(payload: Payload) {
  const { docs } = await payload.find({ collection: 'interests', depth: 0, limit: 0, pagination: false })
  const slugs = docs.map((doc) => String((doc as { slug?: string }).slug))
  const lines = Array.from(
    { length: PRODUCTS },
    (_, n) =>
      `SKU-${n};Artikel ${n};${(9 + (n % 90)).toFixed(2).replace('.', ',')};EUR;${slugs[n % slugs.length]};https://shop.example/p/${n};https://shop.example/p/${n}.png;in_stock;${n % 3 === 0 ? 'ja' : 'nein'}`,
  )
  const text = ['SKU;Name;Price;Currency;Categories;URL;Image URL;Availability;Promoted', ...lines].join('\n')
  const report = await importFeed(payload, { format: 'csv', text })
  if (report.status !== 'imported') throw new Error(`feed rejected: ${JSON.stringify(report).slice(0, 500)}`)
}

/**
 * The demo newsletter for RECIPIENTS buyers, with and without a "Für Sie ausgewählt" slot (the
 * reader's personal top 4 from the promoted products, by their purchases and interests), through
 * the renderer campaigns send with: histories per batch of 200, then ranking, recommendations,
 * Liquid per recipient. The two take turns in ten rounds, so both see the same load.
 */
async function newsletterThroughput(payload: Payload) {
  const { docs } = await payload.find({ collection: 'newsletters', depth: 0, limit: 1, sort: 'id' })
  const plain = { ...(docs[0] as unknown as Newsletter), recommendationSlots: [] }
  const withSlot = {
    ...plain,
    id: `${plain.id}-recommending`,
    recommendationSlots: [
      {
        buttonLabel: null,
        categories: [],
        count: 4,
        heading: 'Für Sie ausgewählt',
        key: 'fuer-sie',
        strategy: 'personal',
      },
    ],
  } as Newsletter
  const subscribers = (
    await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: RECIPIENTS,
      sort: 'id',
      where: { id: { greater_than: ID_OFFSET } },
    })
  ).docs as unknown as Subscriber[]
  const now = new Date()
  const stateAt = performance.now()
  const renderers = {
    plain: await recipientRenderer(payload, plain, now),
    withSlot: await recipientRenderer(payload, withSlot, now),
  }
  const stateMs = performance.now() - stateAt
  const elapsed = { plain: 0, withSlot: 0 }
  /** Of `elapsed`, the batches' reads (memberships, histories and, with the slot, product views). */
  const reading = { plain: 0, withSlot: 0 }
  let grids = 0
  const render = async (variant: keyof typeof renderers, from: number, to: number) => {
    const renderer = renderers[variant]
    const started = performance.now()
    let checking = 0
    for (let start = from; start < to; start += BATCH) {
      const batch = subscribers.slice(start, Math.min(to, start + BATCH))
      const ids = batch.map((subscriber) => String(subscriber.id))
      const readAt = performance.now()
      const [memberships, histories] = await Promise.all([renderer.memberships(ids, now), renderer.histories(ids, now)])
      reading[variant] += performance.now() - readAt
      for (const subscriber of batch) {
        const mail = await renderer.render({
          behaviour: histories.get(String(subscriber.id)),
          recentBlocks: [],
          segments: memberships.get(String(subscriber.id)) ?? new Set(),
          subscriber,
        })
        // The check is the bench's, not the send's: its time (a search through each mail) is left out.
        const checkAt = performance.now()
        if (variant === 'withSlot' && mail.html.includes('Für Sie ausgewählt')) grids++
        checking += performance.now() - checkAt
      }
    }
    elapsed[variant] += performance.now() - started - checking
  }
  const ROUNDS = 10
  for (let round = 0; round < ROUNDS; round++) {
    const from = (round * subscribers.length) / ROUNDS
    const to = ((round + 1) * subscribers.length) / ROUNDS
    await render('withSlot', from, to)
    await render('plain', from, to)
  }
  const rate = (ms: number) => (subscribers.length / ms) * 1000
  return {
    grids,
    plain: rate(elapsed.plain),
    readShare: (variant: keyof typeof renderers) => `${((reading[variant] / elapsed[variant]) * 100).toFixed(0)} %`,
    recipients: subscribers.length,
    stateMs,
    withSlot: rate(elapsed.withSlot),
  }
}

/**
 * Issue 18: building the co-purchase model (customers who bought X also bought Y, with the top
 * sellers) from 1,000,000 purchases of 100,000 customers over 10,000 products, read from the
 * database and counted in memory; target under 10 s on SQLite and PostgreSQL, memory reported.
 * Then the demo newsletter with and without a recommendation slot for 10,000 of those buyers.
 */
export async function recommendationsBench() {
  const kinds: ('postgres' | 'sqlite')[] = process.env.TEST_POSTGRES_URI ? ['sqlite', 'postgres'] : ['sqlite']
  const rows: Record<string, number | string>[] = []
  const newsletterRows: Record<string, number | string>[] = []
  for (const kind of kinds) {
    const local = await startLocalPayload(kind)
    const { payload } = local
    try {
      await seedDemoData(payload)
      const generatedAt = performance.now()
      await generatePurchases(payload, kind)
      await importCatalog(payload)
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
      const mails = await newsletterThroughput(payload)
      log(
        `${kind}: newsletter for ${mails.recipients} recipients: ${Math.round(mails.withSlot)} mails/s with the recommendation slot, ${Math.round(mails.plain)} without (${((mails.withSlot / mails.plain) * 100).toFixed(0)} %); catalog, model and block library read once per send in ${seconds(mails.stateMs)}; ${mails.grids} mails with a grid`,
      )
      newsletterRows.push({
        database: kind,
        recipients: mails.recipients,
        'with recommendation slot (mails/s)': Math.round(mails.withSlot),
        'same newsletter without (mails/s)': Math.round(mails.plain),
        'with / without': `${((mails.withSlot / mails.plain) * 100).toFixed(0)} %`,
        'mails with a grid': mails.grids,
        'batch reads (with / without)': `${mails.readShare('withSlot')} / ${mails.readShare('plain')}`,
        'state once per send': seconds(mails.stateMs),
      })
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
  printTable(
    `Newsletter with a recommendation slot (personal top 4 of ${Math.round(PRODUCTS / 3).toLocaleString('en-US')} promoted products), against the same newsletter without it (target: at least half the throughput and 5,000 mails/s)`,
    newsletterRows,
  )
}

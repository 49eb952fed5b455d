import type { Payload } from 'payload'

import type { Media, Product } from '../../documents'
import type { CatalogProduct } from './strategies'

import { EVENTS } from '../../collections/Events'
import { PRODUCTS_SLUG } from '../../collections/Products'
import { readRows } from '../../database/bulkRead'
import { eventsOfType } from '../../database/eventsOfType'
import { runSql } from '../../database/runSql'
import { sql } from '../../database/sql'
import { sqlTable } from '../../database/tables'
import { personalizationOptions } from '../../extensions'
import { CONTENT_LOCALES } from '../../i18n/locales'
import { absoluteUrl } from '../../rendering/html'
import { perPayloadCache } from '../../utilities/perPayloadCache'
import { idFromKey, relationKeys } from '../../utilities/relation'
import { purchaseModel, type PurchaseModel, type PurchaseRecord } from './purchaseModel'
import { VIEW_WINDOW_DAYS } from './strategies'

/** The catalog in every content language, held in memory like the block library; edits in this process show at once. */
const catalogs = perPayloadCache('personalization:catalogs', loadCatalogs, 10_000)
export const catalogChanges = catalogs.hooks
export const invalidateCatalogs = catalogs.invalidate

/**
 * The co-purchase model and the top sellers, computed once (per send, per process) rather than per
 * recipient; purchases of the last minutes reach it when it is rebuilt, served stale meanwhile.
 */
const models = perPayloadCache('personalization:purchaseModel', loadPurchaseModel, 5 * 60_000)
export const invalidatePurchaseModel = models.invalidate

/** The catalog by content language. */
export const catalogsOf = (payload: Payload) => catalogs.get(payload)
export const purchaseModelOf = (payload: Payload) => models.get(payload)

async function loadCatalogs(payload: Payload): Promise<Map<string, CatalogProduct[]>> {
  const { publicUrl } = personalizationOptions(payload)
  const entries = await Promise.all(
    CONTENT_LOCALES.map(async ({ code }) => {
      const { docs } = await payload.find({
        collection: PRODUCTS_SLUG as never,
        depth: 1,
        locale: code as never,
        pagination: false,
        sort: 'sku',
      })
      return [code, (docs as unknown as Product[]).map((doc) => catalogProduct(doc, publicUrl))] as const
    }),
  )
  return new Map(entries)
}

/** The product as the grid shows it: an uploaded image in its email size wins over the feed's image address. */
function catalogProduct(doc: Product, publicUrl: string): CatalogProduct {
  const media = doc.image && typeof doc.image === 'object' ? (doc.image as Media) : null
  const uploaded = media?.sizes?.email?.url ?? media?.url
  const image = uploaded
    ? { alt: media?.alt || doc.name, url: absoluteUrl(uploaded, publicUrl), width: media?.sizes?.email?.width ?? null }
    : doc.imageUrl
      ? { alt: doc.name, url: doc.imageUrl, width: null }
      : null
  return {
    availability: doc.availability,
    categories: relationKeys(doc.categories ?? []),
    currency: doc.currency,
    image,
    locale: doc.locale ?? null,
    name: doc.name,
    price: doc.price,
    promoted: Boolean(doc.promoted),
    sku: doc.sku,
    url: doc.url ?? null,
  }
}

/** All purchase events (who, which product, when), the product extracted by the database. */
async function loadPurchaseModel(payload: Payload): Promise<PurchaseModel> {
  return purchaseModel(await purchaseRecords(payload), new Date())
}

async function purchaseRecords(payload: Payload): Promise<PurchaseRecord[]> {
  const records: PurchaseRecord[] = []
  const add = (subscriber: unknown, at: unknown, product: unknown) => {
    // A product with these control characters cannot be a SKU (products/rules.ts); SQLite's read below relies on it.
    if (subscriber == null || typeof product !== 'string' || !product || /[\0\x1e\x1f]/.test(product)) return
    const time = new Date(at instanceof Date ? at : String(at)).getTime()
    records.push({ at: time, product, subscriber: String(subscriber) })
  }
  if (payload.db.name === 'mongoose') {
    const rows = await readRows(
      payload,
      EVENTS,
      ['subscriber', 'occurredAt', 'properties'],
      [{ field: 'type', in: ['purchase'] }],
    )
    for (const row of rows) add(row.subscriber, row.occurredAt, parsed(row.properties).product)
    return records
  }
  const events = sqlTable<Record<string, unknown>>(payload, EVENTS)
  if (payload.db.name === 'postgres') {
    const rows = await runSql(
      payload,
      sql`select ${events.subscriber} as subscriber, ${events.occurredAt} as at, (${events.properties} ->> 'product') as product
        from ${events} where ${events.type} = 'purchase'`,
    )
    for (const row of rows) add(row.subscriber, row.at, row.product)
    return records
  }
  // SQLite hands the purchases over as a few long texts (`subscriber␟time␟product`, records
  // separated by ␞, one text per 65,536 rows), not as a million rows: the libsql client builds an
  // object per row, 8 s of the 10 s a million purchases took, where concatenating them costs ~2 s.
  // A product containing either separator cannot be a SKU (products/rules.ts) and is left out, as is
  // one with a NUL, which would end SQLite's text there and lose the purchases after it.
  const chunks = await runSql(
    payload,
    sql`select group_concat(s || char(31) || a || char(31) || p, char(30)) as chunk from (
        select rowid / 65536 as part, ${events.subscriber} as s, ${events.occurredAt} as a,
          json_extract(${events.properties}, '$.product') as p
        from ${await eventsOfType(payload, 'purchase')} where ${events.type} = 'purchase')
      where s is not null and typeof(p) = 'text' and instr(p, char(30)) = 0 and instr(p, char(31)) = 0
        and instr(cast(p as blob), x'00') = 0
      group by part`,
  )
  for (const { chunk } of chunks)
    for (const line of chunk ? String(chunk).split('\x1e') : []) {
      const first = line.indexOf('\x1f')
      const second = line.indexOf('\x1f', first + 1)
      add(line.slice(0, first), line.slice(first + 1, second), line.slice(second + 1))
    }
  return records
}

/** Product views of these subscribers in the view window: `page_viewed` events that name a `product`. */
export async function productViews(
  payload: Payload,
  subscriberIds: string[],
  at: Date,
): Promise<Map<string, { at: Date; product: string }[]>> {
  const rows = await readRows(
    payload,
    EVENTS,
    ['subscriber', 'occurredAt', 'properties'],
    [
      { field: 'subscriber', in: subscriberIds.map((id) => idFromKey(payload, id)) },
      { field: 'type', in: ['page_viewed'] },
      { atLeast: new Date(at.getTime() - VIEW_WINDOW_DAYS * 86_400_000), field: 'occurredAt' },
    ],
  )
  const views = new Map<string, { at: Date; product: string }[]>()
  for (const row of rows) {
    const product = parsed(row.properties).product
    const when = new Date(row.occurredAt instanceof Date ? row.occurredAt : String(row.occurredAt))
    if (typeof product !== 'string' || !product || when.getTime() > at.getTime()) continue
    const key = String(row.subscriber)
    views.set(key, [...(views.get(key) ?? []), { at: when, product }])
  }
  return views
}

/** JSON columns come back parsed (PostgreSQL, MongoDB) or as text (SQLite). */
export function parsed(value: unknown): Record<string, unknown> {
  if (value && typeof value === 'object') return value as Record<string, unknown>
  try {
    return (JSON.parse(String(value)) ?? {}) as Record<string, unknown>
  } catch {
    return {}
  }
}

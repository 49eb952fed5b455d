import type { Payload } from 'payload'

import type { ConversionAsset } from '../types'

import { EVENTS } from '../../collections/Events'
import { readRows } from '../../database/bulkRead'
import { runSql } from '../../database/runSql'
import { sql } from '../../database/sql'
import { sqlTable } from '../../database/tables'
import { FUTURE_TOLERANCE_MS } from '../../events/validateEvent'
import { idFromKey } from '../../utilities/relation'

/** What a person did, as the engine's guards need it: the events are the only source. */
export type Behaviour = {
  conversions: (ConversionAsset & { at: Date })[]
  /** Any purchase, or a `stage_changed` event into a customer stage (lead scoring writes those). */
  wasCustomer: boolean
  purchases: { at: Date; product: string }[]
  /** Product views (`page_viewed` with a product), read only for a newsletter with recommendation slots. */
  views?: { at: Date; product: string }[]
  /** The SKUs of the open cart (the `cart` recommendation strategy), read only for a newsletter with recommendation slots. */
  cart?: string[]
}

export const NO_BEHAVIOUR: Behaviour = Object.freeze({ conversions: [], wasCustomer: false, purchases: [] })

/**
 * The behaviour of many subscribers in one read (a campaign batch, or one reader of a page):
 * their purchases, downloads and form submissions and whether they ever became a customer.
 * `customerStageIds` are the ids of the customer stages (a `stage_changed` event names the stage by id).
 * Events after `at` (a render time in the past, e.g. a preview) do not count, except within the
 * intake's tolerance for clocks ahead: a purchase a shop reported "now" counts now.
 * Never called per recipient: the number of queries does not grow with the batch.
 */
export async function readBehaviour(
  payload: Payload,
  subscriberIds: string[],
  customerStageIds: Set<string>,
  at: Date,
): Promise<Map<string, Behaviour>> {
  const result = new Map<string, Behaviour>()
  if (!subscriberIds.length) return result
  const keys = subscriberIds.map((id) => idFromKey(payload, id))
  const until = at.getTime() + FUTURE_TOLERANCE_MS
  const histories =
    payload.db.name === 'mongoose' ? await documentHistories(payload, keys) : await sqlHistories(payload, keys)
  for (const [subscriber, entries] of histories) {
    const behaviour: Behaviour = { conversions: [], purchases: [], wasCustomer: false }
    for (const [type, occurredAt, about] of entries) {
      if (about == null) continue
      const subject = String(about)
      const occurred = new Date(occurredAt)
      if (!(occurred.getTime() <= until)) continue
      if (type === 'purchase') {
        behaviour.purchases.push({ at: occurred, product: subject })
        behaviour.wasCustomer = true
      } else if (type === 'download') behaviour.conversions.push({ at: occurred, key: subject, kind: 'download' })
      else if (type === 'form_submitted') behaviour.conversions.push({ at: occurred, key: subject, kind: 'form' })
      else if (customerStageIds.has(subject)) behaviour.wasCustomer = true
    }
    result.set(subscriber, behaviour)
  }
  return result
}

/** One history entry: the event type, when, and the property it is about. */
type Entry = [type: string, occurredAt: string, subject: unknown]

/** The property each history type is about: the product bought, the asset, the form, the stage moved into. */
const SUBJECT: Record<string, string> = {
  download: 'asset',
  form_submitted: 'form',
  purchase: 'product',
  stage_changed: 'to',
}

/**
 * SQL: one row per subscriber with their history as a JSON array, the property each event is about
 * extracted by the database. The driver's cost is per row (and per column), so a row per subscriber
 * instead of one per event is what keeps a batch's read cheap.
 */
async function sqlHistories(payload: Payload, keys: (number | string)[]): Promise<Map<string, Entry[]>> {
  const events = sqlTable<Record<string, unknown>>(payload, EVENTS)
  const postgres = payload.db.name === 'postgres'
  const property = (name: string) =>
    postgres ? sql`(${events.properties} ->> ${name})` : sql`json_extract(${events.properties}, ${`$.${name}`})`
  const subject = sql`case ${sql.join(
    Object.entries(SUBJECT).map(([type, name]) => sql`when ${events.type} = ${type} then ${property(name)}`),
    sql` `,
  )} end`
  const entry = postgres
    ? sql`json_agg(json_build_array(${events.type}, ${events.occurredAt}, ${subject}))`
    : sql`json_group_array(json_array(${events.type}, ${events.occurredAt}, ${subject}))`
  const rows = await runSql(
    payload,
    sql`select ${events.subscriber} as subscriber, ${entry} as history from ${events}
      where ${events.subscriber} in (${sql.join(
        keys.map((key) => sql`${key}`),
        sql`, `,
      )})
      and ${events.type} in (${sql.join(
        Object.keys(SUBJECT).map((type) => sql`${type}`),
        sql`, `,
      )})
      group by ${events.subscriber}`,
  )
  return new Map(rows.map((row) => [String(row.subscriber), parsed(row.history) as Entry[]]))
}

/** MongoDB: the events with their properties, grouped and picked here. */
async function documentHistories(payload: Payload, keys: (number | string)[]): Promise<Map<string, Entry[]>> {
  const rows = await readRows(
    payload,
    EVENTS,
    ['subscriber', 'type', 'occurredAt', 'properties'],
    [
      { field: 'subscriber', in: keys },
      { field: 'type', in: Object.keys(SUBJECT) },
    ],
  )
  const histories = new Map<string, Entry[]>()
  for (const row of rows) {
    const key = String(row.subscriber)
    const properties = (parsed(row.properties) ?? {}) as Record<string, unknown>
    const at = row.occurredAt instanceof Date ? row.occurredAt.toISOString() : String(row.occurredAt)
    histories.set(key, [...(histories.get(key) ?? []), [String(row.type), at, properties[SUBJECT[String(row.type)]]]])
  }
  return histories
}

/** JSON columns come back parsed (PostgreSQL, MongoDB) or as text (SQLite). */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return null
  }
}

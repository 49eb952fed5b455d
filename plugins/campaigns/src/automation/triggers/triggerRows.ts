import { isEventType, jsonObject } from '@kontorwerk/personalization'

import type { DateRule } from './dateRelative'
import type { TierRule } from './loyaltyTier'

/**
 * What the date-relative and loyalty triggers compute in SQL, computed in memory from plain rows:
 * the MongoDB path (no SQL there) reads the rows with `readRows` and hands them to these functions.
 * Each mirrors its SQL query, so both databases fire for the same people.
 */

const DAY = 24 * 3600 * 1000

/** A value stored as JSON (an object on MongoDB, text on SQL databases) at a dotted path, or undefined. */
export function valueAt(json: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      jsonObject(json),
    )
}

const timeOf = (value: unknown) => new Date(value instanceof Date ? value : String(value)).getTime()

/** Orders ids as the SQL `order by id` does: numbers by value, MongoDB's ObjectIds (fixed-length hex) as text. */
const compareIds = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))

/** A subscriber's attribute row: `attributes` as stored. */
export type AttributeRow = { attributes: unknown; id: unknown }

/** Each subscriber's value of the attribute, where there is one (JSON null counts as none, like SQL's `is not null`). */
export function attributeDateValues(rows: AttributeRow[], attribute: string): Map<string, unknown> {
  const values = new Map<string, unknown>()
  for (const row of rows) {
    const value = valueAt(row.attributes, attribute)
    if (value != null) values.set(String(row.id), value)
  }
  return values
}

/** An event row as `readRows` returns it. */
export type EventRow = {
  eventId?: unknown
  id?: unknown
  occurredAt: unknown
  properties: unknown
  subscriber: unknown
  type: unknown
}

/** Whether an event is the rule's: a built-in event by its type, a custom one by its `name` property (`booking`). */
const isRuleEvent = (row: EventRow, event: string) =>
  isEventType(event) ? row.type === event : row.type === 'custom' && valueAt(row.properties, 'name') === event

/**
 * Each subscriber's date property from their latest matching event (by time, then id), also when
 * that latest event lacks it (null: the value is "not a date", and the run list says so).
 */
export function latestEventDateValues(rows: EventRow[], rule: Pick<DateRule, 'dateEvent' | 'dateProperty'>) {
  const values = new Map<string, unknown>()
  if (!rule.dateEvent || !rule.dateProperty) return values
  const matching = rows
    .filter((row) => row.subscriber != null && isRuleEvent(row, rule.dateEvent!))
    .sort((a, b) => timeOf(a.occurredAt) - timeOf(b.occurredAt) || compareIds(a.id, b.id))
  // Oldest first: the latest event of each subscriber is the one that stays.
  for (const row of matching) values.set(String(row.subscriber), valueAt(row.properties, rule.dateProperty) ?? null)
  return values
}

/** A number, or a text that is one (as SQL's cast reads it); anything else adds nothing. */
const amountOf = (value: unknown) => {
  const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : 0
}

/**
 * Per buyer, purchases in the rule's period up to `now`: orders (purchase events of one `order`
 * count once, one without an order by its own event id) or the sum of `amount` in the rule's
 * currency (others, or none, do not count: nothing is converted). Rows of other types are ignored.
 */
export function purchaseProgressOf(rows: EventRow[], rule: TierRule, now: Date): Map<string, number> {
  const spend = rule.loyaltyMeasure === 'spend'
  if (spend && !/^[A-Z]{3}$/.test(rule.loyaltyCurrency ?? '')) return new Map()
  const days = Number(rule.loyaltyPeriodDays ?? 0)
  const since = days > 0 ? now.getTime() - days * DAY : 0
  const sums = new Map<string, number>()
  const orders = new Map<string, Set<string>>()
  for (const row of rows) {
    const at = timeOf(row.occurredAt)
    if (row.type !== 'purchase' || row.subscriber == null || !(at >= since && at <= now.getTime())) continue
    const subscriber = String(row.subscriber)
    const properties = jsonObject(row.properties)
    if (!spend) {
      const order = String(properties.order ?? row.eventId)
      ;(orders.get(subscriber) ?? orders.set(subscriber, new Set()).get(subscriber)!).add(order)
      continue
    }
    const currency = properties.currency
    if (typeof currency !== 'string' || currency.toUpperCase() !== rule.loyaltyCurrency) continue
    sums.set(subscriber, (sums.get(subscriber) ?? 0) + amountOf(properties.amount))
  }
  return spend ? sums : new Map([...orders].map(([subscriber, set]) => [subscriber, set.size]))
}

import type { Payload } from 'payload'

import {
  idFromKey,
  isEventType,
  readRows,
  runSql,
  sql,
  sqlTable,
  timeZoneOf,
  writeAtomically,
} from '@kontorwerk/personalization'

import type { Automation } from '../../documents'

import { AUTOMATION_RUNS } from '../../defaults'
import { zonesOf } from '../../utilities/timeZones'
import { automationsFor, enroll } from '../enroll'
import { atLocal } from '../sendTiming'
import { unseenOccurrences } from './occurrences'
import { attributeDateValues, type EventRow, latestEventDateValues } from './triggerRows'

const DAY = 24 * 3600 * 1000
/**
 * How long after its moment a date still fires: the sweep runs every ten minutes, a worker may be
 * down for a while. Later than this it never fires: a date entered (or found) too late is not
 * celebrated retroactively.
 */
export const DATE_CATCH_UP_MS = DAY
export const DEFAULT_DATE_HOUR = 9

/** An attribute path: names of letters, digits, `_` or `-`, nested with dots (`contract.renewal`). */
export const ATTRIBUTE_PATH = /^[\w-]{1,40}(\.[\w-]{1,40}){0,4}$/

export type DateRule = Pick<
  Automation,
  'dateAttribute' | 'dateDirection' | 'dateEvent' | 'dateHour' | 'dateOffsetDays' | 'dateProperty' | 'dateSource'
>

/**
 * The calendar date a value names: `YYYY-MM-DD`, also the start of an ISO timestamp (the date as
 * written, not shifted into another zone: a trip on "2027-03-01T23:30+01:00" is on 1 March).
 */
export function calendarDate(value: unknown): null | string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value.trim()) : null
  if (!match) return null
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  // 2027-02-30 is no date (Date.UTC would roll it over into March).
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? match[0].slice(0, 10) : null
}

/** The day the trigger falls on: the date moved the configured days before or after. */
export function triggerDay(date: string, rule: DateRule): string {
  const offset = Math.max(0, Math.round(rule.dateOffsetDays ?? 0)) * (rule.dateDirection === 'before' ? -1 : 1)
  return new Date(Date.parse(`${date}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10)
}

export type DateDecision = { at: Date; date: string; due: boolean; kind: 'date' } | { kind: 'invalid'; reason: string }

/**
 * Whether one recipient's date fires now: at the configured hour of the trigger day on the
 * recipient's clock (DST-exact), and for `DATE_CATCH_UP_MS` after; not before, never later.
 */
export function decideDate(value: unknown, rule: DateRule, timeZone: string, now: Date): DateDecision {
  const date = calendarDate(value)
  if (!date)
    return { kind: 'invalid', reason: `not a date (YYYY-MM-DD): ${JSON.stringify(value)?.slice(0, 60) ?? 'empty'}` }
  const hour = Math.min(23, Math.max(0, Math.round(rule.dateHour ?? DEFAULT_DATE_HOUR)))
  const at = atLocal(triggerDay(date, rule), hour * 60, timeZone)
  const since = now.getTime() - at.getTime()
  return { at, date, due: since >= 0 && since < DATE_CATCH_UP_MS, kind: 'date' }
}

/** The key of "this automation, this person, this date": a changed date is a new occurrence. */
export const dateOccurrence = (automation: Automation['id'], subscriber: string, date: string) =>
  `${automation}:${subscriber}:date:${date}`

/** Enrols everyone whose date (attribute or latest event's property) falls due now; logs who was skipped, and why. */
export async function enrollDateRelative(payload: Payload, now: Date): Promise<void> {
  for (const automation of await automationsFor(payload, 'date_relative'))
    await eachOnItsOwn(payload, automation, () => enrollDue(payload, automation, now))
}

/**
 * One automation's trouble (a broken setting the validation did not know yet) is logged and
 * leaves the others to run: the sweep goes on.
 */
export async function eachOnItsOwn(payload: Payload, automation: Automation, work: () => Promise<void>) {
  try {
    await work()
  } catch (error) {
    payload.logger.error({ err: error, msg: `Automation ${automation.id} (${automation.name}): trigger sweep failed` })
  }
}

async function enrollDue(payload: Payload, automation: Automation, now: Date): Promise<void> {
  const values = await dateValues(payload, automation)
  if (values.size === 0) return
  const zones = await zonesOf(payload, [...values.keys()])
  const due = new Map<string, string>()
  const skipped = new Map<string, string>()
  const reasons = new Map<string, string>()
  for (const [subscriber, value] of values) {
    const decision = decideDate(value, automation, zones.get(subscriber) ?? timeZoneOf({}), now)
    if (decision.kind === 'invalid') {
      skipped.set(subscriber, `${automation.id}:${subscriber}:invalid-date:${String(value).slice(0, 80)}`)
      reasons.set(subscriber, decision.reason)
    } else if (decision.due) due.set(subscriber, dateOccurrence(automation.id, subscriber, decision.date))
  }
  const fresh = await unseenOccurrences(payload, automation, due)
  await enroll(payload, automation, [...fresh.keys()], describeRule(automation), { now, occurrences: fresh })
  await logSkipped(payload, automation, await unseenOccurrences(payload, automation, skipped), reasons, now)
}

/** What the run list says a run entered for, e.g. "3 days before attribute contractRenewal". */
function describeRule(rule: DateRule): string {
  const days = Math.max(0, Math.round(rule.dateOffsetDays ?? 0))
  const source =
    rule.dateSource === 'event' ? `${rule.dateEvent}.${rule.dateProperty}` : `attribute ${rule.dateAttribute}`
  return days === 0 ? `on ${source}` : `${days} days ${rule.dateDirection === 'before' ? 'before' : 'after'} ${source}`
}

/**
 * A recipient whose date cannot be read is skipped, and the automation's run list shows it: an
 * exited run with the reason, written once per bad value (the next sweep finds the same key).
 */
async function logSkipped(
  payload: Payload,
  automation: Automation,
  skipped: Map<string, string>,
  reasons: Map<string, string>,
  now: Date,
) {
  if (skipped.size === 0) return
  await writeAtomically(payload, {
    inserts: [
      {
        collection: AUTOMATION_RUNS,
        conflictKey: 'runKey',
        docs: [...skipped].map(([subscriber, key]) => ({
          automation: idFromKey(payload, String(automation.id)),
          enteredBecause: describeRule(automation).slice(0, 200),
          exitReason: `skipped: ${reasons.get(subscriber)}`.slice(0, 200),
          nextAt: now,
          occurrenceKey: key,
          runKey: key,
          state: 'exited',
          step: 0,
          subscriber: idFromKey(payload, subscriber),
        })),
        ignoreConflicts: true,
      },
    ],
  })
}

/** Each candidate's raw date value: from the attribute, or from the latest matching event. */
export async function dateValues(payload: Payload, rule: DateRule): Promise<Map<string, unknown>> {
  if (payload.db.name === 'mongoose') return dateValuesInMemory(payload, rule)
  const postgres = payload.db.name === 'postgres'
  const jsonPath = (column: unknown, path: string) => {
    const parts = path.split('.')
    return postgres
      ? sql`(${column} #>> ${`{${parts.join(',')}}`}::text[])`
      : sql`json_extract(${column}, ${`$.${parts.map((part) => `"${part}"`).join('.')}`})`
  }
  if (rule.dateSource === 'event') {
    if (!rule.dateEvent || !rule.dateProperty || !ATTRIBUTE_PATH.test(rule.dateProperty)) return new Map()
    const events = sqlTable<Record<string, unknown>>(payload, 'events')
    // A built-in event is named by its type, a custom one by its `name` property (`booking`).
    const matching = isEventType(rule.dateEvent)
      ? sql`${events.type} = ${rule.dateEvent}`
      : sql`${events.type} = 'custom' and ${jsonPath(events.properties, 'name')} = ${rule.dateEvent}`
    const rows = await runSql(
      payload,
      sql`select ${events.subscriber} as subscriber, ${jsonPath(events.properties, rule.dateProperty)} as value
        from ${events}
        where ${events.subscriber} is not null and ${matching}
        order by ${events.occurredAt}, ${events.id}`,
    )
    // Ordered oldest first: the latest event of each subscriber is the one that stays.
    return new Map(rows.map((row) => [String(row.subscriber), row.value]))
  }
  if (!rule.dateAttribute || !ATTRIBUTE_PATH.test(rule.dateAttribute)) return new Map()
  const subscribers = sqlTable<Record<string, unknown>>(payload, 'subscribers')
  const value = jsonPath(subscribers.attributes, rule.dateAttribute)
  const rows = await runSql(
    payload,
    sql`select ${subscribers.id} as id, ${value} as value from ${subscribers} where ${value} is not null`,
  )
  return new Map(rows.map((row) => [String(row.id), row.value]))
}

/**
 * MongoDB has no SQL: the same values from the rows, computed in memory (triggerRows.ts). Every
 * subscriber or matching event is read, as the SQL query scans them too.
 */
async function dateValuesInMemory(payload: Payload, rule: DateRule): Promise<Map<string, unknown>> {
  if (rule.dateSource === 'event') {
    if (!rule.dateEvent || !rule.dateProperty || !ATTRIBUTE_PATH.test(rule.dateProperty)) return new Map()
    const rows = await readRows(
      payload,
      'events',
      ['id', 'subscriber', 'type', 'occurredAt', 'properties'],
      [{ field: 'type', in: [isEventType(rule.dateEvent) ? rule.dateEvent : 'custom'] }],
    )
    return latestEventDateValues(rows as EventRow[], rule)
  }
  if (!rule.dateAttribute || !ATTRIBUTE_PATH.test(rule.dateAttribute)) return new Map()
  const rows = await readRows(payload, 'subscribers', ['id', 'attributes'], [])
  return attributeDateValues(rows as { attributes: unknown; id: unknown }[], rule.dateAttribute)
}

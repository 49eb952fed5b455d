import type { Payload } from 'payload'

import { eventsOfType, readRows, runSql, sql, sqlTable } from '@kontorwerk/personalization'

/**
 * A subscriber's purchases as the models need them: transactions are purchase DAYS (several
 * purchases on one day are one transaction, as in the literature), counted in UTC days since
 * 1970 so both databases agree; amounts of the repeat transactions (all but the first day) for
 * the spend model, with how many of those days carried an amount at all.
 */
export type PurchaseHistory = {
  firstDay: number
  lastDay: number
  repeatAmount: number
  repeatDaysWithAmount: number
  subscriber: string
  transactions: number
}

const DAY_MS = 86_400_000

/**
 * The sufficient statistics of every subscriber with a purchase in [from, until]. The database
 * reads the purchases and groups them by subscriber in one pass, handing each subscriber's
 * purchases over as one list of `day amount` (`group_concat` / `string_agg`); the days are
 * counted here. A million subscribers' ten million purchases cost one sort by subscriber on
 * SQLite (grouping by day first, as in SQL textbooks, sorted all ten million rows twice: 37 s
 * instead of 23), and the events never pass through JavaScript one by one.
 */
export async function purchaseHistories(payload: Payload, from: Date, until: Date): Promise<PurchaseHistory[]> {
  if (payload.db.name === 'mongoose') return documentHistories(payload, from, until)
  const events = sqlTable<Record<string, unknown>>(payload, 'events')
  const postgres = payload.db.name === 'postgres'
  // UTC days as YYYY-MM-DD: fixed width, so they sort as text; amounts as numbers, or empty.
  const entry = postgres
    ? sql`to_char(${events.occurredAt} at time zone 'UTC', 'YYYY-MM-DD') || ' ' || coalesce((${events.properties} ->> 'amount')::double precision::text, '')`
    : // Stored as UTC ("…Z") by the intake: the date is its first ten characters; a time written elsewhere with an offset goes through date(), which converts to UTC.
      sql`(case when substr(${events.occurredAt}, -1) = 'Z' then substr(${events.occurredAt}, 1, 10) else date(${events.occurredAt}) end) || ' ' || coalesce(cast(json_extract(${events.properties}, '$.amount') as real), '')`
  const bound = (date: Date) => (postgres ? sql`${date.toISOString()}::timestamptz` : sql`${date.toISOString()}`)
  const source = await eventsOfType(payload, 'purchase')
  const rows = await runSql(
    payload,
    sql`select ${events.subscriber} as subscriber, ${postgres ? sql`string_agg(${entry}, ',')` : sql`group_concat(${entry}, ',')`} as purchases
      from ${source}
      where ${events.type} = 'purchase' and ${events.subscriber} is not null
        and ${events.occurredAt} >= ${bound(from)} and ${events.occurredAt} <= ${bound(until)}
      group by ${events.subscriber}`,
  )
  return rows.map((row) => historyOf(String(row.subscriber), String(row.purchases)))
}

/**
 * One subscriber's history from their purchases as `day amount` entries: days are transactions,
 * the first day's amounts are not repeat spend, and a day counts as priced when any purchase on it
 * carried an amount.
 */
export function historyOf(subscriber: string, purchases: string): PurchaseHistory {
  const entries = purchases.split(',')
  if (!inOrder(entries)) entries.sort()
  let transactions = 0
  let repeatAmount = 0
  let repeatDaysWithAmount = 0
  let day = ''
  let dayPriced = false
  for (const entry of entries) {
    // `YYYY-MM-DD amount`: the day is the first ten characters.
    const entryDay = entry.slice(0, 10)
    if (entryDay !== day) {
      transactions++
      day = entryDay
      dayPriced = false
    }
    if (transactions === 1 || entry.length <= 11) continue
    repeatAmount += Number(entry.slice(11))
    if (!dayPriced) repeatDaysWithAmount++
    dayPriced = true
  }
  return {
    firstDay: dayNumber(entries[0].slice(0, 10)),
    lastDay: dayNumber(day),
    repeatAmount,
    repeatDaysWithAmount,
    subscriber,
    transactions,
  }
}

/** The database lists a subscriber's purchases mostly in the order they were stored, i.e. by time. */
function inOrder(entries: string[]): boolean {
  for (let i = 1; i < entries.length; i++) if (entries[i - 1] > entries[i]) return false
  return true
}

const dayNumbers = new Map<string, number>()

/** Days since 1970 of a `YYYY-MM-DD` (UTC); a window has a few hundred distinct days, parsed once each. */
function dayNumber(date: string): number {
  let number = dayNumbers.get(date)
  if (number === undefined) dayNumbers.set(date, (number = Date.parse(`${date}T00:00:00Z`) / DAY_MS))
  return number
}

/** MongoDB (complete but untested here: no server in CI): the same statistics from the rows. */
async function documentHistories(payload: Payload, from: Date, until: Date): Promise<PurchaseHistory[]> {
  const rows = await readRows(
    payload,
    'events',
    ['subscriber', 'occurredAt', 'properties'],
    [
      { field: 'type', in: ['purchase'] },
      { atLeast: from, field: 'occurredAt' },
    ],
  )
  // The SQL query's `day amount` lists, built from the rows, counted by the same historyOf.
  const purchases = new Map<string, string[]>()
  for (const row of rows) {
    const at = new Date(row.occurredAt as string)
    if (row.subscriber == null || at > until) continue
    const amount = (row.properties as null | { amount?: unknown })?.amount
    const key = String(row.subscriber)
    const entries = purchases.get(key) ?? []
    purchases.set(key, entries)
    entries.push(`${at.toISOString().slice(0, 10)} ${typeof amount === 'number' ? amount : ''}`)
  }
  return [...purchases].map(([subscriber, entries]) => historyOf(subscriber, entries.join(',')))
}

/** The BG/NBD view of a history at the end of the window (`untilDay`), in weeks. */
export const recencyOf = (history: PurchaseHistory, untilDay: number) => ({
  T: (untilDay - history.firstDay) / 7,
  tx: (history.lastDay - history.firstDay) / 7,
  x: history.transactions - 1,
})

/** The UTC day number of a moment, as `purchaseHistories` counts days. */
export const dayOf = (at: Date): number => Math.floor(at.getTime() / DAY_MS)

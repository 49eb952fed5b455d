import type { Payload } from 'payload'

import { readRows, runSql, sql, sqlTable } from '@kontorwerk/personalization'

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
 * The sufficient statistics of every subscriber with a purchase in [from, until], computed by the
 * database in one query (a million subscribers' events never pass through JavaScript one by one).
 */
export async function purchaseHistories(payload: Payload, from: Date, until: Date): Promise<PurchaseHistory[]> {
  if (payload.db.name === 'mongoose') return documentHistories(payload, from, until)
  const events = sqlTable<Record<string, unknown>>(payload, 'events')
  const postgres = payload.db.name === 'postgres'
  const day = postgres
    ? sql`floor(extract(epoch from ${events.occurredAt}) / 86400)::integer`
    : sql`cast(strftime('%s', ${events.occurredAt}) as integer) / 86400`
  const amount = postgres
    ? sql`(${events.properties} ->> 'amount')::double precision`
    : sql`json_extract(${events.properties}, '$.amount')`
  const bound = (date: Date) => (postgres ? sql`${date.toISOString()}::timestamptz` : sql`${date.toISOString()}`)
  const rows = await runSql(
    payload,
    sql`with days as (
        select ${events.subscriber} as subscriber, ${day} as day, sum(${amount}) as amount, count(${amount}) as priced
        from ${events}
        where ${events.type} = 'purchase' and ${events.subscriber} is not null
          and ${events.occurredAt} >= ${bound(from)} and ${events.occurredAt} <= ${bound(until)}
        group by 1, 2),
      ranked as (select subscriber, day, amount, priced, row_number() over (partition by subscriber order by day) as n from days)
      select subscriber, count(*) as transactions, min(day) as first_day, max(day) as last_day,
        coalesce(sum(case when n > 1 then amount end), 0) as repeat_amount,
        sum(case when n > 1 and priced > 0 then 1 else 0 end) as repeat_priced
      from ranked group by subscriber`,
  )
  return rows.map((row) => ({
    firstDay: Number(row.first_day),
    lastDay: Number(row.last_day),
    repeatAmount: Number(row.repeat_amount),
    repeatDaysWithAmount: Number(row.repeat_priced),
    subscriber: String(row.subscriber),
    transactions: Number(row.transactions),
  }))
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
  const days = new Map<string, Map<number, { amount: number; priced: boolean }>>()
  for (const row of rows) {
    const at = new Date(row.occurredAt as string)
    if (row.subscriber == null || at > until) continue
    const key = String(row.subscriber)
    const byDay = days.get(key) ?? new Map<number, { amount: number; priced: boolean }>()
    days.set(key, byDay)
    const day = Math.floor(at.getTime() / DAY_MS)
    const amount = (row.properties as null | { amount?: unknown })?.amount
    const entry = byDay.get(day) ?? { amount: 0, priced: false }
    if (typeof amount === 'number') byDay.set(day, { amount: entry.amount + amount, priced: true })
    else byDay.set(day, entry)
  }
  return [...days].map(([subscriber, byDay]) => {
    const sorted = [...byDay].sort(([a], [b]) => a - b)
    const repeat = sorted.slice(1)
    return {
      firstDay: sorted[0][0],
      lastDay: sorted.at(-1)![0],
      repeatAmount: repeat.reduce((sum, [, entry]) => sum + entry.amount, 0),
      repeatDaysWithAmount: repeat.filter(([, entry]) => entry.priced).length,
      subscriber,
      transactions: sorted.length,
    }
  })
}

/** The BG/NBD view of a history at the end of the window (`untilDay`), in weeks. */
export const recencyOf = (history: PurchaseHistory, untilDay: number) => ({
  T: (untilDay - history.firstDay) / 7,
  tx: (history.lastDay - history.firstDay) / 7,
  x: history.transactions - 1,
})

/** The UTC day number of a moment, as `purchaseHistories` counts days. */
export const dayOf = (at: Date): number => Math.floor(at.getTime() / DAY_MS)

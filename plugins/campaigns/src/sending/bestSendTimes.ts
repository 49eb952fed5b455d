import type { Payload } from 'payload'

import { idFromKey, readRows, runSql, sql, sqlTable } from '@kontorwerk/personalization'

import { zonesOf } from '../utilities/timeZones'
import { bestTimeWithin, hourCounts, hourOfWeek, HOURS_PER_WEEK, posteriorProfile } from './sendTimeProfile'

/** Opens and clicks are the signal of when someone reads; half a year keeps habits current. */
const SIGNALS = ['email_opened', 'email_clicked']
const LOOKBACK_MS = 180 * 86_400_000
const HOUR_MS = 3_600_000

/**
 * Everyone's opens and clicks of the last half year per hour of the week, counted by the database
 * in UTC and placed in the planning zone's week (the population's habit, the prior of each person's).
 */
export async function populationHours(payload: Payload, now: Date, planningZone: string): Promise<number[]> {
  const since = new Date(now.getTime() - LOOKBACK_MS)
  const counts = new Array<number>(HOURS_PER_WEEK).fill(0)
  // A Monday 00:00 UTC near now: each UTC hour of the week maps to the planning zone's hour at this date.
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)),
  )
  const add = (utcHourOfWeek: number, count: number) =>
    (counts[hourOfWeek(new Date(monday.getTime() + utcHourOfWeek * HOUR_MS), planningZone)] += count)
  if (payload.db.name === 'mongoose') {
    const rows = await readRows(
      payload,
      'events',
      ['occurredAt'],
      [
        { field: 'type', in: SIGNALS },
        { atLeast: since, field: 'occurredAt' },
      ],
    )
    for (const row of rows) {
      const at = new Date(row.occurredAt as string)
      add(((at.getUTCDay() + 6) % 7) * 24 + at.getUTCHours(), 1)
    }
    return counts
  }
  const events = sqlTable<Record<string, unknown>>(payload, 'events')
  const postgres = payload.db.name === 'postgres'
  const hour = postgres
    ? sql`((extract(isodow from ${events.occurredAt} at time zone 'UTC')::integer - 1) * 24 + extract(hour from ${events.occurredAt} at time zone 'UTC')::integer)`
    : sql`(((cast(strftime('%w', ${events.occurredAt}) as integer) + 6) % 7) * 24 + cast(strftime('%H', ${events.occurredAt}) as integer))`
  const rows = await runSql(
    payload,
    sql`select ${hour} as hour, count(*) as n from ${events}
      where ${events.type} in (${sql.join(
        SIGNALS.map((type) => sql`${type}`),
        sql`, `,
      )}) and ${events.occurredAt} >= ${postgres ? sql`${since.toISOString()}::timestamptz` : sql`${since.toISOString()}`}
      group by 1`,
  )
  for (const row of rows) add(Number(row.hour), Number(row.n))
  return counts
}

/**
 * Each recipient's best moment within 24 hours of `planned`: their own reading hours (in their
 * zone) shrunk towards the population's; the planned moment where nothing stands out. One read for the page.
 */
export async function bestSendTimes(
  payload: Payload,
  subscribers: string[],
  planned: Date,
  population: number[],
  now: Date,
): Promise<Map<string, Date>> {
  const [zones, rows] = await Promise.all([
    zonesOf(payload, subscribers),
    readRows(
      payload,
      'events',
      ['subscriber', 'occurredAt'],
      [
        { field: 'subscriber', in: subscribers.map((id) => idFromKey(payload, id)) },
        { field: 'type', in: SIGNALS },
        { atLeast: new Date(now.getTime() - LOOKBACK_MS), field: 'occurredAt' },
      ],
    ),
  ])
  const times = new Map<string, Date[]>()
  for (const row of rows) {
    const key = String(row.subscriber)
    const list = times.get(key) ?? []
    if (!times.has(key)) times.set(key, list)
    list.push(new Date(row.occurredAt as string))
  }
  return new Map(
    subscribers.map((id) => {
      const zone = zones.get(id) ?? 'Europe/Berlin'
      const profile = posteriorProfile(hourCounts(times.get(id) ?? [], zone), population)
      return [id, bestTimeWithin(profile, planned, zone)]
    }),
  )
}

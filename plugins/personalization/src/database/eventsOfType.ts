import type { Payload } from 'payload'

import { EVENTS } from '../collections/Events'
import { runSql } from './runSql'
import { type SQL, sql } from './sql'
import { sqlTable } from './tables'

/**
 * The events table to read all events of one `type` from, with a column outside the indexes (the
 * amount or product in `properties`). SQLite has no statistics unless ANALYZE ran, and then walks
 * the type/time index and fetches every such event's row in index order, i.e. at random: for ten
 * million purchases 80 s, against 16 s for reading the table in order. Reading the table pays off
 * once the type is more than about a tenth of all events (a row read in order costs ~0.3 µs, one
 * fetched at random several µs); two counts from the indexes tell which case this is. PostgreSQL's
 * planner decides this by itself.
 */
export async function eventsOfType(payload: Payload, type: string): Promise<SQL> {
  const events = sqlTable<Record<string, unknown>>(payload, EVENTS)
  if (payload.db.name !== 'sqlite') return sql`${events}`
  const [{ matching, total }] = await runSql(
    payload,
    sql`select (select count(*) from ${events} where ${events.type} = ${type}) as matching, (select count(*) from ${events}) as total`,
  )
  return Number(matching) * 10 >= Number(total) ? sql`${events} not indexed` : sql`${events}`
}

import type { Payload } from 'payload'

import { runSql, sql } from '@kontorwerk/personalization'

export type QueueState = {
  /** Waiting and due now (not scheduled for later, not being run). */
  due: number
  /** Since when the longest-waiting due job has been due; null when none is. */
  oldestDueSince: Date | null
  /** Claimed by a process and being run. */
  running: number
  /** Waiting for a later time (`waitUntil`: a scheduled send, a retry's back-off). */
  scheduled: number
}

const isSql = (payload: Payload) => payload.db.name === 'postgres' || payload.db.name === 'sqlite'

/**
 * Payload's job table per queue, in one statement, shared by every process (server and workers):
 * unfinished jobs that have not failed for good, split into due, scheduled and running. Null on
 * MongoDB, which this app's operations checks do not read (docs/operations.md).
 */
export async function jobQueueStates(payload: Payload, now = new Date()): Promise<Map<string, QueueState> | null> {
  if (!isSql(payload)) return null
  const at = now.toISOString()
  const due = sql`(not coalesce(processing, false) and (wait_until is null or wait_until <= ${at}))`
  const rows = await runSql(
    payload,
    sql`select queue,
      sum(case when ${due} then 1 else 0 end) as due,
      sum(case when coalesce(processing, false) then 1 else 0 end) as running,
      count(*) as total,
      min(case when ${due} then coalesce(wait_until, created_at) end) as oldest_due
    from payload_jobs
    where completed_at is null and not coalesce(has_error, false)
    group by queue`,
  )
  return new Map(
    rows.map((row) => {
      const [dueCount, running] = [Number(row.due ?? 0), Number(row.running ?? 0)]
      const oldest = row.oldest_due == null ? null : new Date(row.oldest_due as string)
      return [
        String(row.queue ?? 'default'),
        { due: dueCount, oldestDueSince: oldest, running, scheduled: Number(row.total) - dueCount - running },
      ]
    }),
  )
}

import type { Payload } from 'payload'
import type { Registry } from 'prom-client'

import { Counter, Gauge } from 'prom-client'

import { runSql, sql } from '@kontorwerk/personalization'

import { jobQueueStates, type QueueState } from '../jobQueue'

type Snapshot = {
  /** Events stored by every process in the last minute. */
  eventsLastMinute: number
  messages: { count: number; reason: string; state: string }[]
  queues: Map<string, QueueState>
  readAt: Date
}

/** Scrapes within this many milliseconds share one read: several Prometheus servers must not multiply the queries. */
const SNAPSHOT_MS = 5_000

/**
 * Label values stay few: a failure's reason is the SMTP server's free text (it can name the
 * recipient), so only its reply code is kept; skip reasons are the send gate's short keys.
 */
export function reasonLabel(state: string, reason: string): string {
  if (!reason) return ''
  if (state === 'failed') return /^[245]\d\d$/.test(reason) ? reason : 'other'
  return /^[\w.-]{1,40}$/.test(reason) ? reason : 'other'
}

async function readSnapshot(payload: Payload, now = new Date()): Promise<null | Snapshot> {
  const queues = await jobQueueStates(payload, now)
  if (!queues) return null
  const messages = await runSql(
    payload,
    sql`select state, case when state = 'failed' then substr(coalesce(reason, ''), 1, 3) else coalesce(reason, '') end as reason,
      count(*) as count from campaign_sends group by 1, 2`,
  )
  const since = new Date(now.getTime() - 60_000).toISOString()
  const [events] = await runSql(payload, sql`select count(*) as count from events where created_at > ${since}`)
  return {
    eventsLastMinute: Number(events?.count ?? 0),
    messages: messages.map((row) => ({
      count: Number(row.count),
      reason: String(row.reason),
      state: String(row.state),
    })),
    queues,
    readAt: now,
  }
}

/**
 * Counts that only the shared database knows (several processes send and receive), read when
 * Prometheus scrapes: campaign messages by state and reason, the job queues, the event intake rate.
 * A failed read sets `kontorwerk_database_up` to 0 and leaves the rest of the page intact.
 */
export function registerDatabaseMetrics(registry: Registry, payload: Payload): void {
  // The reads are SQL; on MongoDB the page has the process and request metrics only (docs/operations.md).
  if (payload.db.name === 'mongoose') return
  let last: { at: number; snapshot: Promise<null | Snapshot> } | undefined
  const snapshot = async (): Promise<null | Snapshot> => {
    if (!last || Date.now() - last.at > SNAPSHOT_MS)
      last = { at: Date.now(), snapshot: readSnapshot(payload).catch(() => null) }
    return last.snapshot
  }
  const registers = [registry]
  /** A gauge filled from the snapshot at each scrape; without one (the database did not answer) it has no samples. */
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (set: (labels: Record<L, string>, value: number) => void, current: Snapshot) => void,
  ) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const current = await snapshot()
        this.reset()
        if (current) fill((labels, value) => this.set(labels as Partial<Record<L, string>>, value), current)
      },
    })

  new Gauge({
    name: 'kontorwerk_database_up',
    help: 'Whether the database answered the queries behind the kontorwerk_* counts at this scrape (1) or not (0)',
    registers,
    async collect() {
      this.set((await snapshot()) ? 1 : 0)
    },
  })
  new Counter({
    name: 'kontorwerk_campaign_messages_total',
    help: 'Campaign send records by state (sent, failed, skipped, pending, cancelled) and reason (skip reason, SMTP reply code of a failure), all processes, read from the database',
    labelNames: ['state', 'reason'],
    registers,
    async collect() {
      const current = await snapshot()
      this.reset()
      for (const { count, reason, state } of messageTotals(current?.messages ?? [])) this.inc({ reason, state }, count)
    },
  })
  gauge(
    'kontorwerk_job_queue_depth',
    'Unfinished jobs per Payload job queue: due (waiting to run), scheduled (for later), running',
    ['queue', 'state'],
    (set, current) => {
      for (const [queue, { due, running, scheduled }] of current.queues)
        for (const [state, value] of Object.entries({ due, running, scheduled })) set({ queue, state }, value)
    },
  )
  gauge(
    'kontorwerk_job_queue_oldest_due_seconds',
    'How long the longest-waiting due job of each queue has been waiting (0 when none is due)',
    ['queue'],
    (set, current) => {
      for (const [queue, { oldestDueSince }] of current.queues) {
        const waited = oldestDueSince ? (current.readAt.getTime() - oldestDueSince.getTime()) / 1000 : 0
        set({ queue }, Math.max(0, waited))
      }
    },
  )
  gauge(
    'kontorwerk_event_intake_events_per_second',
    'Events stored by all processes over the last minute, per second (API, GraphQL and public intake)',
    [],
    (set, current) => set({}, current.eventsLastMinute / 60),
  )
}

/** Rows grouped by their label values: several failure texts can share one reply code. */
function messageTotals(messages: Snapshot['messages']): Snapshot['messages'] {
  const totals = new Map<string, Snapshot['messages'][number]>()
  for (const { count, reason, state } of messages) {
    const label = reasonLabel(state, reason)
    const key = `${state}\u0000${label}`
    const total = totals.get(key) ?? { count: 0, reason: label, state }
    total.count += count
    totals.set(key, total)
  }
  return [...totals.values()]
}

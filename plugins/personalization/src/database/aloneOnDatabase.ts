import type { Payload } from 'payload'

type PgPool = {
  connect: () => Promise<{ query: (sql: string, values?: unknown[]) => Promise<unknown>; release: () => void }>
}

export type AloneOutcome<T> = { ran: false } | { ran: true; value: T }

/**
 * Runs `task` unless another process runs the work behind `lock` right now; then answers
 * `{ ran: false }` at once, and that process does the work. PostgreSQL: a session advisory lock on
 * a connection held for the task, which a killed process's connection gives up by itself. SQLite is
 * one machine's file and MongoDB has no such lock: the task runs (callers keep their own in-process guard).
 * `lock`: any 48-bit number, the same in every process (by convention a short name in ASCII).
 */
export async function aloneOnDatabase<T>(
  payload: Payload,
  lock: number,
  task: () => Promise<T>,
): Promise<AloneOutcome<T>> {
  if (payload.db.name !== 'postgres') return { ran: true, value: await task() }
  const client = await (payload.db as unknown as { pool: PgPool }).pool.connect()
  try {
    const { rows } = (await client.query('select pg_try_advisory_lock($1) as locked', [lock])) as {
      rows: { locked: boolean }[]
    }
    if (!rows[0]?.locked) return { ran: false }
    try {
      return { ran: true, value: await task() }
    } finally {
      await client.query('select pg_advisory_unlock($1)', [lock])
    }
  } finally {
    client.release()
  }
}

import type { Payload } from 'payload'

type PgClient = {
  on: (event: 'error', listener: (error: Error) => void) => unknown
  query: (sql: string, values?: unknown[]) => Promise<unknown>
  release: (destroy?: boolean | Error) => void
  removeListener: (event: 'error', listener: (error: Error) => void) => unknown
}
type PgPool = { connect: () => Promise<PgClient> }

export type AloneOutcome<T> = { ran: false } | { ran: true; value: T }

/**
 * Runs `task` on a connection of the pool kept for it, with a session advisory lock taken by
 * `lock(client)` and given back by `unlock(client)`. While it is held nobody else listens to that
 * connection: a session the server ends meanwhile (a failover, a terminated backend) would be an
 * error nobody handles, which ends the process. It is logged instead; the server has dropped the
 * lock with the session, and the task finishes (or fails) on its other connections. A connection
 * whose unlock failed is destroyed, not handed back still holding the lock.
 */
export async function withSessionLock<T>(
  payload: Payload,
  lock: (client: PgClient) => Promise<boolean>,
  unlock: (client: PgClient) => Promise<unknown>,
  task: () => Promise<T>,
): Promise<AloneOutcome<T>> {
  const client = await (payload.db as unknown as { pool: PgPool }).pool.connect()
  const lost = (error: Error) =>
    payload.logger.warn({ err: error, msg: 'The connection holding an advisory lock was lost; the lock with it' })
  client.on('error', lost)
  let broken: Error | undefined
  try {
    const locked = await lock(client).catch((error: Error) => {
      broken = error
      throw error
    })
    if (!locked) return { ran: false }
    try {
      return { ran: true, value: await task() }
    } finally {
      // Not rethrown: the task's own outcome stands, and the lock goes with the destroyed session.
      await unlock(client).catch((error: Error) => {
        broken = error
        lost(error)
      })
    }
  } finally {
    client.removeListener('error', lost)
    client.release(broken)
  }
}

/**
 * Runs `task` unless another process runs the work behind `lock` right now; then answers
 * `{ ran: false }` at once, and that process does the work. PostgreSQL: a session advisory lock
 * (withSessionLock), which a killed process's connection gives up by itself. Session locks need a
 * direct connection or a pooler in session mode, not PgBouncer's transaction mode (docs/operations.md).
 * SQLite is one machine's file and MongoDB has no such lock: the task runs (callers keep their own
 * in-process guard). `lock`: any 48-bit number, the same in every process (a short name in ASCII).
 */
export async function aloneOnDatabase<T>(
  payload: Payload,
  lock: number,
  task: () => Promise<T>,
): Promise<AloneOutcome<T>> {
  if (payload.db.name !== 'postgres') return { ran: true, value: await task() }
  return withSessionLock(
    payload,
    async (client) => {
      const { rows } = (await client.query('select pg_try_advisory_lock($1) as locked', [lock])) as {
        rows: { locked: boolean }[]
      }
      return Boolean(rows[0]?.locked)
    },
    (client) => client.query('select pg_advisory_unlock($1)', [lock]),
    task,
  )
}

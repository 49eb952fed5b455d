import type { Payload } from 'payload'

import { withSessionLock } from '../database/aloneOnDatabase'

// On globalThis: the Next build bundles its own copy of this module (GraphQL), the express server
// uses another, and both must share one queue per Payload instance.
const registry = globalThis as { __eventIntakeTails?: WeakMap<Payload, Promise<unknown>> }
const tails = (registry.__eventIntakeTails ??= new WeakMap())

/**
 * Runs intake batches one after another: a batch reads scores and cap counts, then writes them,
 * and two batches interleaving would lose each other's points. Within a process a queue per Payload
 * instance; on PostgreSQL also an advisory lock, so several server processes (or the recompute
 * command) on one database take turns too. SQLite has one writer per file anyway; MongoDB intake
 * should run in one process.
 */
export function serialized<T>(payload: Payload, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(payload) ?? Promise.resolve()
  const locked = () => withDatabaseLock(payload, task)
  const run = previous.then(locked, locked)
  tails.set(
    payload,
    run.catch(() => undefined),
  )
  return run
}

/** Any 64-bit number, the same in every process: "intake" in ASCII. */
const INTAKE_LOCK = 0x696e74616b65

async function withDatabaseLock<T>(payload: Payload, task: () => Promise<T>): Promise<T> {
  if (payload.db.name !== 'postgres') return task()
  const outcome = await withSessionLock(
    payload,
    async (client) => {
      await client.query('select pg_advisory_lock($1)', [INTAKE_LOCK])
      return true
    },
    (client) => client.query('select pg_advisory_unlock($1)', [INTAKE_LOCK]),
    task,
  )
  if (!outcome.ran) throw new Error('unreachable: pg_advisory_lock waits until it has the lock')
  return outcome.value
}

import type { Payload } from 'payload'

const tails = new WeakMap<Payload, Promise<unknown>>()

/**
 * Runs intake batches of one Payload instance one after another: a batch reads scores and cap
 * counts, then writes them, and two batches interleaving would lose each other's points.
 * Across processes the database's own locking takes over (see bulkWrite).
 */
export function serialized<T>(payload: Payload, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(payload) ?? Promise.resolve()
  const run = previous.then(task, task)
  tails.set(payload, run.catch(() => undefined))
  return run
}

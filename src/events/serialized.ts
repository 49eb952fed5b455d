import type { Payload } from 'payload'

// On globalThis: the Next build bundles its own copy of this module (GraphQL), the express server
// uses another, and both must share one queue per Payload instance.
const registry = globalThis as { __eventIntakeTails?: WeakMap<Payload, Promise<unknown>> }
const tails = (registry.__eventIntakeTails ??= new WeakMap())

/**
 * Runs intake batches of one Payload instance one after another: a batch reads scores and cap
 * counts, then writes them, and two batches interleaving would lose each other's points.
 * One intake process per database (the web server): reads happen before the write transaction.
 */
export function serialized<T>(payload: Payload, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(payload) ?? Promise.resolve()
  const run = previous.then(task, task)
  tails.set(payload, run.catch(() => undefined))
  return run
}

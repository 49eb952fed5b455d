import { MemoryStore } from 'express-rate-limit'

const registry = Symbol.for('kontorwerk.sharedCounters')
type Registry = Map<string, MemoryStore>

/**
 * One hit counter per name and process. Next's route bundles and the express server each load their
 * own copy of our modules (the REST login runs the hooks of one copy, GraphQL's loginUser those of
 * another), so a counter kept in a module variable would be split in two; globalThis is shared.
 */
export function sharedCounter(name: string, windowMs: number): MemoryStore {
  const counters = ((globalThis as Record<symbol, Registry | undefined>)[registry] ??= new Map())
  let counter = counters.get(name)
  if (!counter) {
    counter = new MemoryStore()
    // init() takes the limiter's options; the window is the only one a MemoryStore reads.
    counter.init({ windowMs } as Parameters<MemoryStore['init']>[0])
    counters.set(name, counter)
  }
  return counter
}

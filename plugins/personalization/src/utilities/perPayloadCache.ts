import type { Payload, PayloadRequest } from 'payload'

type Entry<T> = { loadedAt: number; refreshing?: boolean; value: Promise<T> }

/**
 * A value loaded from the database once per Payload instance (tests run several databases in
 * one process). After `maxAgeMs` the old value keeps being served while a fresh one loads, so only
 * the very first call ever waits; `invalidate` (from hooks) forces a wait for this process's own edits.
 * A caller inside a transaction passes its `req`, so the first load reads through that transaction's
 * connection instead of waiting for another one from a pool its own transaction may have exhausted.
 */
export function perPayloadCache<T>(
  load: (payload: Payload, req?: Partial<PayloadRequest>) => Promise<T>,
  maxAgeMs: number,
) {
  const entries = new WeakMap<Payload, Entry<T>>()
  const invalidate = (payload: Payload) => {
    entries.delete(payload)
  }
  const start = (payload: Payload, req?: Partial<PayloadRequest>): Entry<T> => {
    const entry: Entry<T> = { loadedAt: Date.now(), value: load(payload, req) }
    entry.value.catch(() => {
      if (entries.get(payload) === entry) entries.delete(payload)
    })
    return entry
  }
  const get = (payload: Payload, req?: Partial<PayloadRequest>): Promise<T> => {
    const cached = entries.get(payload)
    if (!cached) {
      const entry = start(payload, req)
      entries.set(payload, entry)
      return entry.value
    }
    if (Date.now() - cached.loadedAt > maxAgeMs && !cached.refreshing) {
      cached.refreshing = true
      const fresh = start(payload)
      fresh.value.then(
        () => {
          if (entries.get(payload) === cached) entries.set(payload, fresh)
        },
        () => {
          cached.refreshing = false
        },
      )
    }
    return cached.value
  }
  const hooks = {
    afterChange: [({ req }: { req: { payload: Payload } }) => invalidate(req.payload)],
    afterDelete: [({ req }: { req: { payload: Payload } }) => invalidate(req.payload)],
  }
  return { get, hooks, invalidate }
}

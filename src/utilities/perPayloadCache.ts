import type { Payload } from 'payload'

type Entry<T> = { loadedAt: number; value: Promise<T> }

/**
 * A value loaded from the database once per Payload instance (tests run several databases in
 * one process), reloaded after `maxAgeMs` and at once when `invalidate` is called from hooks.
 */
export function perPayloadCache<T>(load: (payload: Payload) => Promise<T>, maxAgeMs: number) {
  const entries = new WeakMap<Payload, Entry<T>>()
  const invalidate = (payload: Payload) => {
    entries.delete(payload)
  }
  const get = (payload: Payload): Promise<T> => {
    const cached = entries.get(payload)
    if (cached && Date.now() - cached.loadedAt <= maxAgeMs) return cached.value
    const entry: Entry<T> = { loadedAt: Date.now(), value: load(payload) }
    entries.set(payload, entry)
    entry.value.catch(() => {
      if (entries.get(payload) === entry) entries.delete(payload)
    })
    return entry.value
  }
  const hooks = {
    afterChange: [({ req }: { req: { payload: Payload } }) => invalidate(req.payload)],
    afterDelete: [({ req }: { req: { payload: Payload } }) => invalidate(req.payload)],
  }
  return { get, hooks, invalidate }
}

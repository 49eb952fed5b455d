import type { Payload, PayloadRequest } from 'payload'

type Entry<T> = {
  /** When its load began: the age that FULL_RELOAD_MS bounds. */
  loadStartedAt: number
  /** When it was loaded or last found current. */
  loadedAt: number
  refreshing?: boolean
  value: Promise<T>
  /** The sources' version read before its load began; null: unknown, so the next refresh loads. */
  version: null | string
}

/**
 * However unchanged the version looks, a value is loaded again after this long. The version is made
 * of timestamps, and a transaction that commits after a later one with an older `updatedAt` (or a
 * host whose clock is behind) does not raise it: this bounds how long another process can miss that.
 */
const FULL_RELOAD_MS = 5 * 60_000

const registry = Symbol.for('kontorwerk.perPayloadCaches')
type Registry = Map<string, WeakMap<Payload, Entry<unknown>>>

/**
 * The cache's values by name on globalThis, not in this module: Next's route bundles and the express
 * server each load their own copy of our modules (see security/sharedCounter.ts), and the hook of one
 * copy (a feed import over REST) must reach the value another copy serves (GraphQL, a page). In a
 * module variable, an edit showed only once the other copy's value had aged out.
 */
function sharedEntries<T>(name: string): WeakMap<Payload, Entry<T>> {
  const caches = ((globalThis as Record<symbol, Registry | undefined>)[registry] ??= new Map())
  let entries = caches.get(name)
  if (!entries) caches.set(name, (entries = new WeakMap()))
  return entries as WeakMap<Payload, Entry<T>>
}

/**
 * `version`: a cheap summary of what the value is loaded from (e.g. each source collection's count
 * and latest `updatedAt`). When given, an old value whose sources show the same version is kept
 * instead of loaded again: a library of 10,000 blocks takes seconds of the event loop to load, and
 * reloading it every few seconds whether or not anything changed held up every request meanwhile.
 */
export type CacheOptions = { version?: (payload: Payload) => Promise<null | string> }

/**
 * A value loaded from the database once per Payload instance (tests run several databases in
 * one process). After `maxAgeMs` the old value keeps being served while a fresh one loads, so only
 * the very first call ever waits; `invalidate` (from hooks) forces a wait for this process's own edits.
 * A caller inside a transaction passes its `req`, so the first load reads through that transaction's
 * connection instead of waiting for another one from a pool its own transaction may have exhausted.
 */
export function perPayloadCache<T>(
  name: string,
  load: (payload: Payload, req?: Partial<PayloadRequest>) => Promise<T>,
  maxAgeMs: number,
  { version }: CacheOptions = {},
) {
  const entries = sharedEntries<T>(name)
  const invalidate = (payload: Payload) => {
    entries.delete(payload)
  }
  const versionOf = (payload: Payload) => (version ? version(payload).catch(() => null) : Promise.resolve(null))
  /**
   * A load with the version read before it began (a change committed while it loads then shows as a
   * newer version next time). A first load or one after an invalidation has none: reading the
   * version beside the load could see a commit the load missed, and so keep old data for good.
   */
  const start = (payload: Payload, req?: Partial<PayloadRequest>, known: null | string = null): Entry<T> => {
    const now = Date.now()
    const entry: Entry<T> = { loadedAt: now, loadStartedAt: now, value: load(payload, req), version: known }
    entry.value.catch(() => {
      if (entries.get(payload) === entry) entries.delete(payload)
    })
    return entry
  }
  /** A fresh load, unless the sources still show the version the cached value was loaded at. */
  const refresh = async (payload: Payload, cached: Entry<T>) => {
    const now = await versionOf(payload)
    if (cached.version != null && cached.version === now && Date.now() - cached.loadStartedAt < FULL_RELOAD_MS) {
      cached.loadedAt = Date.now()
      cached.refreshing = false
      return
    }
    const fresh = start(payload, undefined, now)
    fresh.value.then(
      () => {
        if (entries.get(payload) === cached) entries.set(payload, fresh)
      },
      () => {
        cached.refreshing = false
      },
    )
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
      refresh(payload, cached).catch(() => {
        cached.refreshing = false
      })
    }
    return cached.value
  }
  const hooks = {
    afterChange: [({ req }: { req: { payload: Payload } }) => invalidate(req.payload)],
    afterDelete: [({ req }: { req: { payload: Payload } }) => invalidate(req.payload)],
  }
  return { get, hooks, invalidate }
}

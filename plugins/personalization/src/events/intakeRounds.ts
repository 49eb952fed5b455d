import type { Payload } from 'payload'

import { serialized } from './serialized'

/** One caller's share of a round: what it brings and how it learns that its part is done. */
export type RoundEntry<R = unknown> = {
  /** Entries with different keys never share a round (e.g. callers that fixed their own `now`). */
  key: string
  reject: (error: unknown) => void
  resolve: (result: R) => void
  /** Events it brings: a round stays within ROUND_LIMIT. */
  size: number
}

type Rounds<E> = { scheduled: boolean; waiting: E[] }

// On globalThis for the same reason as serialized.ts: the Next bundle and the express server share one queue.
const registry = globalThis as { __eventIntakeRounds?: WeakMap<Payload, Rounds<unknown>> }
const rounds = (registry.__eventIntakeRounds ??= new WeakMap<Payload, Rounds<unknown>>())

/** Rounds stay at most this large (events), unless a single entry is larger. */
export const ROUND_LIMIT = 2_000

/**
 * Stores concurrent intake batches together (docs/plugins/personalization.md#event-intake). Intake
 * takes turns (serialized.ts); the batches that arrive while one turn runs wait for the next and
 * then share it: one set of reads, one write transaction and one settle for all of them, instead of
 * one each. A lone batch is stored at once, exactly as before. `store` gets the round's entries and
 * settles each one (resolve or reject); if it throws, every entry still open gets the error.
 */
export function storeInRounds<R, E extends RoundEntry<R>>(
  payload: Payload,
  entry: Omit<E, 'reject' | 'resolve'>,
  store: (entries: E[]) => Promise<void>,
): Promise<R> {
  const done = new Promise<R>((resolve, reject) => Object.assign(entry, { reject, resolve }))
  let state = rounds.get(payload) as Rounds<E> | undefined
  if (!state) rounds.set(payload, (state = { scheduled: false, waiting: [] }))
  state.waiting.push(entry as E)
  schedule(payload, state, store)
  return done
}

/** Batches waiting for the next round (a queue depth to watch; specs wait on it). */
export function waitingBatches(payload: Payload): number {
  return rounds.get(payload)?.waiting.length ?? 0
}

function schedule<E extends RoundEntry<never>>(
  payload: Payload,
  state: Rounds<E>,
  store: (entries: E[]) => Promise<void>,
) {
  if (state.scheduled || state.waiting.length === 0) return
  state.scheduled = true
  let started = false
  serialized(payload, async () => {
    started = true
    state.scheduled = false
    const entries = takeRound(state.waiting)
    // Whoever arrived beyond this round's limit gets the next turn.
    schedule(payload, state, store)
    try {
      await store(entries)
    } catch (error) {
      for (const entry of entries) entry.reject(error)
    }
  }).catch((error: unknown) => {
    // The turn never began (PostgreSQL's lock could not be taken: connection refused, server gone):
    // the batches it was for hear why, and the next ones get a turn of their own, so nothing waits forever.
    if (started) return
    state.scheduled = false
    for (const entry of takeRound(state.waiting)) entry.reject(error)
    schedule(payload, state, store)
  })
}

/** The longest run of waiting entries, oldest first, with one key and within the limit. */
export function takeRound<E extends RoundEntry<never>>(waiting: E[]): E[] {
  if (waiting.length === 0) return []
  let count = 1
  let size = waiting[0].size
  while (count < waiting.length && waiting[count].key === waiting[0].key && size + waiting[count].size <= ROUND_LIMIT) {
    size += waiting[count].size
    count++
  }
  return waiting.splice(0, count)
}

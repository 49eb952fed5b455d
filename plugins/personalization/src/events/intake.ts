import type { Payload } from 'payload'

import type { StoredEvent } from './consumers'

import { EVENTS } from '../collections/Events'
import { readRows } from '../database/bulkRead'
import { type BulkWrite, writeAtomically } from '../database/bulkWrite'
import { extensionsOf } from '../extensions'
import { idFromKey, isPossibleId } from '../utilities/relation'
import { EVENT_TYPES } from './eventTypes'
import { type RoundEntry, storeInRounds } from './intakeRounds'
import { type EventError, MAX_BATCH, validateEvent, type ValidEvent } from './validateEvent'

export type EventStatus = 'accepted' | 'duplicate' | 'not_applied' | 'rejected' | 'skipped'
export type EventResult = { error?: EventError; id: null | string; index: number; reason?: string; status: EventStatus }
export type IntakeResult = {
  accepted: number
  duplicates: number
  rejected: number
  results: EventResult[]
  skipped: number
}

export type IntakeOptions = {
  /** Internal producers (tracking routes, scoring) may write system event types. */
  allowSystem?: boolean
  /**
   * The caller is an integration (a scoped API key), not an admin: every valid event is answered
   * `accepted`, whether its subscriber exists, allows tracking, or the event was stored before, so
   * the answer cannot tell a subscriber from a stranger. What is stored is the same as without it,
   * except that it may not post the mail tracking's own events (`MAIL_EVENT_TYPES`: `reserved_type`).
   */
  discreet?: boolean
  now?: Date
  /** Store the valid events even when others in the batch are invalid (default: all or nothing). */
  partial?: boolean
  source?: string
}

export class BatchTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`A batch holds at most ${MAX_BATCH} events, this one ${size}`)
  }
}

/**
 * The one way events get in (docs/plugins/personalization.md#event-intake). Every event is validated and its subscriber resolved;
 * with any error and without `partial`, nothing is stored. Events already stored (same client id)
 * are reported as duplicates and count once. Behaviour (opens, clicks, page views) is stored only
 * with tracking consent. New events, their score hits and score columns commit atomically; then the
 * consumers settle (stages, implicit interests) for every subscriber of the batch, which is how a
 * retry after a crash completes what the first attempt could not.
 */
export async function recordEvents(
  payload: Payload,
  inputs: unknown[],
  options: IntakeOptions = {},
): Promise<IntakeResult> {
  if (inputs.length > MAX_BATCH) throw new BatchTooLargeError(inputs.length)
  const now = options.now ?? new Date()
  const results: EventResult[] = []
  const valid: { event: ValidEvent; index: number }[] = []
  const seen = new Set<string>()
  inputs.forEach((input, index) => {
    const outcome = validateEvent(input, now, { allowMail: !options.discreet, allowSystem: options.allowSystem })
    const id = typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : null
    if ('error' in outcome) return results.push({ error: outcome.error, id, index, status: 'rejected' })
    if (seen.has(outcome.event.eventId))
      return results.push({ id, index, reason: 'repeated_in_batch', status: 'duplicate' })
    seen.add(outcome.event.eventId)
    valid.push({ event: outcome.event, index })
  })

  const known = await resolveSubscribers(
    payload,
    valid.map(({ event }) => event.subscriberRef),
  )
  const resolved: { event: StoredEvent; index: number }[] = []
  for (const { event, index } of valid) {
    const subscriber =
      'id' in event.subscriberRef
        ? known.ids.has(event.subscriberRef.id)
          ? event.subscriberRef.id
          : undefined
        : known.byEmail.get(event.subscriberRef.email)
    if (!subscriber) {
      // Not stored either way; an integration is not told that nobody has this address.
      if (options.discreet) {
        results.push({ id: event.eventId, index, status: 'accepted' })
        continue
      }
      results.push({
        error: { code: 'unknown_subscriber', field: 'subscriber', message: 'No subscriber with this id or email' },
        id: event.eventId,
        index,
        status: 'rejected',
      })
      continue
    }
    const { subscriberRef: _ref, ...rest } = event
    resolved.push({ event: { ...rest, source: options.source ?? 'api', subscriber }, index })
  }

  if (!options.partial && results.some((result) => result.status === 'rejected')) {
    for (const { event, index } of resolved)
      results.push({ id: event.eventId, index, reason: 'batch_rejected', status: 'not_applied' })
    return summarize(results)
  }

  // Callers that fix their own `now` (tests, imports of the past) share a round only with the same moment.
  const outcome = await storeInRounds<EventResult[], IntakeEntry>(
    payload,
    { key: options.now ? `at ${now.toISOString()}` : 'now', now, options, resolved, size: resolved.length },
    (entries) => storeRound(payload, entries),
  )
  results.push(...outcome)
  return summarize(results)
}

type IntakeEntry = RoundEntry<EventResult[]> & {
  now: Date
  options: IntakeOptions
  resolved: { event: StoredEvent; index: number }[]
}

/**
 * Stores one round's batches together, and isolates failures per caller. A failed write wrote
 * nothing (one transaction), so each batch is tried on its own; after the commit, a failed settle
 * is repeated per caller with its own events (settle is idempotent), and only callers whose own
 * settle fails hear the error, as a lone batch's caller would (its retry settles again).
 */
async function storeRound(payload: Payload, entries: IntakeEntry[]): Promise<void> {
  // Without transactions (MongoDB), a failed write may have written part: no automatic second try.
  const alone = entries.length === 1 || payload.db.name === 'mongoose'
  let written: Awaited<ReturnType<typeof writeTogether>>
  try {
    written = await writeTogether(payload, entries)
  } catch (error) {
    if (alone) throw error
    for (const entry of entries) await storeRound(payload, [entry]).catch(entry.reject)
    return
  }
  const { accepted, now, outcomes } = written
  try {
    await settle(payload, accepted.flat(), entries, now)
  } catch (error) {
    if (entries.length === 1) throw error
    for (const [position, entry] of entries.entries())
      await settle(payload, accepted[position], [entry], now).then(
        () => entry.resolve(outcomes[position]),
        entry.reject,
      )
    return
  }
  entries.forEach((entry, position) => entry.resolve(outcomes[position]))
}

/** After the commit: the consumers settle for every subscriber of these batches (stored events or not). */
async function settle(payload: Payload, events: StoredEvent[], entries: IntakeEntry[], now: Date): Promise<void> {
  const subscribers = [...new Set(entries.flatMap((entry) => entry.resolved.map(({ event }) => event.subscriber)))]
  for (const consumer of extensionsOf(payload).eventConsumers)
    await consumer.settle?.({ events, now, payload, subscribers })
}

/**
 * Duplicates and consent are checked for all entries at once; the accepted events and the
 * consumers' writes commit in one transaction. Returns each entry's answers and accepted events.
 */
async function writeTogether(payload: Payload, entries: IntakeEntry[]) {
  const all = entries.flatMap((entry, position) => entry.resolved.map((item) => ({ ...item, position })))
  const now = new Date(Math.max(...entries.map((entry) => entry.now.getTime())))
  const trackedSubscribers = [
    ...new Set(all.filter(({ event }) => EVENT_TYPES[event.type].tracked).map(({ event }) => event.subscriber)),
  ]
  const [stored, allowed] = await Promise.all([
    existingEventIds(
      payload,
      all.map(({ event }) => event.eventId),
    ),
    trackingAllowedOf(payload, trackedSubscribers),
  ])
  const outcomes: EventResult[][] = entries.map(() => [])
  // For an integration, "stored before" and "no tracking consent" would both say the subscriber exists.
  const notStored = (position: number, id: string, index: number, status: EventStatus, reason?: string) =>
    outcomes[position].push(
      entries[position].options.discreet
        ? { id, index, status: 'accepted' }
        : { id, index, status, ...(reason && { reason }) },
    )
  // An id sent by two callers of the round is stored for the first, as if it had come first.
  const taken = new Set<string>()
  const accepted = all.filter(({ event, index, position }) => {
    if (stored.has(event.eventId) || taken.has(event.eventId)) {
      notStored(position, event.eventId, index, 'duplicate')
      return false
    }
    if (EVENT_TYPES[event.type].tracked && !allowed.has(event.subscriber)) {
      notStored(position, event.eventId, index, 'skipped', 'no_tracking_consent')
      return false
    }
    taken.add(event.eventId)
    return true
  })
  const events = accepted.map(({ event }) => event)
  if (events.length > 0) {
    const planned: BulkWrite[] = []
    for (const consumer of extensionsOf(payload).eventConsumers)
      if (consumer.plan) planned.push(await consumer.plan({ events, now, payload }))
    await writeAtomically(
      payload,
      { inserts: [{ collection: EVENTS, conflictKey: 'eventId', docs: events, ignoreConflicts: true }] },
      ...planned,
    )
  }
  const acceptedPer: StoredEvent[][] = entries.map(() => [])
  for (const { event, index, position } of accepted) {
    outcomes[position].push({ id: event.eventId, index, status: 'accepted' })
    acceptedPer[position].push(event)
  }
  return { accepted: acceptedPer, now, outcomes }
}

function summarize(results: EventResult[]): IntakeResult {
  results.sort((a, b) => a.index - b.index)
  const count = (status: EventStatus) => results.filter((result) => result.status === status).length
  return {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    results,
    skipped: count('skipped'),
  }
}

async function resolveSubscribers(payload: Payload, refs: ValidEvent['subscriberRef'][]) {
  const ids = [...new Set(refs.flatMap((ref) => ('id' in ref ? [ref.id] : [])))]
  const emails = [...new Set(refs.flatMap((ref) => ('email' in ref ? [ref.email] : [])))]
  // An id that cannot exist is simply unknown: it must not reach the database as a malformed value.
  const validIds = ids.filter((id) => isPossibleId(payload, id))
  const [byIdRows, byEmailRows] = await Promise.all([
    readRows(payload, 'subscribers', ['id'], [{ field: 'id', in: validIds.map((id) => idFromKey(payload, id)) }]),
    readRows(payload, 'subscribers', ['id', 'email'], [{ field: 'email', in: emails }]),
  ])
  return {
    byEmail: new Map(byEmailRows.map((row) => [String(row.email), String(row.id)])),
    ids: new Set(byIdRows.map((row) => String(row.id))),
  }
}

async function existingEventIds(payload: Payload, eventIds: string[]): Promise<Set<string>> {
  return new Set(
    (await readRows(payload, EVENTS, ['eventId'], [{ field: 'eventId', in: eventIds }])).map((row) =>
      String(row.eventId),
    ),
  )
}

/** Subscribers whose behaviour may be stored: the consent plugin's answer, or everyone without one (the host answers for consent). */
export function trackingAllowedOf(payload: Payload, subscribers: string[]): Promise<Set<string>> {
  const gate = extensionsOf(payload).trackingAllowed
  return gate ? gate(payload, subscribers) : Promise.resolve(new Set(subscribers))
}

import type { Payload } from 'payload'

import { VISITOR_EVENTS } from '../collections/VisitorEvents'
import { VISITOR_MERGES } from '../collections/VisitorMerges'
import { blockLibrary } from '../engine/blockLibrary'
import { recordEvents, trackingAllowedOf } from '../events/intake'
import { serialized } from '../events/serialized'
import { MAX_BATCH } from '../events/validateEvent'
import { idFromKey, relationId, relationKey } from '../utilities/relation'
import { isVisitorId } from './visitorId'
import { interestsOfSignals, type InterestWeight, type VisitorSignal } from './visitorInterests'

/**
 * Only the double opt-in merges: the visitor id is signed into its token, so nobody can swap it. A
 * mail link's token says nothing about whose browser opened it (forwarded, posted): the collection
 * keeps `link` for merges recorded before that path was closed.
 */
export type MergeVia = 'signup'
export type MergeResult =
  | { events: number; status: 'merged' }
  | { status: 'already_merged' }
  | { status: 'invalid_visitor' }
  | { status: 'no_tracking_consent' }

type StoredVisitorEvent = VisitorSignal & { eventId: string; properties?: null | Record<string, unknown> }

/**
 * An anonymous visitor becomes a subscriber (docs/plugins/personalization.md#merging-a-visitor-into-a-subscriber):
 * their events move to `events` under the subscriber (through the intake, so scores, stages and
 * automations learn from them like from any event; the event ids stay, so a repeat stores nothing
 * twice), the interests they show are combined into the profile (the stronger weight wins, stated
 * interests stay as they are), and the anonymous copies are deleted. Once per visitor: a merge row
 * with the visitor id as unique key records it, and every step is idempotent, so two tabs merging
 * at the same moment end as one merge. Only with the subscriber's tracking consent: behaviour is
 * not tied to a person who has not agreed to it (the anonymous data then simply expires).
 */
export async function mergeVisitor(
  payload: Payload,
  {
    now = new Date(),
    subscriber,
    via,
    visitor,
  }: { now?: Date; subscriber: number | string; via: MergeVia; visitor: unknown },
): Promise<MergeResult> {
  if (!isVisitorId(visitor)) return { status: 'invalid_visitor' }
  if (await alreadyMerged(payload, visitor)) return { status: 'already_merged' }
  const id = String(subscriber)
  if (!(await trackingAllowedOf(payload, [id])).has(id)) return { status: 'no_tracking_consent' }

  const { docs } = await payload.find({
    collection: VISITOR_EVENTS as 'events',
    depth: 0,
    limit: 0,
    pagination: false,
    sort: 'occurredAt',
    where: { visitor: { equals: visitor } },
  })
  const events = docs as unknown as StoredVisitorEvent[]
  for (let start = 0; start < events.length; start += MAX_BATCH) {
    const batch = events.slice(start, start + MAX_BATCH).map((event) => ({
      id: event.eventId,
      occurredAt: new Date(event.occurredAt).toISOString(),
      properties: event.properties ?? {},
      subscriber: id,
      type: event.type,
    }))
    await recordEvents(payload, batch, { now, partial: true, source: 'browser' })
  }
  const weights = interestsOfSignals(events, await blockLibrary(payload))
  if (weights.size > 0) await serialized(payload, () => combineInterests(payload, id, weights))
  await payload.delete({ collection: VISITOR_EVENTS as 'events', where: { visitor: { equals: visitor } } })
  try {
    await payload.create({
      collection: VISITOR_MERGES as 'events',
      data: {
        events: events.length,
        mergedAt: now.toISOString(),
        subscriber: idFromKey(payload, id),
        via,
        visitor,
      } as never,
    })
  } catch (error) {
    // A twin merge (another tab) recorded it a moment earlier: its work and this one's are the same.
    if (await alreadyMerged(payload, visitor)) return { status: 'already_merged' }
    throw error
  }
  return { events: events.length, status: 'merged' }
}

async function alreadyMerged(payload: Payload, visitor: string): Promise<boolean> {
  const { totalDocs } = await payload.count({
    collection: VISITOR_MERGES as 'events',
    where: { visitor: { equals: visitor } },
  })
  return totalDocs > 0
}

/** The visitor's interests into the profile as implicit ones: the stronger weight and the later sighting win; stated (explicit) interests are left alone. */
async function combineInterests(payload: Payload, subscriber: string, weights: Map<string, InterestWeight>) {
  const doc = await payload.findByID({
    collection: 'subscribers',
    depth: 0,
    id: subscriber,
    select: { interests: true },
  })
  const current = doc.interests ?? []
  const known = new Set(current.map((entry) => relationKey(entry.interest)))
  const rows = current.map((entry) => {
    const seen = entry.source === 'implicit' ? weights.get(relationKey(entry.interest) ?? '') : undefined
    const lastSeenAt = entry.lastSeenAt ? new Date(entry.lastSeenAt) : null
    return {
      interest: relationId(entry.interest),
      lastSeenAt:
        seen && (!lastSeenAt || seen.lastSeenAt > lastSeenAt) ? seen.lastSeenAt.toISOString() : entry.lastSeenAt,
      source: entry.source,
      weight: seen ? Math.max(entry.weight ?? 0, round(seen.weight)) : entry.weight,
    }
  })
  for (const [interest, seen] of weights)
    if (!known.has(interest))
      rows.push({
        interest: idFromKey(payload, interest),
        lastSeenAt: seen.lastSeenAt.toISOString(),
        source: 'implicit',
        weight: round(seen.weight),
      })
  await payload.update({ collection: 'subscribers', data: { interests: rows as never }, depth: 0, id: subscriber })
}

const round = (weight: number) => Math.round(weight * 1000) / 1000

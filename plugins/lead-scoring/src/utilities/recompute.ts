import type { Payload } from 'payload'

import type { StoredEvent } from '@kontorwerk/personalization'

import { EVENTS, idFromKey, relationKey, serialized, writeAtomically } from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'

import { LEAD_SCORES } from '../collections/LeadScores'
import { SCORE_HITS } from '../collections/ScoreHits'
import { SCORING_SETTINGS } from '../globals/ScoringSettings'
import { behaviourWrites } from './behaviour'
import { scoreBatch } from './consumer'
import { scoringModel } from './model'
import { profileScore } from './profile'
import { evaluateStages } from './stages'

const PAGE = 200

/**
 * Recomputes every subscriber's score from the stored events with today's rules (after a rule or
 * half-life change). Subscribers are done page by page in id order, each page in one transaction,
 * and the last finished id is kept in the settings: a killed run continues where it stopped.
 */
export async function recomputeScores(
  payload: Payload,
  {
    now = new Date(),
    onPage,
    restart = false,
  }: { now?: Date; onPage?: (done: number) => void; restart?: boolean } = {},
) {
  scoringModel.invalidate(payload)
  const model = await scoringModel.get(payload)
  const settings = await payload.findGlobal({ slug: SCORING_SETTINGS as 'lead-scoring-settings', depth: 0 })
  const resuming = !restart && settings.recompute?.startedAt && !settings.recompute.finishedAt
  let cursor = resuming ? (settings.recompute?.cursor ?? null) : null
  if (!resuming) await saveProgress(payload, { cursor: null, finishedAt: null, startedAt: now.toISOString() })
  let done = 0

  for (;;) {
    const { docs } = await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: PAGE,
      pagination: false,
      sort: 'id',
      where: cursor ? { id: { greater_than: idFromKey(payload, cursor) } } : undefined,
    })
    if (docs.length === 0) break
    // Pages take turns with event intake, so a batch never reads a page half rewritten.
    await serialized(payload, async () => {
      await recomputePage(payload, docs, model)
      await evaluateStages(payload, { now, subscribers: docs.map((doc) => String(doc.id)) })
    })
    cursor = String(docs.at(-1)!.id)
    await saveProgress(payload, {
      cursor,
      finishedAt: null,
      startedAt: settings.recompute?.startedAt ?? now.toISOString(),
    })
    done += docs.length
    onPage?.(done)
  }
  await saveProgress(payload, {
    cursor,
    finishedAt: new Date().toISOString(),
    startedAt: settings.recompute?.startedAt ?? now.toISOString(),
  })
  return { resumedAfter: resuming ? settings.recompute?.cursor : null, subscribers: done }
}

async function recomputePage(
  payload: Payload,
  subscribers: Subscriber[],
  model: Awaited<ReturnType<typeof scoringModel.get>>,
) {
  const ids = subscribers.map((doc) => String(doc.id))
  const { docs: events } = await payload.find({
    collection: EVENTS as 'events',
    depth: 0,
    limit: 0,
    pagination: false,
    sort: 'occurredAt',
    where: { subscriber: { in: ids } },
  })
  const stored: StoredEvent[] = events.map((event) => ({
    block: event.block ?? null,
    eventId: event.eventId,
    occurredAt: new Date(event.occurredAt),
    properties: (event.properties ?? {}) as Record<string, unknown>,
    source: event.source ?? 'api',
    subscriber: relationKey(event.subscriber) ?? '',
    type: event.type,
  }))
  const { hits, states } = scoreBatch(stored, model, new Map(), new Map())
  await writeAtomically(payload, {
    deletes: ids.flatMap((id) =>
      [SCORE_HITS, LEAD_SCORES].map((collection) => ({ collection, field: 'subscriber', value: id })),
    ),
    inserts: [{ collection: SCORE_HITS, docs: hits }, ...behaviourWrites(new Map(), states).inserts],
    updates: subscribers.map((subscriber) => {
      const profile = profileScore(subscriber as unknown as Record<string, unknown>, model)
      const persona =
        profile.primary && !subscriber.personaLocked ? { persona: idFromKey(payload, profile.primary) } : {}
      return {
        collection: 'subscribers',
        data: { ...persona, score: { fitAttributes: profile.fitAttributes, personaFits: profile.fits } },
        id: String(subscriber.id),
      }
    }),
  })
}

function saveProgress(
  payload: Payload,
  recompute: { cursor: null | string; finishedAt: null | string; startedAt: string },
) {
  return payload.updateGlobal({ data: { recompute }, slug: SCORING_SETTINGS as 'lead-scoring-settings' })
}

import type { Payload } from 'payload'

import type { StoredEvent } from '@kontorwerk/personalization'

import { blockLibrary, EVENTS, idFromKey, interestsOfPage, relationId, relationKey } from '@kontorwerk/personalization'

import { decayedAt } from './decay'
import { scoringModel } from './model'

const DAY = 24 * 60 * 60 * 1000
/** Beyond this many half-lives a click weighs under 1/64: not worth reading. */
const HORIZON_HALF_LIVES = 6
const SIGNALS = ['email_clicked', 'page_viewed'] as const

/** A view of a page (its URL may match editors' URL→interest rules), or a click on or view of a block. */
const isSignal = (event: Pick<StoredEvent, 'block' | 'type'>) =>
  SIGNALS.includes(event.type as never) && (event.block != null || event.type === 'page_viewed')

/** Subscribers whose implicit interests these events change: clicks on and views of blocks, views of pages. */
export const interestSignalSubscribers = (events: StoredEvent[]) => [
  ...new Set(events.filter(isSignal).map((event) => event.subscriber)),
]

/**
 * Implicit interests (docs/plugins/lead-scoring.md#implicit-interests): every click on or view of a block adds weight to the block's
 * interests, and every view of a page to the interests whose page URLs match it (the editors'
 * URL→interest rules, as for anonymous visitors), decaying with the interest half-life. Recomputed from the stored events, so running
 * it twice for the same events changes nothing. The weight is stored as of the latest signal
 * (`lastSeenAt`); explicit choices of the subscriber are never overwritten.
 */
export async function updateImplicitInterests(payload: Payload, subscribers: string[], now: Date): Promise<void> {
  if (subscribers.length === 0) return
  const [{ settings }, library] = await Promise.all([scoringModel.get(payload), blockLibrary(payload)])
  const interestsOf = new Map(library.candidates.map((block) => [String(block.id), block.interests.map(String)]))
  const since = new Date(now.getTime() - HORIZON_HALF_LIVES * settings.interestHalfLifeDays * DAY)

  const { docs: signals } = await payload.find({
    collection: EVENTS as 'events',
    depth: 0,
    limit: 0,
    pagination: false,
    select: { block: true, occurredAt: true, properties: true, subscriber: true, type: true },
    sort: 'occurredAt',
    where: {
      and: [
        { subscriber: { in: subscribers } },
        {
          or: [
            { and: [{ type: { in: [...SIGNALS] } }, { block: { exists: true } }] },
            { type: { equals: 'page_viewed' } },
          ],
        },
        { occurredAt: { greater_than_equal: since.toISOString() } },
      ],
    },
  })

  for (const subscriber of subscribers) {
    const weights = new Map<string, { asOf: Date; value: number }>()
    for (const signal of signals.filter((row) => relationKey(row.subscriber) === subscriber)) {
      const at = new Date(signal.occurredAt)
      const url = (signal.properties as null | { url?: unknown })?.url
      const interests = new Set([
        ...(signal.block ? (interestsOf.get(String(signal.block)) ?? []) : []),
        ...(signal.type === 'page_viewed' && typeof url === 'string'
          ? interestsOfPage(library.taxonomy.pageRules, url)
          : []),
      ])
      for (const interest of interests) {
        const previous = weights.get(interest)
        const carried = previous ? decayedAt(previous, at, settings.interestHalfLifeDays) : 0
        weights.set(interest, { asOf: at, value: Math.min(1, carried + settings.clickInterestWeight) })
      }
    }
    if (weights.size > 0) await mergeInterests(payload, subscriber, weights)
  }
}

async function mergeInterests(
  payload: Payload,
  subscriber: string,
  implicit: Map<string, { asOf: Date; value: number }>,
) {
  const doc = await payload.findByID({
    collection: 'subscribers',
    depth: 0,
    id: subscriber,
    select: { interests: true },
  })
  const current = doc.interests ?? []
  const explicit = new Set(
    current.filter((entry) => entry.source === 'explicit').map((entry) => relationKey(entry.interest)),
  )
  const kept = current.filter(
    (entry) => entry.source === 'explicit' || !implicit.has(relationKey(entry.interest) ?? ''),
  )
  const added = [...implicit].filter(([interest]) => !explicit.has(interest))
  const rows = [
    ...kept.map((entry) => ({
      interest: relationId(entry.interest),
      lastSeenAt: entry.lastSeenAt,
      source: entry.source,
      weight: entry.weight,
    })),
    ...added.map(([interest, weight]) => ({
      interest: idFromKey(payload, interest),
      lastSeenAt: weight.asOf.toISOString(),
      source: 'implicit' as const,
      weight: Math.round(weight.value * 1000) / 1000,
    })),
  ]
  const unchanged =
    rows.length === current.length &&
    added.every(([interest, weight]) =>
      current.some(
        (entry) =>
          relationKey(entry.interest) === interest &&
          entry.source === 'implicit' &&
          entry.lastSeenAt &&
          new Date(entry.lastSeenAt).getTime() === weight.asOf.getTime() &&
          Math.abs((entry.weight ?? 0) - weight.value) < 0.001,
      ),
    )
  if (unchanged) return
  await payload.update({ collection: 'subscribers', data: { interests: rows as never }, depth: 0, id: subscriber })
}

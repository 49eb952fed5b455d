import type { Payload } from 'payload'

import type { BlockLibrary } from '../engine/blockLibrary'

import { VISITOR_EVENTS } from '../collections/VisitorEvents'
import { personalizationOptions } from '../extensions'
import { interestsOfPage } from './pageUrls'

/** What one view of a page or block adds to its interests: three views make an interest as strong as a stated one. */
export const VIEW_WEIGHT = 1 / 3
/** The newest signals a context is built from: enough for any real visitor, bounded for a flooding one. */
const MAX_SIGNALS = 500
const DAY = 24 * 60 * 60 * 1000

export type VisitorSignal = { block?: null | string; occurredAt: Date | string; type: string; url?: null | string }
export type InterestWeight = { lastSeenAt: Date; weight: number }

/**
 * The interests (ids) a visitor's page views and clicks show: a page view counts for the interests
 * whose URL rules match its page, a view of or click on a block for the block's interests.
 * Each signal adds VIEW_WEIGHT, up to 1; several interests of one page all gain.
 */
export function interestsOfSignals(signals: VisitorSignal[], library: BlockLibrary): Map<string, InterestWeight> {
  const blockInterests = new Map(library.candidates.map((block) => [String(block.id), block.interests.map(String)]))
  const weights = new Map<string, InterestWeight>()
  for (const signal of signals) {
    const at = new Date(signal.occurredAt)
    const interests = new Set([
      ...(signal.type === 'page_viewed' && signal.url ? interestsOfPage(library.taxonomy.pageRules, signal.url) : []),
      ...(signal.block ? (blockInterests.get(String(signal.block)) ?? []) : []),
    ])
    for (const interest of interests) {
      const previous = weights.get(interest)
      weights.set(interest, {
        lastSeenAt: previous && previous.lastSeenAt > at ? previous.lastSeenAt : at,
        weight: Math.min(1, (previous?.weight ?? 0) + VIEW_WEIGHT),
      })
    }
  }
  return weights
}

/** A visitor's events within the retention period, newest first (at most MAX_SIGNALS). */
export async function visitorSignals(payload: Payload, visitor: string, now: Date): Promise<VisitorSignal[]> {
  const retention = personalizationOptions(payload).browser.anonymousRetentionDays
  const { docs } = await payload.find({
    collection: VISITOR_EVENTS as 'events',
    depth: 0,
    limit: MAX_SIGNALS,
    pagination: false,
    select: { block: true, occurredAt: true, type: true, url: true } as never,
    sort: '-occurredAt',
    where: {
      and: [
        { visitor: { equals: visitor } },
        { occurredAt: { greater_than: new Date(now.getTime() - retention * DAY).toISOString() } },
      ],
    },
  })
  return docs as unknown as VisitorSignal[]
}

/** The interests of an anonymous visitor, as the engine ranks by them (`{ id, weight }`). */
export async function visitorInterests(
  payload: Payload,
  visitor: string,
  library: BlockLibrary,
  now: Date,
): Promise<{ id: string; weight: number }[]> {
  const weights = interestsOfSignals(await visitorSignals(payload, visitor, now), library)
  return [...weights].map(([id, { weight }]) => ({ id, weight }))
}

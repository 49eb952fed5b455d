import type { Payload } from 'payload'

import type { BlockLibrary } from '../engine/blockLibrary'

import { VISITOR_EVENTS } from '../collections/VisitorEvents'
import { readRows } from '../database/bulkRead'
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
  const blockInterests = blockInterestsOf(library)
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

const blockInterestIndexes = new WeakMap<BlockLibrary, Map<string, string[]>>()

/** Each block's interests by block id, once per library (it has thousands of blocks; a visitor's page view asks for a few). */
function blockInterestsOf(library: BlockLibrary): Map<string, string[]> {
  let index = blockInterestIndexes.get(library)
  if (!index) {
    index = new Map(library.candidates.map((block) => [String(block.id), block.interests.map(String)]))
    blockInterestIndexes.set(library, index)
  }
  return index
}

/** A visitor's events within the retention period, newest first (at most MAX_SIGNALS). */
export async function visitorSignals(payload: Payload, visitor: string, now: Date): Promise<VisitorSignal[]> {
  const retention = personalizationOptions(payload).browser.anonymousRetentionDays
  // Straight from the table (every page view of a visitor asks): Payload's find cost more than the page.
  const rows = await readRows(
    payload,
    VISITOR_EVENTS,
    ['block', 'occurredAt', 'type', 'url'],
    [
      { field: 'visitor', in: [visitor] },
      { atLeast: new Date(now.getTime() - retention * DAY), field: 'occurredAt' },
    ],
    { limit: MAX_SIGNALS, newestBy: 'occurredAt' },
  )
  return rows as unknown as VisitorSignal[]
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

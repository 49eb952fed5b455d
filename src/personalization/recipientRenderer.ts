import type { Payload } from 'payload'

import type { Newsletter, Subscriber } from '../payload-types'

import { compileNewsletter, personalizeNewsletter, type RenderedNewsletter } from '../rendering/email/renderNewsletter'
import { tokenContext } from '../rendering/tokens/liquid'
import { blockLibrary } from './blockLibrary'
import { contextFromSubscriber } from './context/buildContext'
import { fill, namedSegments, slotDefinitions } from './service'

export type RecipientInput = { recentBlocks: string[][]; segments: Set<string>; subscriber: Subscriber }
export type RenderedForRecipient = RenderedNewsletter & { blocks: string[] }

/**
 * One newsletter rendered for many subscribers (a campaign batch): the newsletter, block library
 * and settings are read once, compiled block combinations are shared (compileNewsletter's memo),
 * and per recipient only ranking and the Liquid tokens run.
 */
export async function recipientRenderer(payload: Payload, newsletter: Newsletter, at: Date) {
  const [library, implicitHalfLifeDays] = await Promise.all([
    blockLibrary(payload),
    (payload.config.custom?.implicitInterestHalfLifeDays as ((payload: Payload) => Promise<number>) | undefined)?.(payload),
  ])
  const definitions = slotDefinitions(newsletter.slots)
  const guard = newsletter.skipRecentSends ?? 0
  return {
    /** Segments the slots are reserved for: the caller answers membership for a whole batch at once. */
    segments: namedSegments(definitions),
    async render({ recentBlocks, segments, subscriber }: RecipientInput): Promise<RenderedForRecipient> {
      const purchases = (subscriber.purchases ?? []).map((purchase) => ({ at: new Date(purchase.purchasedAt), product: purchase.product }))
      const recent = guard > 0 ? recentBlocks.slice(-guard).flat() : []
      const context = contextFromSubscriber(subscriber, library.taxonomy, at, { implicitHalfLifeDays, purchases, recentBlocks: recent })
      context.segments = segments
      const slots = fill(library, { context }, definitions)
      const template = await compileNewsletter(newsletter, slots, library.content)
      return { ...personalizeNewsletter(newsletter, template, tokenContext(subscriber)), blocks: slots.flatMap((slot) => slot.choices.map((choice) => String(choice.block.id))) }
    },
  }
}

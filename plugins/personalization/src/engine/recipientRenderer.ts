import type { Payload } from 'payload'

import { extensionsOf } from '../extensions'

import type { Newsletter, Subscriber } from '../documents'
import type { AssembledSlot, BlockCandidate } from './types'

import { CodedError } from '../errors'

import { compileNewsletter, personalizeNewsletter, type RenderedNewsletter } from '../rendering/email/renderNewsletter'
import { tokenContext } from '../rendering/tokens/liquid'
import { blockLibrary } from './blockLibrary'
import { contextFromSubscriber } from './context/buildContext'
import { engineSettings, fill, namedSegments, slotDefinitions } from './service'

export type RecipientInput = { recentBlocks: string[][]; segments: Set<string>; subscriber: Subscriber }
/** An A/B variant: its own subject and/or one slot's block, fixed instead of ranked. */
export type VariantOverride = { block: null | string; key: string; slot: null | string; subject: null | string }
export type RenderedForRecipient = RenderedNewsletter & { blocks: string[] }

/**
 * One newsletter rendered for many subscribers (a campaign batch): the newsletter, block library
 * and settings are read once, compiled block combinations are shared (compileNewsletter's memo),
 * and per recipient only ranking and the Liquid tokens run.
 */
export async function recipientRenderer(payload: Payload, newsletter: Newsletter, at: Date) {
  const [library, implicitHalfLifeDays] = await Promise.all([
    blockLibrary(payload),
    extensionsOf(payload).halfLives?.implicitInterestDays(payload),
  ])
  const definitions = slotDefinitions(newsletter.slots)
  const guard = newsletter.skipRecentSends ?? 0
  const settings = engineSettings(payload)
  return {
    /** Segments the slots are reserved for: the caller answers membership for a whole batch at once. */
    segments: namedSegments(definitions),
    async render({ recentBlocks, segments, subscriber }: RecipientInput, variant?: null | VariantOverride): Promise<RenderedForRecipient> {
      const purchases = (subscriber.purchases ?? []).map((purchase) => ({ at: new Date(purchase.purchasedAt), product: purchase.product }))
      const recent = guard > 0 ? recentBlocks.slice(-guard).flat() : []
      const context = contextFromSubscriber(subscriber, library.taxonomy, at, { implicitHalfLifeDays, purchases, recentBlocks: recent })
      context.segments = segments
      const slots = pinVariantBlock(fill(library, { context }, definitions, settings), library.candidates, variant)
      // A variant's subject is a newsletter of its own to the compile caches (they key by id).
      const source = variant?.subject ? { ...newsletter, id: `${newsletter.id}:${variant.key}`, subject: variant.subject } : newsletter
      const template = await compileNewsletter(source, slots, library.content)
      return { ...personalizeNewsletter(source, template, tokenContext(subscriber)), blocks: slots.flatMap((slot) => slot.choices.map((choice) => String(choice.block.id))) }
    },
  }
}

/** The variant's block replaces what ranking chose for its slot. */
function pinVariantBlock(slots: AssembledSlot[], candidates: BlockCandidate[], variant?: null | VariantOverride): AssembledSlot[] {
  if (!variant?.slot || !variant.block) return slots
  const block = candidates.find((candidate) => String(candidate.id) === variant.block)
  if (!block) throw new CodedError('FAILED_PRECONDITION', `The block of variant "${variant.key}" is not published`)
  const reason = { kind: 'variant' as const, localeFallback: false, matchedInterests: [], matchedPersona: null, matchedStage: null, score: 0 }
  return slots.map((slot) => (slot.key === variant.slot ? { ...slot, choices: [{ block, reason }] } : slot))
}

import type { Payload } from 'payload'

import type { Newsletter, RecommendationSlotRow, Subscriber } from '../documents'
import type { PinnedBlock } from './assembly/assemble'
import type { BlockCandidate } from './types'

import { CodedError } from '../errors'
import { extensionsOf } from '../extensions'
import { DEFAULT_LOCALE } from '../i18n/locales'
import { type OpenCart, openCarts } from '../products/recommendations/carts'
import { productViews } from '../products/recommendations/load'
import { recommendationsFor, recommendationState } from '../products/recommendations/recommendations'
import {
  compileNewsletter,
  newsletterIn,
  newsletterLanguages,
  personalizeNewsletter,
  type RenderedNewsletter,
} from '../rendering/email/renderNewsletter'
import { tokenContext } from '../rendering/tokens/liquid'
import { blockLibrary } from './blockLibrary'
import { type Behaviour, NO_BEHAVIOUR, readBehaviour } from './context/behaviour'
import { subscriberContext } from './context/buildContext'
import { documentLanguage } from './context/documentLanguage'
import { segmentMemberships } from './context/segmentMemberships'
import { engineSettings, fill, namedSegments, slotDefinitions } from './service'

/**
 * `recentBlocks`: the blocks of each of the recipient's sends, oldest first. `behaviour`: what they
 * did (purchases, conversions), read for the whole batch with `histories`.
 */
export type RecipientInput = {
  /** Required, though undefined for a recipient without events: a recipient rendered without it would pass the guards. */
  behaviour: Behaviour | undefined
  recentBlocks: string[][]
  segments: Set<string>
  subscriber: Subscriber
}
/**
 * A version of the newsletter that differs from the ranked one (e.g. a campaign's A/B variant):
 * its own subject, and/or `block` fixed in the slot `slot` instead of ranked. `key` tells the
 * versions apart.
 */
export type NewsletterVersion = { block: null | string; key: string; slot: null | string; subject: null | string }
export type RenderedForRecipient = RenderedNewsletter & { blocks: string[] }

/**
 * One newsletter rendered for many subscribers (a campaign batch): the newsletter, block library
 * and settings are read once, compiled block combinations are shared (compileNewsletter's memo),
 * and per recipient only ranking and the Liquid tokens run.
 */
export async function recipientRenderer(payload: Payload, newsletter: Newsletter, at: Date) {
  const recommendationRows = (newsletter as { recommendationSlots?: null | RecommendationSlotRow[] })
    .recommendationSlots
  // Catalog and purchase model once for the whole send; per recipient only the choice (no database read).
  const [library, implicitHalfLifeDays, recommending] = await Promise.all([
    blockLibrary(payload),
    extensionsOf(payload).halfLives?.implicitInterestDays(payload),
    recommendationRows?.length ? recommendationState(payload) : null,
  ])
  const definitions = slotDefinitions(newsletter.slots)
  const reserved = namedSegments(definitions)
  const settings = engineSettings(payload)
  const personaFitsOf = extensionsOf(payload).leadScores?.personaFitsOf
  const versions = newsletterLanguages(newsletter)
  /** A version's fixed block is in one language: readers of a mail in another get the ranked block instead. */
  const inLanguage = (version: NewsletterVersion | null | undefined, language: string) => {
    const pinned = version?.block && library.candidates.find((block) => String(block.id) === version.block)
    return pinned && pinned.locale !== language ? { ...version, block: null } : version
  }
  return {
    /**
     * A batch's behaviour (purchases, downloads, form submissions, ever a customer), read at once:
     * one query for the batch, never one per recipient. Events after `when` do not count; recipients
     * without events are missing.
     */
    histories: async (subscribers: string[], when: Date) => {
      const behaviours = await readBehaviour(payload, subscribers, library.taxonomy.customerStageIds, when)
      if (!recommending) return behaviours
      // "Recently viewed" needs the batch's product views: one more query for the batch, not one per recipient.
      // The "cart" strategy likewise reads the batch's open carts at once.
      const [views, carts] = await Promise.all([
        productViews(payload, subscribers, when),
        recommendationRows?.some((row) => row.strategy === 'cart')
          ? openCarts(payload, subscribers, when)
          : new Map<string, OpenCart>(),
      ])
      for (const [subscriber, seen] of views)
        behaviours.set(subscriber, { ...(behaviours.get(subscriber) ?? NO_BEHAVIOUR), views: seen })
      for (const [subscriber, cart] of carts)
        behaviours.set(subscriber, { ...(behaviours.get(subscriber) ?? NO_BEHAVIOUR), cart: cart.products })
      return behaviours
    },
    /** A batch's memberships in the segments the slots are reserved for, read at once. */
    memberships: (subscribers: string[], when: Date) => segmentMemberships(payload, subscribers, reserved, when),
    async render(
      { behaviour, recentBlocks, segments, subscriber }: RecipientInput,
      version?: NewsletterVersion | null,
    ): Promise<RenderedForRecipient> {
      const history = {
        behaviour: behaviour ?? NO_BEHAVIOUR,
        implicitHalfLifeDays,
        personaFits: personaFitsOf?.(subscriber),
        segments,
        sends: recentBlocks,
        skipRecentSends: newsletter.skipRecentSends ?? 0,
      }
      const language = documentLanguage({
        at,
        blocks: library.candidates,
        readerLocale: subscriber.locale,
        slots: definitions,
        versions,
      })
      const context = { ...subscriberContext(subscriber, library.taxonomy, at, history), locale: language }
      const slots = fill(
        library,
        { context },
        definitions,
        settings,
        pinnedOf(library.candidates, inLanguage(version, language)),
      )
      // A version's subject is a newsletter of its own to the compile caches (they key by id); it is
      // written in the default language, so a translated mail keeps its translation's subject.
      const source = newsletterIn(
        version?.subject && language === DEFAULT_LOCALE
          ? { ...newsletter, id: `${newsletter.id}:${version.key}`, subject: version.subject }
          : newsletter,
        language,
      )
      const recommendations =
        recommending &&
        recommendationsFor(recommending, {
          at,
          context,
          guardDays: settings.discountGuardDays,
          language,
          readerLocale: subscriber.locale,
          rows: recommendationRows,
          subscriber: String(subscriber.id),
          taxonomy: library.taxonomy,
          views: behaviour?.views ?? [],
          cart: behaviour?.cart,
        })
      const template = await compileNewsletter(source, slots, library.content, recommendations?.emailSections)
      return {
        ...personalizeNewsletter(source, template, tokenContext(subscriber, language)),
        blocks: slots.flatMap((slot) => slot.choices.map((choice) => String(choice.block.id))),
      }
    },
  }
}

/** The version's block, fixed in its slot instead of ranked (assembly still applies the guards to it). */
function pinnedOf(candidates: BlockCandidate[], version?: NewsletterVersion | null): null | PinnedBlock {
  if (!version?.slot || !version.block) return null
  const block = candidates.find((candidate) => String(candidate.id) === version.block)
  if (!block)
    throw new CodedError(
      'FAILED_PRECONDITION',
      `Block ${version.block}, fixed in slot "${version.slot}" (${version.key}), is not published`,
    )
  return { block, slot: version.slot }
}

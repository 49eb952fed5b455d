import type { BlockCandidate, EngineSettings, PersonalizationContext, SlotDefinition } from '../types'

import { CUSTOMER_STAGES } from '../../domain/lifecycle'
import { regionCovers } from '../../domain/regions'
import { timesOf } from '../times'

const DAY = 24 * 60 * 60 * 1000

export type Exclusion =
  | 'already_in_document'
  | 'channel'
  | GuardRule
  | 'interest_or_region'
  | 'locale'
  | 'not_valid_yet'
  | 'expired'
  | 'persona'
  | 'recently_received'
  | 'region'
  | 'slot_goal'
  | 'slot_interest'
  | 'slot_segment'
  | 'stage'

/** The rules that hold on every path: ranked blocks, fallbacks and blocks a version pins. */
export type GuardRule = 'guard_acquisition_for_customer' | 'guard_already_converted' | 'guard_discount_after_purchase'

export type EligibilityInput = {
  block: BlockCandidate
  context: PersonalizationContext
  /** Ancestors of each interest id, so a slot for "Finanzen" takes a block tagged "E-Rechnung". */
  interestAncestors: Map<string, string[]>
  locale: string
  settings: EngineSettings
  slot: SlotDefinition
  used: Set<string>
}

/** The first rule that keeps a block out of a slot for this reader, or null when it may be shown. */
export function exclusionOf(input: EligibilityInput): Exclusion | null {
  return slotExclusion(input) ?? segmentExclusion(input) ?? readerExclusion(input)
}

/** A slot meant for some segments is closed to everyone else: they get its fallback. */
export function segmentExclusion({ context, slot }: Pick<EligibilityInput, 'context' | 'slot'>): Exclusion | null {
  if (!slot.segments?.length) return null
  return slot.segments.some((segment) => context.segments?.has(String(segment))) ? null : 'slot_segment'
}

/** Rules that depend only on the slot and the language: the same for every reader. */
export function slotExclusion({
  block,
  interestAncestors,
  locale,
  slot,
}: Pick<EligibilityInput, 'block' | 'interestAncestors' | 'locale' | 'slot'>): Exclusion | null {
  if (!block.channels.includes(slot.channel)) return 'channel'
  if (block.locale !== locale) return 'locale'
  if (slot.goals.length > 0 && (!block.goal || !slot.goals.includes(block.goal))) return 'slot_goal'
  if (slot.interests.length > 0 && !taggedWithin(block.interests, slot.interests, interestAncestors))
    return 'slot_interest'
  return null
}

/** Rules that depend on the reader, the render time and what the document already holds. */
export function readerExclusion({
  block,
  context,
  settings,
  slot,
  used,
}: Pick<EligibilityInput, 'block' | 'context' | 'settings' | 'slot' | 'used'>): Exclusion | null {
  const at = context.now.getTime()
  if (used.has(String(block.id))) return 'already_in_document'
  const { from, until } = timesOf(block)
  if (from > at) return 'not_valid_yet'
  if (until <= at) return 'expired'
  if (context.stage && block.stages.length > 0 && !block.stages.includes(context.stage)) return 'stage'
  if (
    context.primaryPersona != null &&
    block.personas.length > 0 &&
    !block.personas.some((id) => String(id) === String(context.primaryPersona))
  ) {
    return 'persona'
  }
  const matching = matchExclusion(block, context, slot)
  if (matching) return matching
  const guard = guardExclusion({ block, context, settings })
  if (guard) return guard
  if (context.recentBlocks.has(String(block.id))) return 'recently_received'
  return null
}

/**
 * The guards: what a person did rules a block out whatever else fits. An acquisition offer never
 * reaches anyone who ever bought or was ever in a customer stage; a discount waits
 * `discountGuardDays` after a purchase of its product; a block converting on an asset or form is
 * withheld from who already converted on it within the block's window (empty: ever).
 */
export function guardExclusion({
  block,
  context,
  settings,
}: Pick<EligibilityInput, 'block' | 'context' | 'settings'>): GuardRule | null {
  const at = context.now.getTime()
  if (
    block.goal === 'acquisition' &&
    (context.wasCustomer || (context.stage && CUSTOMER_STAGES.includes(context.stage)))
  )
    return 'guard_acquisition_for_customer'
  if (block.discountProduct && boughtRecently(context, block.discountProduct, at - settings.discountGuardDays * DAY)) {
    return 'guard_discount_after_purchase'
  }
  if (block.convertsOn) {
    const since = block.conversionWindowDays ? at - block.conversionWindowDays * DAY : -Infinity
    const { key, kind } = block.convertsOn
    if (context.conversions.some((done) => done.kind === kind && done.key === key && done.at.getTime() >= since))
      return 'guard_already_converted'
  }
  return null
}

/**
 * The reader-side match of the slot: `all` keeps a regional block to its region (like a stage or
 * persona tag); `interestsOrRegion` takes a block that carries one of the reader's interests or
 * their region, and nothing else.
 */
function matchExclusion(
  block: BlockCandidate,
  context: PersonalizationContext,
  slot: Pick<SlotDefinition, 'match'>,
): Exclusion | null {
  if ((slot.match ?? 'all') === 'all')
    return block.regions?.length && !matchedRegion(block, context.region) ? 'region' : null
  if (matchedRegion(block, context.region)) return null
  return block.interests.some((id) => (context.interests.get(String(id)) ?? 0) > 0) ? null : 'interest_or_region'
}

/** The block's region the reader lies in (`AT` covers `AT-9`), or null. */
export function matchedRegion(block: BlockCandidate, readerRegion: null | string | undefined): null | string {
  if (!readerRegion || !block.regions?.length) return null
  return block.regions.find((region) => regionCovers(region, readerRegion)) ?? null
}

/**
 * What keeps a fixed block (a slot's fallback, a version's pinned block) out for this reader: a
 * language other than the document's (one language per document) or a guard.
 */
export function fixedBlockExclusion({
  block,
  context,
  settings,
}: Pick<EligibilityInput, 'block' | 'context' | 'settings'>): Exclusion | null {
  if (block.locale !== context.locale) return 'locale'
  return guardExclusion({ block, context, settings })
}

function taggedWithin(
  blockInterests: BlockCandidate['interests'],
  slotInterests: SlotDefinition['interests'],
  ancestors: Map<string, string[]>,
) {
  const wanted = new Set(slotInterests.map(String))
  return blockInterests.some(
    (id) => wanted.has(String(id)) || (ancestors.get(String(id)) ?? []).some((ancestor) => wanted.has(ancestor)),
  )
}

function boughtRecently(context: PersonalizationContext, product: string, since: number) {
  return context.purchases.some((purchase) => purchase.product === product && purchase.at.getTime() >= since)
}

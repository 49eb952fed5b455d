import type { BlockCandidate, EngineSettings, PersonalizationContext, SlotDefinition } from '../types'

import { CUSTOMER_STAGES } from '../../domain/lifecycle'
import { timesOf } from '../times'

const DAY = 24 * 60 * 60 * 1000

export type Exclusion =
  | 'already_in_document'
  | 'channel'
  | 'guard_acquisition_for_customer'
  | 'guard_discount_after_purchase'
  | 'locale'
  | 'not_valid_yet'
  | 'expired'
  | 'persona'
  | 'recently_received'
  | 'slot_goal'
  | 'slot_interest'
  | 'slot_segment'
  | 'stage'

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
  used,
}: Pick<EligibilityInput, 'block' | 'context' | 'settings' | 'used'>): Exclusion | null {
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
  if (block.goal === 'acquisition' && context.stage && CUSTOMER_STAGES.includes(context.stage))
    return 'guard_acquisition_for_customer'
  if (block.discountProduct && boughtRecently(context, block.discountProduct, at - settings.discountGuardDays * DAY)) {
    return 'guard_discount_after_purchase'
  }
  if (context.recentBlocks.has(String(block.id))) return 'recently_received'
  return null
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

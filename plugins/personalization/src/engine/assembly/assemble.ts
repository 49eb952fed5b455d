import type {
  AssembledSlot,
  BlockCandidate,
  Choice,
  EngineSettings,
  PersonalizationContext,
  Reason,
  Replacement,
  SlotDefinition,
} from '../types'

import {
  type Exclusion,
  exclusionOf,
  fixedBlockExclusion,
  matchedRegion,
  readerExclusion,
  segmentExclusion,
  slotExclusion,
} from '../eligibility/eligibility'
import { rank, roundComponents } from '../ranking/ranking'
import { isValidAt } from '../times'

/** A block a version of the document fixes in a slot instead of ranking (e.g. a campaign's A/B variant). */
export type PinnedBlock = { block: BlockCandidate; slot: string }

export type AssemblyInput = {
  blocks: BlockCandidate[]
  /** The reader; `context.locale` is the document's one language (decided before assembly). */
  context: PersonalizationContext
  interestAncestors: Map<string, string[]>
  pinned?: null | PinnedBlock
  settings: EngineSettings
  slots: SlotDefinition[]
}

export class MissingFallbackError extends Error {
  constructor(readonly slot: string) {
    super(`Slot "${slot}" has no published fallback block`)
  }
}

const NO_MATCH = { matchedInterests: [], matchedPersona: null, matchedRegion: null, matchedStage: null, score: 0 }

/**
 * Fills the slots in order: eligible blocks in the document's language (`context.locale`, never
 * another: a mail never mixes languages), ranked, never a block twice in one document; the slot's
 * fallback when nothing qualifies. The guards hold on every path: a fallback or pinned block they
 * rule out gives way to the next eligible fallback of the channel, and the reason names it.
 */
export function assemble({
  blocks,
  context,
  interestAncestors,
  pinned,
  settings,
  slots,
}: AssemblyInput): AssembledSlot[] {
  const byId = indexOf(blocks)
  const used = new Set<string>()
  const pinnedRule = pinned ? fixedBlockExclusion({ block: pinned.block, context, settings }) : null
  // The pinned block belongs to its slot: ranking elsewhere does not take it first.
  if (pinned && !pinnedRule) used.add(String(pinned.block.id))

  return slots.map((slot) => {
    const choices =
      pinned && slot.key === pinned.slot
        ? pinnedChoices(pinned.block, pinnedRule, slot, blocks, byId, context, settings, used)
        : rankedChoices(slot, blocks, context, interestAncestors, settings, used)
    if (choices.length === 0) {
      const fallback = fallbackChoice(slot, blocks, byId, context, settings, used, () =>
        exclusions(blocks, context, interestAncestors, settings, slot, used),
      )
      if (fallback) choices.push(fallback)
    }
    for (const choice of choices) used.add(String(choice.block.id))
    return { choices, key: slot.key, label: slot.label }
  })
}

function rankedChoices(
  slot: SlotDefinition,
  blocks: BlockCandidate[],
  context: PersonalizationContext,
  interestAncestors: Map<string, string[]>,
  settings: EngineSettings,
  used: Set<string>,
): Choice[] {
  if (segmentExclusion({ context, slot }) !== null) return []
  const eligible = slotCandidates(blocks, slot, context.locale, interestAncestors).filter(
    (block) => readerExclusion({ block, context, settings, slot, used }) === null,
  )
  return rank(eligible, context, slot.strategy)
    .slice(0, slot.count)
    .map((ranked) => ({
      block: ranked.block,
      reason: {
        components: roundComponents(ranked.components),
        kind: 'ranked',
        localeFallback: false,
        matchedInterests: ranked.matchedInterests,
        matchedPersona: ranked.matchedPersona,
        matchedRegion: matchedRegion(ranked.block, context.region),
        matchedStage: ranked.matchedStage,
        score: ranked.score,
      },
    }))
}

/** Why nothing qualified: counted only when the fallback is needed, so the common path stays cheap. */
function exclusions(
  blocks: BlockCandidate[],
  context: PersonalizationContext,
  interestAncestors: Map<string, string[]>,
  settings: EngineSettings,
  slot: SlotDefinition,
  used: Set<string>,
): Record<string, number> {
  const excluded: Partial<Record<Exclusion, number>> = {}
  for (const block of blocks) {
    const exclusion = block.isFallback
      ? null
      : exclusionOf({ block, context, interestAncestors, locale: context.locale, settings, slot, used })
    if (exclusion) excluded[exclusion] = (excluded[exclusion] ?? 0) + 1
  }
  return excluded as Record<string, number>
}

/** The version's block, or (when a guard or the language rules it out for this reader) the next eligible fallback. */
function pinnedChoices(
  block: BlockCandidate,
  rule: Exclusion | null,
  slot: SlotDefinition,
  blocks: BlockCandidate[],
  byId: Map<string, BlockCandidate>,
  context: PersonalizationContext,
  settings: EngineSettings,
  used: Set<string>,
): Choice[] {
  if (!rule) return [{ block, reason: { ...NO_MATCH, kind: 'pinned', localeFallback: false } }]
  const own = byId.get(String(slot.fallback))
  const ownFits =
    own && own !== block && !used.has(String(own.id)) && !fixedBlockExclusion({ block: own, context, settings })
  const stand = ownFits ? own : standIn(slot, blocks, context, settings, used, block)
  return stand ? [{ block: stand, reason: fallbackReason(undefined, replacement(block, rule)) }] : []
}

/**
 * The slot's own fallback; when an earlier slot already showed it, or a guard or the language rules
 * it out, the next eligible fallback block of the channel. Already shown and nothing else: shown
 * again (better than a hole). Ruled out and nothing else: the slot stays empty, since a guarded or
 * foreign-language block is worse than none.
 */
function fallbackChoice(
  slot: SlotDefinition,
  blocks: BlockCandidate[],
  byId: Map<string, BlockCandidate>,
  context: PersonalizationContext,
  settings: EngineSettings,
  used: Set<string>,
  excluded: () => Record<string, number>,
): Choice | null {
  const own = byId.get(String(slot.fallback))
  if (!own) throw new MissingFallbackError(slot.key)
  const ruleOut = fixedBlockExclusion({ block: own, context, settings })
  if (!ruleOut && !used.has(String(own.id))) return { block: own, reason: fallbackReason(excluded()) }
  const alternative = standIn(slot, blocks, context, settings, used, own)
  if (alternative)
    return {
      block: alternative,
      reason: fallbackReason(excluded(), replacement(own, ruleOut ?? 'already_in_document')),
    }
  return ruleOut ? null : { block: own, reason: fallbackReason(excluded()) }
}

/** Another generic block for the slot's channel: in the document's language, valid now, not yet in it, past the guards. */
function standIn(
  slot: SlotDefinition,
  blocks: BlockCandidate[],
  context: PersonalizationContext,
  settings: EngineSettings,
  used: Set<string>,
  instead: BlockCandidate,
): BlockCandidate | undefined {
  const at = context.now.getTime()
  return blocks
    .filter(
      (block) =>
        block.isFallback &&
        block !== instead &&
        block.channels.includes(slot.channel) &&
        !used.has(String(block.id)) &&
        isValidAt(block, at) &&
        fixedBlockExclusion({ block, context, settings }) === null,
    )
    .sort((a, b) => b.priority - a.priority || String(a.id).localeCompare(String(b.id), 'en', { numeric: true }))[0]
}

const replacement = (block: BlockCandidate, rule: string): Replacement => ({
  block: String(block.id),
  rule,
  title: block.title,
})

const fallbackReason = (excluded: Record<string, number> | undefined, replaced?: Replacement): Reason => ({
  ...NO_MATCH,
  ...(excluded ? { excluded } : {}),
  kind: 'fallback',
  localeFallback: false,
  ...(replaced ? { replaced } : {}),
})

const slotCandidateCache = new WeakMap<BlockCandidate[], Map<string, BlockCandidate[]>>()

/**
 * The blocks a slot can take in a language, whoever reads: computed once per block library and
 * slot filter, so many readers (a send, or page views) only check the reader-specific rules.
 * Generic (fallback) blocks are left out: they only fill in as a slot's fallback.
 */
function slotCandidates(
  blocks: BlockCandidate[],
  slot: SlotDefinition,
  locale: string,
  interestAncestors: Map<string, string[]>,
): BlockCandidate[] {
  let bySignature = slotCandidateCache.get(blocks)
  if (!bySignature) slotCandidateCache.set(blocks, (bySignature = new Map()))
  const signature = `${signatureOf(slot)}|${locale}`
  let candidates = bySignature.get(signature)
  if (!candidates) {
    candidates = blocks.filter(
      (block) => !block.isFallback && slotExclusion({ block, interestAncestors, locale, slot }) === null,
    )
    bySignature.set(signature, candidates)
  }
  return candidates
}

const indexes = new WeakMap<BlockCandidate[], Map<string, BlockCandidate>>()

function indexOf(blocks: BlockCandidate[]): Map<string, BlockCandidate> {
  let index = indexes.get(blocks)
  if (!index) indexes.set(blocks, (index = new Map(blocks.map((block) => [String(block.id), block]))))
  return index
}

const signatures = new WeakMap<SlotDefinition, string>()

/** What makes two slots take the same candidates; slot definitions are reused across readers of a send. */
function signatureOf(slot: SlotDefinition): string {
  let signature = signatures.get(slot)
  if (signature === undefined)
    signatures.set(slot, (signature = JSON.stringify([slot.channel, slot.goals, slot.interests])))
  return signature
}

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
import { compareIds, rank, roundComponents } from '../ranking/ranking'
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

/** One document being assembled for one reader: the library, the reader and the blocks it already holds. */
type Assembly = Omit<AssemblyInput, 'pinned' | 'slots'> & { byId: Map<string, BlockCandidate>; used: Set<string> }

/**
 * Fills the slots in order: eligible blocks in the document's language (`context.locale`, never
 * another: a mail never mixes languages), ranked, never a block twice in one document; the slot's
 * fallback when nothing qualifies. The guards hold on every path: a fallback or pinned block they
 * rule out gives way to the next eligible fallback of the channel, and the reason names it.
 */
export function assemble({ pinned, slots, ...input }: AssemblyInput): AssembledSlot[] {
  const doc: Assembly = { ...input, byId: indexOf(input.blocks), used: new Set<string>() }
  const pinnedRule = pinned ? fixedRule(doc, pinned.block) : null
  // The pinned block belongs to its slot: ranking elsewhere does not take it first.
  if (pinned && !pinnedRule) doc.used.add(String(pinned.block.id))

  return slots.map((slot) => {
    const choices =
      pinned && slot.key === pinned.slot ? pinnedChoices(doc, slot, pinned.block, pinnedRule) : rankedChoices(doc, slot)
    if (choices.length === 0) {
      const fallback = fallbackChoice(doc, slot)
      if (fallback) choices.push(fallback)
    }
    for (const choice of choices) doc.used.add(String(choice.block.id))
    return { choices, key: slot.key, label: slot.label }
  })
}

function rankedChoices(doc: Assembly, slot: SlotDefinition): Choice[] {
  const { blocks, context, interestAncestors, settings, used } = doc
  if (segmentExclusion({ context, slot }) !== null) return []
  // Runs for every candidate of every slot of every reader: no object spread here.
  const eligible = slotCandidates(blocks, slot, context.locale, interestAncestors).filter(
    (block) => readerExclusion({ block, context, settings, slot, used }) === null,
  )
  return rank(eligible, context, slot.strategy, slot.count).map((ranked) => ({
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

/**
 * Why nothing qualified, as the document stood when the fallback was chosen. Counted when the reason
 * is read (a preview, the API), not for every recipient of a send, who never sees it.
 */
function exclusions(doc: Assembly, slot: SlotDefinition): () => Record<string, number> {
  const used = new Set(doc.used)
  let counted: Record<string, number> | undefined
  return () => {
    if (counted) return counted
    const state = { ...doc, used }
    const excluded: Partial<Record<Exclusion, number>> = {}
    for (const block of state.blocks) {
      const exclusion = block.isFallback ? null : exclusionOf({ ...state, block, locale: state.context.locale, slot })
      if (exclusion) excluded[exclusion] = (excluded[exclusion] ?? 0) + 1
    }
    return (counted = excluded as Record<string, number>)
  }
}

/** The version's block, or (when a guard or the language rules it out for this reader) the slot's fallback or the next eligible one. */
function pinnedChoices(doc: Assembly, slot: SlotDefinition, block: BlockCandidate, rule: Exclusion | null): Choice[] {
  if (!rule) return [{ block, reason: { ...NO_MATCH, kind: 'pinned', localeFallback: false } }]
  const own = doc.byId.get(String(slot.fallback))
  const ownFits = own && own !== block && !doc.used.has(String(own.id)) && !fixedRule(doc, own)
  const stand = ownFits ? own : standIn(doc, slot, block)
  return stand ? [{ block: stand, reason: fallbackReason(undefined, replacement(block, rule)) }] : []
}

/**
 * The slot's own fallback; when an earlier slot already showed it, or a guard or the language rules
 * it out, the next eligible fallback block of the channel. Already shown and nothing else: shown
 * again (better than a hole). Ruled out and nothing else: the slot stays empty, since a guarded or
 * foreign-language block is worse than none.
 */
function fallbackChoice(doc: Assembly, slot: SlotDefinition): Choice | null {
  const own = doc.byId.get(String(slot.fallback))
  if (!own) throw new MissingFallbackError(slot.key)
  const ruleOut = fixedRule(doc, own)
  if (!ruleOut && !doc.used.has(String(own.id))) return { block: own, reason: fallbackReason(exclusions(doc, slot)) }
  const alternative = standIn(doc, slot, own)
  if (alternative)
    return {
      block: alternative,
      reason: fallbackReason(exclusions(doc, slot), replacement(own, ruleOut ?? 'already_in_document')),
    }
  return ruleOut ? null : { block: own, reason: fallbackReason(exclusions(doc, slot)) }
}

/** Another generic block for the slot's channel: in the document's language, valid now, not yet in it, past the guards. */
function standIn(doc: Assembly, slot: SlotDefinition, instead: BlockCandidate): BlockCandidate | undefined {
  const at = doc.context.now.getTime()
  return doc.blocks
    .filter(
      (block) =>
        block.isFallback &&
        block !== instead &&
        block.channels.includes(slot.channel) &&
        !doc.used.has(String(block.id)) &&
        isValidAt(block, at) &&
        fixedRule(doc, block) === null,
    )
    .sort((a, b) => b.priority - a.priority || compareIds(String(a.id), String(b.id)))[0]
}

const fixedRule = (doc: Assembly, block: BlockCandidate) =>
  fixedBlockExclusion({ block, context: doc.context, settings: doc.settings })

const replacement = (block: BlockCandidate, rule: string): Replacement => ({
  block: String(block.id),
  rule,
  title: block.title,
})

function fallbackReason(excluded: (() => Record<string, number>) | undefined, replaced?: Replacement): Reason {
  const reason: Reason = excluded
    ? {
        ...NO_MATCH,
        // A getter in the literal, not defineProperty: the same enumerable property, without the slow path per recipient.
        get excluded() {
          return excluded()
        },
        kind: 'fallback',
        localeFallback: false,
      }
    : { ...NO_MATCH, kind: 'fallback', localeFallback: false }
  if (replaced) reason.replaced = replaced
  return reason
}

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

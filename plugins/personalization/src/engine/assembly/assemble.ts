import type {
  AssembledSlot,
  BlockCandidate,
  Choice,
  EngineSettings,
  PersonalizationContext,
  SlotDefinition,
} from '../types'

import {
  type Exclusion,
  exclusionOf,
  readerExclusion,
  segmentExclusion,
  slotExclusion,
} from '../eligibility/eligibility'
import { rank, roundComponents } from '../ranking/ranking'
import { isValidAt } from '../times'

export type AssemblyInput = {
  blocks: BlockCandidate[]
  context: PersonalizationContext
  interestAncestors: Map<string, string[]>
  settings: EngineSettings
  slots: SlotDefinition[]
}

export class MissingFallbackError extends Error {
  constructor(readonly slot: string) {
    super(`Slot "${slot}" has no published fallback block`)
  }
}

/**
 * Fills the slots in order: eligible blocks in the reader's language (else the default language),
 * ranked, never a block twice in one document; the slot's fallback when nothing qualifies.
 */
export function assemble({ blocks, context, interestAncestors, settings, slots }: AssemblyInput): AssembledSlot[] {
  const byId = indexOf(blocks)
  const used = new Set<string>()

  return slots.map((slot) => {
    const open = segmentExclusion({ context, slot }) === null
    const eligibleIn = (locale: string) =>
      open
        ? slotCandidates(blocks, slot, locale, interestAncestors).filter(
            (block) => readerExclusion({ block, context, settings, used }) === null,
          )
        : []
    /** Why nothing qualified: counted only when the fallback is needed, so the common path stays cheap. */
    const exclusions = () => {
      const excluded: Partial<Record<Exclusion, number>> = {}
      for (const locale of new Set([context.locale, settings.defaultLocale])) {
        for (const block of blocks) {
          const exclusion = block.isFallback
            ? null
            : exclusionOf({ block, context, interestAncestors, locale, settings, slot, used })
          if (exclusion) excluded[exclusion] = (excluded[exclusion] ?? 0) + 1
        }
      }
      return excluded as Record<string, number>
    }

    let localeFallback = false
    let eligible = eligibleIn(context.locale)
    if (eligible.length === 0 && context.locale !== settings.defaultLocale) {
      eligible = eligibleIn(settings.defaultLocale)
      localeFallback = eligible.length > 0
    }

    const choices: Choice[] = rank(eligible, context, slot.strategy)
      .slice(0, slot.count)
      .map((ranked) => ({
        block: ranked.block,
        reason: {
          components: roundComponents(ranked.components),
          kind: 'ranked',
          localeFallback,
          matchedInterests: ranked.matchedInterests,
          matchedPersona: ranked.matchedPersona,
          matchedStage: ranked.matchedStage,
          score: ranked.score,
        },
      }))

    if (choices.length === 0) {
      const fallback = fallbackFor(slot, blocks, byId, context, settings, used)
      choices.push({
        block: fallback,
        reason: {
          excluded: exclusions(),
          kind: 'fallback',
          localeFallback: false,
          matchedInterests: [],
          matchedPersona: null,
          matchedStage: null,
          score: 0,
        },
      })
    }
    for (const choice of choices) used.add(String(choice.block.id))
    return { choices, key: slot.key, label: slot.label }
  })
}

/**
 * The slot's own fallback; when an earlier slot already showed it, another generic block for the
 * channel that is valid now and not yet in the document, so the reader never sees a block twice
 * unless nothing else exists.
 */
function fallbackFor(
  slot: SlotDefinition,
  blocks: BlockCandidate[],
  byId: Map<string, BlockCandidate>,
  context: PersonalizationContext,
  settings: EngineSettings,
  used: Set<string>,
): BlockCandidate {
  const own = byId.get(String(slot.fallback))
  if (!own) throw new MissingFallbackError(slot.key)
  if (!used.has(String(own.id))) return own
  const at = context.now.getTime()
  const alternative = blocks
    .filter(
      (block) =>
        block.isFallback &&
        !used.has(String(block.id)) &&
        block.channels.includes(slot.channel) &&
        [context.locale, settings.defaultLocale].includes(block.locale) &&
        isValidAt(block, at),
    )
    .sort(
      (a, b) => Number(b.locale === context.locale) - Number(a.locale === context.locale) || b.priority - a.priority,
    )[0]
  return alternative ?? own
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

import type { BlockCandidate, PersonalizationContext, RankingStrategy, ScoreComponents } from '../types'

import { timesOf } from '../times'

const DAY = 24 * 60 * 60 * 1000
const FRESHNESS_HALF_LIFE_DAYS = 30

/** How much each signal counts toward a block's relevance score (sums to 100). */
export const WEIGHTS: ScoreComponents = { freshness: 10, interest: 40, persona: 20, priority: 15, stage: 15 }

export type Ranked = {
  block: BlockCandidate
  components: ScoreComponents
  matchedInterests: string[]
  matchedPersona: null | string
  matchedStage: null | string
  score: number
}

/** A block's weighted score and the parts the strategies and tie-breaks read, before any explanation is built. */
type Measure = { freshness: number; interest: number; persona: number; priority: number; score: number; stage: number }

/**
 * Measures one block for one reader (each component 0–1 before weighting). Ranking measures every
 * candidate of every slot of every reader — thousands on a large library — so this builds no
 * explanation (no lists of what matched); only the blocks that are shown get one (explain).
 */
function measure(block: BlockCandidate, context: PersonalizationContext): Measure {
  let interestSum = 0
  for (const tag of block.interests) interestSum += context.interests.get(String(tag)) ?? 0
  // Several matching interests count, but a block about everything must not beat a precise one.
  const interest = Math.min(1, interestSum)
  // The fit of the block's persona the reader fits best.
  let persona = 0
  for (const tag of block.personas) persona = Math.max(persona, context.personaFits.get(String(tag)) ?? 0)
  const stage = context.stage && block.stages.includes(context.stage) ? 1 : 0
  const priority = Math.max(0, Math.min(100, block.priority)) / 100
  const ageDays = Math.max(0, (context.now.getTime() - timesOf(block).published) / DAY)
  const freshness = 0.5 ** (ageDays / FRESHNESS_HALF_LIFE_DAYS)
  const score = round3(
    WEIGHTS.interest * interest +
      WEIGHTS.persona * persona +
      WEIGHTS.stage * stage +
      WEIGHTS.priority * priority +
      WEIGHTS.freshness * freshness,
  )
  return { freshness, interest, persona, priority, score, stage }
}

/** Scores one block for one reader, with what matched: the explanation of a block that is shown. */
export const scoreBlock = (block: BlockCandidate, context: PersonalizationContext): Ranked =>
  explain(block, context, measure(block, context))

/** A measured block with what matched. */
function explain(block: BlockCandidate, context: PersonalizationContext, measured: Measure): Ranked {
  const { freshness, interest, persona, priority, score, stage } = measured
  const matchedInterests = block.interests.map(String).filter((tag) => context.interests.has(tag))
  // The block's persona the reader fits best (the first of equals).
  let matchedPersona: null | string = null
  for (const tag of block.personas) {
    const fit = context.personaFits.get(String(tag)) ?? 0
    if (fit > 0 && fit > (matchedPersona ? (context.personaFits.get(matchedPersona) ?? 0) : 0))
      matchedPersona = String(tag)
  }
  return {
    block,
    components: { freshness, interest, persona, priority, stage },
    matchedInterests,
    matchedPersona,
    matchedStage: stage ? (context.stage ?? null) : null,
    score,
  }
}

const PRIMARY: Record<RankingStrategy, (measured: Measure, block: BlockCandidate) => number> = {
  freshness: (measured) => measured.freshness,
  priority: (_measured, block) => block.priority,
  relevance: (measured) => measured.score,
}

/** Block ids in numeric-aware order; one collator, since `localeCompare` with options builds one per call. */
export const compareIds = new Intl.Collator('en', { numeric: true }).compare

/**
 * The `limit` best blocks by the slot's strategy, best first; ties break by score, priority, then
 * newest, then id, so results never flicker. Every candidate is measured; the best are picked in
 * passes (a slot shows one or a few) and only they are explained. The order is the one a full sort
 * by the same comparison gives (ranking.spec.ts).
 */
export function rank(
  blocks: BlockCandidate[],
  context: PersonalizationContext,
  strategy: RankingStrategy,
  limit = Infinity,
): Ranked[] {
  const key = PRIMARY[strategy]
  const measured = blocks.map((block) => measure(block, context))
  const primary = blocks.map((block, index) => key(measured[index], block))
  const before = (a: number, b: number) =>
    primary[b] - primary[a] ||
    measured[b].score - measured[a].score ||
    blocks[b].priority - blocks[a].priority ||
    timesOf(blocks[b]).published - timesOf(blocks[a]).published ||
    compareIds(String(blocks[a].id), String(blocks[b].id))
  let order: number[]
  if (limit > 3) order = blocks.map((_block, index) => index).sort(before)
  else {
    order = []
    const taken = new Uint8Array(blocks.length)
    while (order.length < Math.min(limit, blocks.length)) {
      let best = -1
      for (let index = 0; index < blocks.length; index++)
        if (!taken[index] && (best < 0 || before(index, best) < 0)) best = index
      taken[best] = 1
      order.push(best)
    }
  }
  return order.slice(0, limit).map((index) => explain(blocks[index], context, measured[index]))
}

const round3 = (value: number) => Math.round(value * 1000) / 1000

/** Components rounded for display, computed only for the blocks that are shown. */
export const roundComponents = (components: ScoreComponents): ScoreComponents => ({
  freshness: round3(components.freshness),
  interest: round3(components.interest),
  persona: round3(components.persona),
  priority: round3(components.priority),
  stage: round3(components.stage),
})

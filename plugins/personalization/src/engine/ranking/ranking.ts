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

/** Scores one block for one reader; each component is 0–1 before weighting. */
export function scoreBlock(block: BlockCandidate, context: PersonalizationContext): Ranked {
  // Plain loops: this runs for every candidate of every slot of every reader.
  const matchedInterests: string[] = []
  let interestSum = 0
  for (const tag of block.interests) {
    const weight = context.interests.get(String(tag))
    if (weight !== undefined) {
      matchedInterests.push(String(tag))
      interestSum += weight
    }
  }
  // Several matching interests count, but a block about everything must not beat a precise one.
  const interest = Math.min(1, interestSum)

  // The block's persona the reader fits best.
  let matchedPersona: null | string = null
  for (const tag of block.personas) {
    const fit = context.personaFits.get(String(tag)) ?? 0
    if (fit > 0 && fit > (matchedPersona ? (context.personaFits.get(matchedPersona) ?? 0) : 0))
      matchedPersona = String(tag)
  }
  const persona = matchedPersona ? (context.personaFits.get(matchedPersona) ?? 0) : 0

  const matchedStage = context.stage && block.stages.includes(context.stage) ? context.stage : null
  const stage = matchedStage ? 1 : 0

  const priority = Math.max(0, Math.min(100, block.priority)) / 100
  const ageDays = Math.max(0, (context.now.getTime() - timesOf(block).published) / DAY)
  const freshness = 0.5 ** (ageDays / FRESHNESS_HALF_LIFE_DAYS)

  const score =
    WEIGHTS.interest * interest +
    WEIGHTS.persona * persona +
    WEIGHTS.stage * stage +
    WEIGHTS.priority * priority +
    WEIGHTS.freshness * freshness
  return {
    block,
    components: { freshness, interest, persona, priority, stage },
    matchedInterests,
    matchedPersona,
    matchedStage,
    score: round3(score),
  }
}

/** Orders scored blocks by the slot's strategy; ties break by priority, then newest, then id, so results never flicker. */
export function rank(blocks: BlockCandidate[], context: PersonalizationContext, strategy: RankingStrategy): Ranked[] {
  const primary: Record<RankingStrategy, (r: Ranked) => number> = {
    freshness: (r) => r.components.freshness,
    priority: (r) => r.block.priority,
    relevance: (r) => r.score,
  }
  const key = primary[strategy]
  return blocks
    .map((block) => scoreBlock(block, context))
    .sort(
      (a, b) =>
        key(b) - key(a) ||
        b.score - a.score ||
        b.block.priority - a.block.priority ||
        timesOf(b.block).published - timesOf(a.block).published ||
        String(a.block.id).localeCompare(String(b.block.id), 'en', { numeric: true }),
    )
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

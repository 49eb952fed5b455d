import type { Channel, Goal } from '../domain/channels'

export type Id = number | string

/** A published content block reduced to what eligibility and ranking look at. */
export type BlockCandidate = {
  channels: Channel[]
  /** Product a discount block discounts; a recent buyer of it does not get the block. */
  discountProduct?: null | string
  goal?: Goal | null
  id: Id
  interests: Id[]
  isFallback: boolean
  locale: string
  personas: Id[]
  priority: number
  /** Stage keys (lead, mql, …). */
  stages: string[]
  title: string
  updatedAt: string
  validFrom?: null | string
  validUntil?: null | string
}

export type RankingStrategy = 'freshness' | 'priority' | 'relevance'

export type SlotDefinition = {
  channel: Channel
  count: number
  fallback: Id
  goals: Goal[]
  /** Only blocks tagged with one of these interests (or a descendant) qualify; empty = any. */
  interests: Id[]
  key: string
  label: string
  /** Only readers in one of these segments get ranked blocks; everyone else the fallback. Empty = everyone. */
  segments?: Id[]
  strategy: RankingStrategy
}

/** What the engine knows about the reader: a subscriber's profile or an anonymous visitor's context. */
export type PersonalizationContext = {
  /** Interests with weight 0–1, ancestors already included (see expandInterests). */
  interests: Map<string, number>
  locale: string
  now: Date
  /** Fit 0–1 per persona id; the primary persona is the best one. */
  personaFits: Map<string, number>
  primaryPersona?: Id | null
  purchases: { at: Date; product: string }[]
  /** Blocks the subscriber got in its last sends. */
  recentBlocks: Set<string>
  /** Segments (of those the slots name) the reader belongs to; anonymous readers belong to none. */
  segments?: Set<string>
  stage?: null | string
}

export type EngineSettings = {
  defaultLocale: string
  /** A discount block is withheld this many days after the subscriber bought the product. */
  discountGuardDays: number
}

export type ScoreComponents = { freshness: number; interest: number; persona: number; priority: number; stage: number }

export type Reason = {
  components?: ScoreComponents
  /** `pinned`: fixed by a version of the newsletter (e.g. a campaign's A/B variant) instead of ranked. */
  kind: 'fallback' | 'pinned' | 'ranked'
  /** The slot had no eligible block in the reader's language, so the default locale was used. */
  localeFallback: boolean
  matchedInterests: string[]
  matchedPersona: null | string
  matchedStage: null | string
  score: number
  /** Why the fallback was used: the rules that excluded candidates, with counts. */
  excluded?: Record<string, number>
}

export type Choice = { block: BlockCandidate; reason: Reason }

export type AssembledSlot = { choices: Choice[]; key: string; label: string }

import type { Channel, Goal } from '../domain/channels'

export type Id = number | string

/** A published content block reduced to what eligibility and ranking look at. */
export type BlockCandidate = {
  channels: Channel[]
  /** Days a conversion counts against the block (`convertsOn`); null: for ever. */
  conversionWindowDays?: null | number
  /** The asset or form the block's call to action converts on: a reader who converted on it does not get the block. */
  convertsOn?: ConversionAsset | null
  /** Product a discount block discounts; a recent buyer of it does not get the block. */
  discountProduct?: null | string
  goal?: Goal | null
  id: Id
  interests: Id[]
  isFallback: boolean
  locale: string
  personas: Id[]
  priority: number
  /** Region codes (ISO 3166-1 or 3166-2, upper case); a country covers its subdivisions. Empty: everywhere. */
  regions?: string[]
  /** Stage keys (lead, mql, …). */
  stages: string[]
  title: string
  updatedAt: string
  validFrom?: null | string
  validUntil?: null | string
}

export type RankingStrategy = 'freshness' | 'priority' | 'relevance'

export type ConversionKind = 'download' | 'form'

/** A conversion as blocks name it (the `conversions` collection): an asset's `download` or a form's `form_submitted` event. */
export type ConversionAsset = { key: string; kind: ConversionKind }

/**
 * How a slot matches blocks to the reader: `all` every tag must fit (region included);
 * `interestsOrRegion` a block must carry one of the reader's interests or their region.
 */
export type SlotMatch = 'all' | 'interestsOrRegion'

export type SlotDefinition = {
  channel: Channel
  count: number
  fallback: Id
  goals: Goal[]
  /** Only blocks tagged with one of these interests (or a descendant) qualify; empty = any. */
  interests: Id[]
  key: string
  label: string
  /** Default `all`. */
  match?: SlotMatch
  /** Only readers in one of these segments get ranked blocks; everyone else the fallback. Empty = everyone. */
  segments?: Id[]
  strategy: RankingStrategy
}

/** What the engine knows about the reader: a subscriber's profile or an anonymous visitor's context. */
export type PersonalizationContext = {
  /** Downloads and form submissions, from events (engine/context/behaviour.ts). */
  conversions: (ConversionAsset & { at: Date })[]
  /** Interests with weight 0–1, ancestors already included (see expandInterests). */
  interests: Map<string, number>
  locale: string
  now: Date
  /** Fit 0–1 per persona id; the primary persona is the best one. */
  personaFits: Map<string, number>
  primaryPersona?: Id | null
  /** Purchase events: the only source of purchases. */
  purchases: { at: Date; product: string }[]
  /** Blocks the subscriber got in its last sends. */
  recentBlocks: Set<string>
  /** The reader's region code (ISO 3166-2 like `AT-9`, or a country), upper case. */
  region?: null | string
  /** Segments (of those the slots name) the reader belongs to; anonymous readers belong to none. */
  segments?: Set<string>
  stage?: null | string
  /** Ever bought or ever in a customer stage: acquisition offers never reach them. */
  wasCustomer: boolean
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
  /**
   * Always false since a document is in one language (`context.locale`); kept for API clients
   * that read it. It meant: the slot took a block of the default language.
   */
  localeFallback: boolean
  matchedInterests: string[]
  matchedPersona: null | string
  /** The block's region the reader lies in. */
  matchedRegion?: null | string
  matchedStage: null | string
  /** The block the slot would have shown (its fallback, or the block a version pinned) and the rule that removed it. */
  replaced?: null | Replacement
  score: number
  /** Why the fallback was used: the rules that excluded candidates, with counts. */
  excluded?: Record<string, number>
}

/** A fixed block that gave way: its id, its title (for the explanation) and the rule that removed it. */
export type Replacement = { block: string; rule: string; title: string }

export type Choice = { block: BlockCandidate; reason: Reason }

export type AssembledSlot = { choices: Choice[]; key: string; label: string }

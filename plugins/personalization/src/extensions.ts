import type { Config, Payload, PayloadRequest } from 'payload'

import type { SQL } from './database/sql'
import type { EventConsumer } from './events/consumers'
import type { ResolvedPersonalizationOptions } from './types'

import { resolveOptions } from './defaults'

/** What slots reserved for segments ask the segments plugin. */
export type SegmentMembership = {
  /**
   * Which of the named segments each subscriber belongs to, for many subscribers at once (a
   * campaign batch). A segment that can no longer be evaluated (its rules went out of date)
   * has no members here: its slots show their fallback and the mail still goes.
   */
  membersOf: (
    payload: Payload,
    subscribers: string[],
    segments: string[],
    at: Date,
    req?: PayloadRequest,
  ) => Promise<Map<string, Set<string>>>
  /** Of these ids, the ones that name no segment (a client's typo). */
  unknown: (payload: Payload, ids: string[], req?: PayloadRequest) => Promise<string[]>
}

/** A subscriber's lead score as stored, before decay. */
export type StoredLeadScore = {
  /** Engagement points as of this moment (ms); they halve every engagement half-life since. */
  engagementAsOf: null | number
  engagementValue: number
  /** Fit from the subscriber's own fields (profile rules) and from events. */
  fitAttributes: number
  fitEvents: number
  /** Fit per persona id, in percent. */
  personaFits: Record<string, number>
  /** The purchase prediction under the active model; null fields: no purchases, no data (not 0). */
  prediction: Record<PredictionMeasure, null | number>
}

/** What the purchase prediction says about a buyer (BG/NBD, Gamma-Gamma). */
export type PredictionMeasure = 'expectedPurchases' | 'expectedValue' | 'probabilityAlive'

/**
 * Subscribers' lead scores for plugins that select by them (segments), from the scoring plugin,
 * which alone knows where they are stored: read in bulk, or as SQL (SQLite, PostgreSQL).
 */
export type LeadScores = {
  /** Fit per persona id in percent, from the subscriber's document as read (the engine ranks by it). */
  personaFitsOf: (subscriber: object) => Record<string, number>
  /** The scores of these subscribers, by id (their documents as read carry the profile's part). */
  read: (
    payload: Payload,
    subscribers: { id: number | string }[],
    req?: PayloadRequest,
  ) => Promise<Map<string, StoredLeadScore>>
  /** `subscriber`: the alias of the subscribers table in the query. */
  sql: {
    /** The profile's fit, on the subscriber row; NULL before any. */
    fitAttributes: (subscriber: SQL) => SQL
    /** Fit per persona id in percent, a JSON value on the subscriber row. */
    personaFits: (subscriber: SQL) => SQL
    /** A subscriber's purchase prediction under the active model; NULL for someone without purchases. */
    prediction: (subscriber: SQL, measure: PredictionMeasure) => SQL
    /** A value computed from the subscriber's score row, as a scalar subquery: NULL without a row. */
    fromScoreRow: (
      subscriber: SQL,
      value: (row: { engagementAsOf: SQL; engagementValue: SQL; fitEvents: SQL }) => SQL,
    ) => SQL
  }
}

/**
 * What other packages add to the core, each through a typed contract: the core never imports a
 * plugin, and no plugin reaches into another's internals. Registered with `extendPersonalization`
 * while the Payload config is built, read with `extensionsOf` at run time.
 */
export type PersonalizationExtensions = {
  /** Learn from stored events, in the intake's transaction (lead scoring, automations, bounces). */
  eventConsumers: EventConsumer[]
  /**
   * Called after many subscribers' derived state changed at once (a purchase-model refit), so
   * triggers on states (automations on segment entry, e.g. "P(alive) below 0.3") react now rather
   * than at their next sweep. Appended like event consumers; each runs on its own, a failure is logged.
   */
  afterProfilesRecomputed: ((payload: Payload, now: Date) => Promise<void>)[]
  /**
   * Half-lives the scoring plugin sets: implicit interests fade with the first, engagement with
   * the second. Without it both are 30 days.
   */
  halfLives?: {
    engagementDays: (payload: Payload) => Promise<number>
    implicitInterestDays: (payload: Payload) => Promise<number>
  }
  /** Lead scores for persona fits and segment rules (the scoring plugin answers); without it every score is 0. */
  leadScores?: LeadScores
  /** The core's own options, as `personalization()` resolved them. */
  options: ResolvedPersonalizationOptions
  /** The packages installed, in order (config-time checks of what a plugin needs). */
  plugins: string[]
  /** Membership in segments, for slots reserved for segments (the segments plugin answers). */
  segmentMembership?: SegmentMembership
  /**
   * Which of these subscribers may be tracked: opens, clicks and visits are stored only for them
   * (the consent plugin answers from the tracking consent). Without it, the host answers for
   * tracking consent itself and every behaviour event is stored.
   */
  trackingAllowed?: (payload: Payload, subscriberIds: string[]) => Promise<Set<string>>
}

/** The one key of Payload's `custom` config the core owns; nothing else reads or writes it. */
const KEY = 'kontorwerk.personalization.extensions'

const EMPTY: PersonalizationExtensions = {
  afterProfilesRecomputed: [],
  eventConsumers: [],
  options: resolveOptions({}, {}),
  plugins: [],
}

const registered = (custom: Record<string, unknown> | undefined): PersonalizationExtensions =>
  (custom?.[KEY] as PersonalizationExtensions | undefined) ?? EMPTY

/** Adds a package's contributions to the core (event consumers and listeners are appended, the rest set once). */
export function extendPersonalization(config: Config, extension: Partial<PersonalizationExtensions>): Config {
  const current = registered(config.custom)
  const next: PersonalizationExtensions = {
    ...current,
    ...extension,
    afterProfilesRecomputed: [...(current.afterProfilesRecomputed ?? []), ...(extension.afterProfilesRecomputed ?? [])],
    eventConsumers: [...current.eventConsumers, ...(extension.eventConsumers ?? [])],
    plugins: [...current.plugins, ...(extension.plugins ?? [])],
  }
  return { ...config, custom: { ...config.custom, [KEY]: next } }
}

export const extensionsOf = (payload: Pick<Payload, 'config'>): PersonalizationExtensions =>
  registered(payload.config.custom)

/** The packages registered so far while the config is built (for "add X before Y" checks). */
export const installedPlugins = (config: Config): string[] => registered(config.custom).plugins

/** The core's options at run time (links, guards, limits). Works on anything that carries Payload's config. */
export const personalizationOptions = (payload: {
  config: { custom?: Record<string, unknown> }
}): ResolvedPersonalizationOptions => registered(payload.config.custom).options

/** Every secret a link may be signed with: the config's own first (signing), then earlier ones (verifying only). */
export const linkSecrets = (payload: { config: { custom?: Record<string, unknown>; secret: string } }): string[] => [
  payload.config.secret,
  ...personalizationOptions(payload).previousLinkSecrets,
]

import type { Subscriber } from '../../documents'
import type { PersonalizationContext } from '../types'

import { CUSTOMER_STAGES } from '../../domain/lifecycle'
import { countryOf, isRegionCode, normalizeRegionCode } from '../../domain/regions'
import { contentLanguageOf } from '../../i18n/locales'
import { relationKey } from '../../utilities/relation'
import { type Behaviour, NO_BEHAVIOUR } from './behaviour'
import { expandInterests, type Taxonomy } from './taxonomy'

export type History = {
  /** Purchases, downloads and form submissions from events (readBehaviour, in bulk per batch). */
  behaviour?: Behaviour
  /** Implicit interests lose weight with time since their last signal (lead scoring's half-life); unset: no decay. */
  implicitHalfLifeDays?: null | number
  /** Fit per persona id in percent, as the scoring plugin computed it (`leadScores.personaFitsOf`). */
  personaFits?: null | Record<string, number>
  recentBlocks?: Iterable<number | string>
}

const DAY = 24 * 60 * 60 * 1000

export function contextFromSubscriber(
  subscriber: Subscriber,
  taxonomy: Taxonomy,
  now: Date,
  history: History = {},
): PersonalizationContext {
  const persona = relationKey(subscriber.persona)
  const stageId = relationKey(subscriber.stage)
  const direct = (subscriber.interests ?? []).flatMap((entry) => {
    const id = relationKey(entry.interest)
    if (!id) return []
    const weight = entry.weight ?? 1
    const age =
      entry.source === 'implicit' && entry.lastSeenAt && history.implicitHalfLifeDays
        ? now.getTime() - new Date(entry.lastSeenAt).getTime()
        : 0
    return [{ id, weight: age > 0 ? weight * 0.5 ** (age / (history.implicitHalfLifeDays! * DAY)) : weight }]
  })
  const behaviour = history.behaviour ?? NO_BEHAVIOUR
  return {
    conversions: behaviour.conversions,
    interests: expandInterests(direct, taxonomy.interestAncestors),
    // The content language the reader's locale starts with (de-AT → de); a document may choose another (documentLanguage).
    locale: contentLanguageOf(subscriber.locale),
    now,
    personaFits: personaFitsOf(history.personaFits, persona),
    primaryPersona: persona,
    purchases: behaviour.purchases,
    recentBlocks: new Set([...(history.recentBlocks ?? [])].map(String)),
    region: subscriber.region ? normalizeRegionCode(subscriber.region) : null,
    stage: stageId ? (taxonomy.stageKeyById.get(stageId) ?? null) : null,
    wasCustomer: behaviour.wasCustomer || wasInCustomerStage(subscriber, stageId, taxonomy),
  }
}

/** The current stage or any stage of the profile's history (manual moves included) is a customer stage. */
function wasInCustomerStage(subscriber: Subscriber, stageId: null | string, taxonomy: Taxonomy): boolean {
  if (stageId && taxonomy.customerStageIds.has(stageId)) return true
  return (subscriber.stageHistory ?? []).some((entry) => {
    const id = relationKey(entry.stage)
    return id != null && taxonomy.customerStageIds.has(id)
  })
}

/** What a subscriber's context is built from besides their profile. */
export type SubscriberHistory = Pick<History, 'implicitHalfLifeDays' | 'personaFits'> & {
  /** Required: a reader whose behaviour was not read would pass every guard. */
  behaviour: Behaviour
  /** The segments (of those the slots name) the subscriber belongs to. */
  segments: Set<string>
  /** The blocks of each of the subscriber's sends, oldest first. */
  sends: string[][]
  /** The blocks of this many last sends are not shown again (the newsletter's `skipRecentSends`). */
  skipRecentSends: number
}

/**
 * A subscriber as the engine reads them, for a page as for one recipient of a campaign: profile,
 * behaviour (the guards: purchases, conversions, ever a customer), the blocks of their last sends
 * and their segments. The profile's `purchases` field is a view of the purchase events, not a source.
 */
export function subscriberContext(
  subscriber: Subscriber,
  taxonomy: Taxonomy,
  now: Date,
  { segments, sends, skipRecentSends, ...history }: SubscriberHistory,
): PersonalizationContext {
  const recentBlocks = skipRecentSends > 0 ? sends.slice(-skipRecentSends).flat() : []
  return { ...contextFromSubscriber(subscriber, taxonomy, now, { ...history, recentBlocks }), segments }
}

/**
 * Fit per persona (0–1) from the percentages lead scoring computed; the primary persona counts in
 * full, so a persona set by hand (or without lead scoring) still personalizes.
 */
function personaFitsOf(stored: History['personaFits'], primary: null | string): Map<string, number> {
  const fits = new Map<string, number>()
  for (const [id, percent] of Object.entries(stored ?? {}))
    if (typeof percent === 'number' && percent > 0) fits.set(id, percent / 100)
  if (primary) fits.set(primary, 1)
  return fits
}

export type AnonymousContextInput = {
  interests?: { interest: string; weight?: null | number }[] | null
  locale?: null | string
  persona?: null | string
  /** ISO 3166 code; must be a region of the `regions` collection or lie in one. */
  region?: null | string
  stage?: null | string
}

export class UnknownReferenceError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`Unknown ${field} "${value}"`)
  }
}

/**
 * An anonymous visitor's context from slugs/keys (what a frontend knows), validated against the
 * taxonomy; `seen`: interests (ids) the visitor's own page views showed (browser SDK), beside the given ones.
 */
export function contextFromAnonymous(
  input: AnonymousContextInput,
  taxonomy: Taxonomy,
  now: Date,
  seen: { id: string; weight: number }[] = [],
): PersonalizationContext {
  const persona = input.persona ? taxonomy.personaIdBySlug.get(input.persona) : null
  if (input.persona && !persona) throw new UnknownReferenceError('persona', input.persona)
  if (input.stage && ![...taxonomy.stageKeyById.values()].includes(input.stage))
    throw new UnknownReferenceError('stage', input.stage)
  const direct = (input.interests ?? []).map(({ interest, weight }) => {
    const id = taxonomy.interestIdBySlug.get(interest)
    if (!id) throw new UnknownReferenceError('interest', interest)
    return { id, weight: Math.max(0, Math.min(1, weight ?? 1)) }
  })
  const region = input.region ? normalizeRegionCode(input.region) : null
  if (input.region && !knownRegion(region!, taxonomy)) throw new UnknownReferenceError('region', input.region)
  return {
    conversions: [],
    interests: expandInterests([...direct, ...seen], taxonomy.interestAncestors),
    locale: contentLanguageOf(input.locale),
    now,
    personaFits: persona ? new Map([[persona, 1]]) : new Map(),
    primaryPersona: persona ?? null,
    purchases: [],
    recentBlocks: new Set(),
    region,
    stage: input.stage ?? null,
    wasCustomer: Boolean(input.stage && CUSTOMER_STAGES.includes(input.stage)),
  }
}

/** A region editors created, or a subdivision of one of their countries (`AT-9` when `AT` exists). */
const knownRegion = (code: string, taxonomy: Taxonomy) =>
  isRegionCode(code) && (taxonomy.regionCodes.has(code) || taxonomy.regionCodes.has(countryOf(code)))

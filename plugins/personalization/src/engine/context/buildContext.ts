import type { Subscriber } from '../../documents'
import type { PersonalizationContext } from '../types'

import { DEFAULT_LOCALE } from '../../i18n/locales'
import { relationKey } from '../../utilities/relation'
import { expandInterests, type Taxonomy } from './taxonomy'


export type History = {
  /** Implicit interests lose weight with time since their last signal (lead scoring's half-life); unset: no decay. */
  implicitHalfLifeDays?: null | number
  purchases?: { at: Date; product: string }[]
  recentBlocks?: Iterable<number | string>
}

const DAY = 24 * 60 * 60 * 1000

export function contextFromSubscriber(subscriber: Subscriber, taxonomy: Taxonomy, now: Date, history: History = {}): PersonalizationContext {
  const persona = relationKey(subscriber.persona)
  const stageId = relationKey(subscriber.stage)
  const direct = (subscriber.interests ?? []).flatMap((entry) => {
    const id = relationKey(entry.interest)
    if (!id) return []
    const weight = entry.weight ?? 1
    const age = entry.source === 'implicit' && entry.lastSeenAt && history.implicitHalfLifeDays ? now.getTime() - new Date(entry.lastSeenAt).getTime() : 0
    return [{ id, weight: age > 0 ? weight * 0.5 ** (age / (history.implicitHalfLifeDays! * DAY)) : weight }]
  })
  return {
    interests: expandInterests(direct, taxonomy.interestAncestors),
    locale: subscriber.locale ?? DEFAULT_LOCALE,
    now,
    personaFits: personaFitsOf(subscriber, persona),
    primaryPersona: persona,
    purchases: history.purchases ?? [],
    recentBlocks: new Set([...(history.recentBlocks ?? [])].map(String)),
    stage: stageId ? (taxonomy.stageKeyById.get(stageId) ?? null) : null,
  }
}

/**
 * Fit per persona (0–1) as lead scoring computed it from the profile; the primary persona counts in
 * full, so a persona set by hand (or before any fit was computed) still personalizes.
 */
function personaFitsOf(subscriber: Subscriber, primary: null | string): Map<string, number> {
  const stored = subscriber.score?.personaFits
  const fits = new Map<string, number>()
  if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
    for (const [id, percent] of Object.entries(stored as Record<string, unknown>)) if (typeof percent === 'number' && percent > 0) fits.set(id, percent / 100)
  }
  if (primary) fits.set(primary, 1)
  return fits
}

export type AnonymousContextInput = {
  interests?: { interest: string; weight?: null | number }[] | null
  locale?: null | string
  persona?: null | string
  stage?: null | string
}

export class UnknownReferenceError extends Error {
  constructor(readonly field: string, readonly value: string) {
    super(`Unknown ${field} "${value}"`)
  }
}

/** An anonymous visitor's context from slugs/keys (what a frontend knows), validated against the taxonomy. */
export function contextFromAnonymous(input: AnonymousContextInput, taxonomy: Taxonomy, now: Date): PersonalizationContext {
  const persona = input.persona ? taxonomy.personaIdBySlug.get(input.persona) : null
  if (input.persona && !persona) throw new UnknownReferenceError('persona', input.persona)
  if (input.stage && ![...taxonomy.stageKeyById.values()].includes(input.stage)) throw new UnknownReferenceError('stage', input.stage)
  const direct = (input.interests ?? []).map(({ interest, weight }) => {
    const id = taxonomy.interestIdBySlug.get(interest)
    if (!id) throw new UnknownReferenceError('interest', interest)
    return { id, weight: Math.max(0, Math.min(1, weight ?? 1)) }
  })
  return {
    interests: expandInterests(direct, taxonomy.interestAncestors),
    locale: input.locale ?? DEFAULT_LOCALE,
    now,
    personaFits: persona ? new Map([[persona, 1]]) : new Map(),
    primaryPersona: persona ?? null,
    purchases: [],
    recentBlocks: new Set(),
    stage: input.stage ?? null,
  }
}

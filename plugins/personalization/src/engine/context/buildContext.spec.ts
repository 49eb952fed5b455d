import { describe, expect, it } from 'vitest'

import type { Subscriber } from '../../documents'
import type { Taxonomy } from './taxonomy'

import { contextFromSubscriber } from './buildContext'

const taxonomy: Taxonomy = {
  interestAncestors: new Map([
    ['1', []],
    ['2', []],
    ['3', []],
  ]),
  interestIdBySlug: new Map(),
  interestSlugById: new Map(),
  personaIdBySlug: new Map(),
  personaSlugById: new Map(),
  stageKeyById: new Map(),
}

const subscriber = {
  interests: [
    { interest: 1, lastSeenAt: '2026-10-24T12:00:00.000Z', source: 'implicit', weight: 0.8 },
    { interest: 2, lastSeenAt: '2026-01-01T00:00:00.000Z', source: 'explicit', weight: 1 },
    { interest: 3, lastSeenAt: '2026-11-23T12:00:00.000Z', source: 'implicit', weight: 0.5 },
  ],
} as unknown as Subscriber

describe('a subscriber as the engine sees it', () => {
  const now = new Date('2026-11-23T12:00:00.000Z')

  it('decays implicit interests from their last signal, never explicit choices', () => {
    const context = contextFromSubscriber(subscriber, taxonomy, now, { implicitHalfLifeDays: 30 })
    // 30 days = one half-life: 0.8 → 0.4; a signal from today keeps its weight; a choice is a choice.
    expect(context.interests.get('1')).toBeCloseTo(0.4, 6)
    expect(context.interests.get('2')).toBe(1)
    expect(context.interests.get('3')).toBe(0.5)
    expect(contextFromSubscriber(subscriber, taxonomy, now).interests.get('1')).toBe(0.8)
  })

  it('takes the persona fits lead scoring computed', () => {
    const context = contextFromSubscriber(subscriber, taxonomy, now, { personaFits: { 7: 80, 8: 0 } })
    expect([...context.personaFits]).toEqual([['7', 0.8]])
  })
})

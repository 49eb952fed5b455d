import { describe, expect, it } from 'vitest'

import type { Subscriber } from '../../documents'
import type { Taxonomy } from './taxonomy'

import { contextFromAnonymous, contextFromSubscriber, UnknownReferenceError } from './buildContext'

const taxonomy: Taxonomy = {
  conversionById: new Map(),
  customerStageIds: new Set(['50']),
  interestAncestors: new Map([
    ['1', []],
    ['2', []],
    ['3', []],
  ]),
  interestIdBySlug: new Map(),
  interestSlugById: new Map(),
  pageRules: [],
  personaIdBySlug: new Map(),
  personaSlugById: new Map(),
  regionCodeById: new Map(),
  regionCodes: new Set(['AT', 'DE-BY']),
  stageKeyById: new Map([
    ['10', 'lead'],
    ['50', 'customer'],
    ['70', 'at_risk'],
  ]),
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

  it('knows a former customer from the stage history, not only from the current stage or purchases', () => {
    const formerCustomer = {
      ...subscriber,
      stage: 70,
      stageHistory: [{ stage: 10 }, { stage: 50 }, { stage: 70 }],
    } as unknown as Subscriber
    expect(contextFromSubscriber(formerCustomer, taxonomy, now).wasCustomer).toBe(true)
    const lead = { ...subscriber, stage: 10, stageHistory: [{ stage: 10 }] } as unknown as Subscriber
    expect(contextFromSubscriber(lead, taxonomy, now).wasCustomer).toBe(false)
    const buyer = contextFromSubscriber(lead, taxonomy, now, {
      behaviour: { conversions: [], purchases: [{ at: now, product: 'lohn-modul' }], wasCustomer: true },
    })
    expect(buyer).toMatchObject({ purchases: [{ product: 'lohn-modul' }], wasCustomer: true })
  })

  it("reads the subscriber's region code in upper case", () => {
    const context = contextFromSubscriber({ ...subscriber, region: 'at-9' } as Subscriber, taxonomy, now)
    expect(context.region).toBe('AT-9')
  })
})

describe('an anonymous visitor as the engine sees it', () => {
  const now = new Date('2026-11-23T12:00:00.000Z')

  it('takes a known region, or a subdivision of a known country', () => {
    expect(contextFromAnonymous({ region: 'DE-BY' }, taxonomy, now).region).toBe('DE-BY')
    expect(contextFromAnonymous({ region: 'at-9' }, taxonomy, now).region).toBe('AT-9')
  })

  it('rejects a region nobody created, or no region code at all', () => {
    for (const region of ['DE-HH', 'CH', 'Bayern', 'XX-1'])
      expect(() => contextFromAnonymous({ region }, taxonomy, now)).toThrow(UnknownReferenceError)
  })

  it('counts a visitor who says they are in a customer stage as a customer', () => {
    expect(contextFromAnonymous({ stage: 'customer' }, taxonomy, now).wasCustomer).toBe(true)
    expect(contextFromAnonymous({ stage: 'lead' }, taxonomy, now).wasCustomer).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'

import type { BlockCandidate, PersonalizationContext, SlotDefinition } from '../types'

import { expandInterests } from '../context/taxonomy'
import { assemble, MissingFallbackError } from './assemble'

const NOW = new Date('2026-11-23T12:00:00Z')
const ancestors = new Map([
  ['e-rechnung', ['finanzen']],
  ['lohn', ['finanzen']],
  ['dsgvo', ['recht']],
  ['finanzen', []],
  ['recht', []],
])

const block = (id: string, tags: Partial<BlockCandidate> = {}): BlockCandidate => ({
  channels: ['email'],
  id,
  interests: [],
  isFallback: false,
  locale: 'de',
  personas: [],
  priority: 50,
  stages: [],
  title: id,
  updatedAt: '2026-11-01T00:00:00Z',
  ...tags,
})

const slot = (key: string, tags: Partial<SlotDefinition> = {}): SlotDefinition => ({
  channel: 'email',
  count: 1,
  fallback: 'fallback',
  goals: [],
  interests: [],
  key,
  label: key,
  strategy: 'relevance',
  ...tags,
})

const reader = (
  tags: Partial<Omit<PersonalizationContext, 'interests'>> & { interests?: Record<string, number> } = {},
): PersonalizationContext => ({
  locale: 'de',
  now: NOW,
  personaFits: new Map(),
  primaryPersona: null,
  purchases: [],
  recentBlocks: new Set(),
  stage: 'lead',
  ...tags,
  interests: expandInterests(
    Object.entries(tags.interests ?? {}).map(([id, weight]) => ({ id, weight })),
    ancestors,
  ),
})

const FALLBACK = block('fallback', { isFallback: true, priority: 10 })
const settings = { defaultLocale: 'de', discountGuardDays: 30 }

function pick(blocks: BlockCandidate[], context: PersonalizationContext, slots: SlotDefinition[] = [slot('main')]) {
  return assemble({ blocks: [...blocks, FALLBACK], context, interestAncestors: ancestors, settings, slots })
}
const ids = (result: ReturnType<typeof pick>) => result.map((s) => s.choices.map((c) => c.block.id))

describe('assembling slots', () => {
  it('ranks by interest match times weight', () => {
    const blocks = [
      block('dsgvo-tipp', { interests: ['dsgvo'] }),
      block('e-rechnung-guide', { interests: ['e-rechnung'] }),
    ]
    expect(ids(pick(blocks, reader({ interests: { dsgvo: 0.3, 'e-rechnung': 0.9 } })))).toEqual([['e-rechnung-guide']])
    expect(ids(pick(blocks, reader({ interests: { dsgvo: 0.9, 'e-rechnung': 0.3 } })))).toEqual([['dsgvo-tipp']])
  })

  it('counts a parent interest at half weight', () => {
    const blocks = [
      block('finanzen-allgemein', { interests: ['finanzen'] }),
      block('recht-allgemein', { interests: ['recht'], priority: 60 }),
    ]
    const [main] = pick(blocks, reader({ interests: { lohn: 1 } }))
    expect(main.choices[0].block.id).toBe('finanzen-allgemein')
    expect(main.choices[0].reason).toMatchObject({ kind: 'ranked', matchedInterests: ['finanzen'] })
    expect(main.choices[0].reason.components?.interest).toBe(0.5)
  })

  it('adds persona fit, stage match, priority and freshness, and explains each', () => {
    const blocks = [block('for-it', { personas: ['it'], stages: ['lead'] }), block('generic-high', { priority: 90 })]
    const [main] = pick(blocks, reader({ personaFits: new Map([['it', 0.8]]), primaryPersona: 'it' }))
    expect(main.choices[0].block.id).toBe('for-it')
    expect(main.choices[0].reason).toMatchObject({ matchedPersona: 'it', matchedStage: 'lead' })
    // 20 × 0.8 persona + 15 × 1 stage + 15 × 0.5 priority + 10 × freshness (22.5 days old: 0.5^(22.5/30) = 0.595)
    expect(main.choices[0].reason.score).toBeCloseTo(16 + 15 + 7.5 + 5.95, 2)
  })

  it('breaks ties deterministically: priority, then newest, then id', () => {
    const twins = [
      block('b'),
      block('a'),
      block('c', { updatedAt: '2026-10-01T00:00:00Z', validFrom: '2026-11-01T00:00:00Z' }),
    ]
    const result = pick(twins, reader(), [slot('main', { count: 3 })])
    expect(ids(result)).toEqual([['a', 'b', 'c']])
    expect(ids(pick([...twins].reverse(), reader(), [slot('main', { count: 3 })]))).toEqual([['a', 'b', 'c']])
  })

  it('keeps out blocks of another channel, locale, stage or persona, and outside their validity window', () => {
    const blocks = [
      block('sms-only', { channels: ['sms'] }),
      block('english', { locale: 'en' }),
      block('customers-only', { stages: ['customer'] }),
      block('for-finance', { personas: ['finance'] }),
      block('starts-tomorrow', { validFrom: '2026-11-24T00:00:00Z' }),
      block('ended-yesterday', { validUntil: '2026-11-22T00:00:00Z' }),
    ]
    const [main] = pick(blocks, reader({ primaryPersona: 'it' }))
    expect(main.choices.map((c) => c.block.id)).toEqual(['fallback'])
    expect(main.choices[0].reason.excluded).toEqual({
      channel: 1,
      expired: 1,
      locale: 1,
      not_valid_yet: 1,
      persona: 1,
      stage: 1,
    })
  })

  it('treats the validity window at the render time given', () => {
    const webinar = block('webinar', { validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-12-10T00:00:00Z' })
    expect(ids(pick([webinar], reader({ now: new Date('2026-12-05T00:00:00Z') })))).toEqual([['webinar']])
    expect(ids(pick([webinar], reader({ now: new Date('2026-12-10T00:00:00Z') })))).toEqual([['fallback']])
  })

  it("falls back to the default locale when the reader's language has nothing, and says so", () => {
    const [main] = pick([block('nur-deutsch')], reader({ locale: 'en' }))
    expect(main.choices[0].block.id).toBe('nur-deutsch')
    expect(main.choices[0].reason.localeFallback).toBe(true)
    const [english] = pick([block('nur-deutsch'), block('english', { locale: 'en' })], reader({ locale: 'en' }))
    expect(english.choices[0]).toMatchObject({ block: { id: 'english' }, reason: { localeFallback: false } })
  })

  it('applies the slot filters for goal and interest (including child interests)', () => {
    const blocks = [
      block('upsell', { goal: 'upsell', interests: ['lohn'], priority: 90 }),
      block('nurture-lohn', { goal: 'nurture', interests: ['lohn'] }),
      block('nurture-recht', { goal: 'nurture', interests: ['dsgvo'] }),
    ]
    const result = pick(blocks, reader(), [slot('finance', { goals: ['nurture'], interests: ['finanzen'] })])
    expect(ids(result)).toEqual([['nurture-lohn']])
  })

  it('never puts a block twice into one document, and leaves generic blocks to the fallback', () => {
    const blocks = [
      block('top', { priority: 90 }),
      block('second', { priority: 80 }),
      block('generic', { isFallback: true, priority: 100 }),
    ]
    const result = pick(blocks, reader(), [slot('one'), slot('two'), slot('three')])
    expect(ids(result)).toEqual([['top'], ['second'], ['fallback']])
  })

  it('lets a fallback already in the document give way to another generic block', () => {
    const otherGeneric = block('other-generic', { isFallback: true, priority: 5 })
    const smsGeneric = block('sms-generic', { channels: ['sms'], isFallback: true, priority: 99 })
    expect(ids(pick([otherGeneric, smsGeneric], reader(), [slot('one'), slot('two'), slot('three')]))).toEqual([
      ['fallback'],
      ['other-generic'],
      ['fallback'],
    ])
  })

  it('skips blocks the subscriber got in its recent sends', () => {
    const blocks = [block('seen', { priority: 90 }), block('new', { priority: 40 })]
    expect(ids(pick(blocks, reader({ recentBlocks: new Set(['seen']) })))).toEqual([['new']])
  })

  it('never offers an acquisition offer to a customer', () => {
    const offer = block('30-tage-testen', { goal: 'acquisition', priority: 100 })
    expect(ids(pick([offer], reader({ stage: 'lead' })))).toEqual([['30-tage-testen']])
    for (const stage of ['customer', 'repeat_customer']) {
      const [main] = pick([offer], reader({ stage }))
      expect(main.choices[0].block.id).toBe('fallback')
      expect(main.choices[0].reason.excluded).toEqual({ guard_acquisition_for_customer: 1 })
    }
  })

  it('withholds a discount for a product the subscriber bought within the guard period', () => {
    const discount = block('lohn-rabatt', { discountProduct: 'lohn-modul', priority: 100 })
    const boughtDaysAgo = (days: number) =>
      reader({ purchases: [{ at: new Date(NOW.getTime() - days * 86_400_000), product: 'lohn-modul' }] })
    expect(ids(pick([discount], boughtDaysAgo(5)))).toEqual([['fallback']])
    expect(ids(pick([discount], boughtDaysAgo(31)))).toEqual([['lohn-rabatt']])
    expect(ids(pick([discount], reader({ purchases: [{ at: NOW, product: 'e-rechnung-modul' }] })))).toEqual([
      ['lohn-rabatt'],
    ])
  })

  it('fills a multi-block slot up to its count and ranks by strategy', () => {
    const blocks = [
      block('old-important', { priority: 95, updatedAt: '2026-06-01T00:00:00Z' }),
      block('fresh', { priority: 20, updatedAt: '2026-11-22T00:00:00Z' }),
      block('middle', { priority: 60, updatedAt: '2026-11-10T00:00:00Z' }),
    ]
    expect(ids(pick(blocks, reader(), [slot('news', { count: 2, strategy: 'freshness' })]))).toEqual([
      ['fresh', 'middle'],
    ])
    expect(ids(pick(blocks, reader(), [slot('news', { count: 2, strategy: 'priority' })]))).toEqual([
      ['old-important', 'middle'],
    ])
  })

  it('fails loudly when a slot would stay empty because its fallback is gone', () => {
    expect(() =>
      assemble({ blocks: [], context: reader(), interestAncestors: ancestors, settings, slots: [slot('main')] }),
    ).toThrow(MissingFallbackError)
  })
})

describe('slots reserved for segments', () => {
  const offer = block('vip-offer', { priority: 90 })
  const vipSlot = slot('vip', { segments: ['7'] })

  it('gives members the ranked block and everyone else the fallback, saying why', () => {
    const [member] = pick([offer], reader({ segments: new Set(['7']) }), [vipSlot])
    expect(member.choices.map((choice) => choice.block.id)).toEqual(['vip-offer'])

    const [outsider] = pick([offer], reader({ segments: new Set(['8']) }), [vipSlot])
    expect(outsider.choices.map((choice) => choice.block.id)).toEqual(['fallback'])
    expect(outsider.choices[0].reason).toMatchObject({ excluded: { slot_segment: 1 }, kind: 'fallback' })

    // Anonymous readers belong to no segment.
    const [anonymous] = pick([offer], reader(), [vipSlot])
    expect(anonymous.choices[0].block.id).toBe('fallback')
  })

  it('leaves slots without segments open to everyone', () => {
    const [open] = pick([offer], reader(), [slot('main')])
    expect(open.choices[0].block.id).toBe('vip-offer')
  })
})

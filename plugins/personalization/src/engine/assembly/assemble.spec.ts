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
  conversions: [],
  locale: 'de',
  now: NOW,
  personaFits: new Map(),
  primaryPersona: null,
  purchases: [],
  recentBlocks: new Set(),
  stage: 'lead',
  wasCustomer: false,
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

  it('keeps a document in one language: an English reader never gets a German block', () => {
    const [main] = pick([block('nur-deutsch')], reader({ locale: 'en' }))
    // The German fallback cannot stand in either: with no English fallback the slot stays empty.
    expect(main.choices).toEqual([])
    const englishFallback = block('english-fallback', { isFallback: true, locale: 'en', priority: 1 })
    const [fallback] = pick([block('nur-deutsch'), englishFallback], reader({ locale: 'en' }))
    expect(fallback.choices[0]).toMatchObject({
      block: { id: 'english-fallback' },
      reason: { kind: 'fallback', replaced: { block: 'fallback', rule: 'locale' } },
    })
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

  it('never offers an acquisition offer to a former customer, whatever the current stage', () => {
    const offer = block('neukundenangebot', { goal: 'acquisition', priority: 100 })
    const [main] = pick([offer], reader({ stage: 'at_risk', wasCustomer: true }))
    expect(main.choices[0].block.id).toBe('fallback')
    expect(main.choices[0].reason.excluded).toEqual({ guard_acquisition_for_customer: 1 })
    expect(ids(pick([offer], reader({ stage: 'at_risk' })))).toEqual([['neukundenangebot']])
  })

  it('withholds a block from who already converted on its asset or form within its window (default: ever)', () => {
    const whitepaper = block('whitepaper', { convertsOn: { key: 'whitepaper-cloud', kind: 'download' }, priority: 90 })
    const demo = block('demo', { conversionWindowDays: 30, convertsOn: { key: 'demo-request', kind: 'form' } })
    const did = (kind: 'download' | 'form', key: string, daysAgo: number) =>
      reader({ conversions: [{ at: new Date(NOW.getTime() - daysAgo * 86_400_000), key, kind }] })
    expect(ids(pick([whitepaper], did('download', 'whitepaper-cloud', 1)))).toEqual([['fallback']])
    expect(pick([whitepaper], did('download', 'whitepaper-cloud', 400))[0].choices[0].reason.excluded).toEqual({
      guard_already_converted: 1,
    })
    // Another asset, or the same key as a form, is not this conversion.
    expect(ids(pick([whitepaper], did('download', 'whitepaper-gobd', 1)))).toEqual([['whitepaper']])
    expect(ids(pick([whitepaper], did('form', 'whitepaper-cloud', 1)))).toEqual([['whitepaper']])
    expect(ids(pick([demo], did('form', 'demo-request', 10)))).toEqual([['fallback']])
    expect(ids(pick([demo], did('form', 'demo-request', 31)))).toEqual([['demo']])
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

describe('guards on fallbacks and pinned blocks', () => {
  const formerCustomer = reader({ stage: 'at_risk', wasCustomer: true })
  const acquisitionFallback = block('trial-fallback', { goal: 'acquisition', isFallback: true, priority: 10 })
  const help = block('help', { isFallback: true, priority: 5 })
  const blog = block('blog', { isFallback: true, priority: 8 })
  const guardedSlot = slot('main', { fallback: 'trial-fallback' })

  it("replaces a guarded fallback with the channel's next eligible one, and says which and why", () => {
    const [main] = assemble({
      blocks: [acquisitionFallback, help, blog, block('sms', { channels: ['sms'], isFallback: true, priority: 99 })],
      context: formerCustomer,
      interestAncestors: ancestors,
      settings,
      slots: [guardedSlot],
    })
    expect(main.choices.map((choice) => choice.block.id)).toEqual(['blog'])
    expect(main.choices[0].reason).toMatchObject({
      kind: 'fallback',
      replaced: { block: 'trial-fallback', rule: 'guard_acquisition_for_customer', title: 'trial-fallback' },
    })
  })

  it('passes over stand-ins that are guarded, expired or already in the document', () => {
    const discounted = block('discount-fallback', { discountProduct: 'lohn-modul', isFallback: true, priority: 9 })
    const expired = block('expired', { isFallback: true, priority: 8, validUntil: '2026-11-01T00:00:00Z' })
    const buyer = reader({ purchases: [{ at: NOW, product: 'lohn-modul' }], stage: 'at_risk', wasCustomer: true })
    const result = assemble({
      blocks: [acquisitionFallback, discounted, expired, help, block('top', { priority: 90 })],
      context: buyer,
      interestAncestors: ancestors,
      settings,
      slots: [slot('first', { fallback: 'help' }), slot('second', { fallback: 'help' }), guardedSlot],
    })
    expect(result.map((s) => s.choices.map((c) => c.block.id))).toEqual([['top'], ['help'], []])
  })

  it('leaves the slot empty rather than show a guarded block when no fallback passes', () => {
    const [main] = assemble({
      blocks: [acquisitionFallback],
      context: formerCustomer,
      interestAncestors: ancestors,
      settings,
      slots: [guardedSlot],
    })
    expect(main.choices).toEqual([])
    // A reader the guard does not concern still gets it.
    const [lead] = assemble({
      blocks: [acquisitionFallback],
      context: reader(),
      interestAncestors: ancestors,
      settings,
      slots: [guardedSlot],
    })
    expect(lead.choices.map((choice) => choice.block.id)).toEqual(['trial-fallback'])
  })

  it('shows a pinned block in its slot, and ranking elsewhere does not take it first', () => {
    const variant = block('variant-b', { priority: 100 })
    const result = assemble({
      blocks: [FALLBACK, variant, block('other', { priority: 50 })],
      context: reader(),
      interestAncestors: ancestors,
      pinned: { block: variant, slot: 'second' },
      settings,
      slots: [slot('first'), slot('second')],
    })
    expect(result.map((s) => s.choices.map((c) => [c.block.id, c.reason.kind]))).toEqual([
      [['other', 'ranked']],
      [['variant-b', 'pinned']],
    ])
  })

  it('replaces a pinned block a guard rules out with the slot fallback, saying so', () => {
    const variant = block('variant-b', { goal: 'acquisition', priority: 100 })
    const [main] = assemble({
      blocks: [FALLBACK, variant],
      context: formerCustomer,
      interestAncestors: ancestors,
      pinned: { block: variant, slot: 'main' },
      settings,
      slots: [slot('main')],
    })
    expect(main.choices.map((choice) => choice.block.id)).toEqual(['fallback'])
    expect(main.choices[0].reason).toMatchObject({
      kind: 'fallback',
      replaced: { block: 'variant-b', rule: 'guard_acquisition_for_customer' },
    })
  })
})

describe('regions and the interests-or-region rule', () => {
  const vienna = block('wien-event', { priority: 90, regions: ['AT-9'] })
  const austria = block('at-news', { priority: 80, regions: ['AT'] })
  const bavaria = block('by-news', { priority: 85, regions: ['DE-BY'] })
  const lohn = block('lohn-artikel', { interests: ['lohn'], priority: 40 })
  const untagged = block('allgemein', { priority: 70 })
  const all = [vienna, austria, bavaria, lohn, untagged]

  it('keeps a regional block to its region; a country covers its subdivisions', () => {
    const inVienna = pick(all, reader({ region: 'AT-9' }), [slot('main', { count: 5 })])
    expect(ids(inVienna)).toEqual([['wien-event', 'at-news', 'allgemein', 'lohn-artikel']])
    expect(inVienna[0].choices[1].reason.matchedRegion).toBe('AT')
    expect(ids(pick(all, reader({ region: 'AT-3' }), [slot('main', { count: 5 })]))).toEqual([
      ['at-news', 'allgemein', 'lohn-artikel'],
    ])
    // Nobody without a region gets a regional block.
    expect(ids(pick(all, reader(), [slot('main', { count: 5 })]))).toEqual([['allgemein', 'lohn-artikel']])
  })

  it("takes only blocks of the reader's interests (ancestors included) or region under interestsOrRegion", () => {
    const orSlot = slot('main', { count: 5, match: 'interestsOrRegion' })
    expect(ids(pick(all, reader({ interests: { lohn: 1 }, region: 'DE-BY' }), [orSlot]))).toEqual([
      ['lohn-artikel', 'by-news'],
    ])
    const finance = block('finanzen-artikel', { interests: ['finanzen'], priority: 30 })
    expect(ids(pick([...all, finance], reader({ interests: { 'e-rechnung': 1 } }), [orSlot]))).toEqual([
      ['finanzen-artikel'],
    ])
    const [none] = pick(all, reader({ interests: { dsgvo: 1 }, region: 'CH' }), [orSlot])
    expect(none.choices[0].reason).toMatchObject({ excluded: { interest_or_region: 5 }, kind: 'fallback' })
  })

  it('keeps the guards under interestsOrRegion', () => {
    const offer = block('at-trial', { goal: 'acquisition', regions: ['AT'] })
    const orSlot = slot('main', { match: 'interestsOrRegion' })
    expect(ids(pick([offer], reader({ region: 'AT-9', stage: 'at_risk', wasCustomer: true }), [orSlot]))).toEqual([
      ['fallback'],
    ])
  })
})

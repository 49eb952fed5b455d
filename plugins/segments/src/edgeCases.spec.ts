import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'

import { parseAt, writeAtomically } from '@kontorwerk/personalization'

import type { RuleGroup } from './rules/types'

import { testedDatabases } from '../../../tests/helpers/databases'
import { fieldErrors } from '../../../tests/helpers/errors'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { type Environment, loadEnvironment } from './evaluation/environment'
import { loadFacts } from './evaluation/facts'
import { evaluate } from './evaluation/matches'
import { memberIds } from './evaluation/members'
import { parseRuleTree } from './rules/parse'
import { subscribersFromCsv } from './utilities/csvMembers'
import { writeMembers } from './utilities/segmentService'

const NOW = new Date('2026-06-15T12:00:00.000Z')
const DAY = 24 * 60 * 60 * 1000

/** Edge cases found in review: each once broke one evaluator, the database or the API. */
describe.each(testedDatabases())('segment edge cases on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const ids: Record<string, string> = {}
  let interest: string

  const ref = (id: string) => (payload.db.defaultIDType === 'number' ? Number(id) : id)
  const tree = (rules: unknown[]): RuleGroup => {
    const parsed = parseRuleTree({ combinator: 'and', rules })
    expect(parsed.problems).toEqual([])
    return parsed.tree!
  }
  /** Members by name in the SQL form and in memory: they must agree. `world` changes what the evaluators know. */
  async function members(rules: unknown[], world: (env: Environment) => Environment = (env) => env) {
    const parsed = tree(rules)
    const env = world(await loadEnvironment(payload, parsed, NOW))
    const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]))
    const viaSql = (await memberIds(payload, parsed, env, { limit: 100 })).map((id) => names.get(id)).sort()
    const viaMemory = (await loadFacts(payload, Object.values(ids), parsed, env))
      .filter((facts) => evaluate(parsed, facts, env))
      .map((facts) => names.get(facts.id))
      .sort()
    expect(viaSql).toEqual(viaMemory)
    return viaSql
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    interest = String(
      (await payload.create({ collection: 'interests', data: { label: 'Laufen', slug: 'laufen' } as never })).id,
    )
    const create = async (name: string, data: Record<string, unknown>) => {
      ids[name] = String(
        (
          await payload.create({
            collection: 'subscribers',
            data: { email: `${name}@kunde.example`, ...data } as never,
          })
        ).id,
      )
    }
    // An implicit interest last seen in 1900: thousands of half-lives ago (PostgreSQL's power() underflowed).
    await create('alt', {
      interests: [{ interest: ref(interest), lastSeenAt: '1900-01-01T00:00:00.000Z', source: 'implicit', weight: 1 }],
    })
    // Paused until 13:30 at +02:00, which is 11:30 UTC: before NOW, so not paused (SQLite keeps the text as written).
    await create('offset', { preferences: { pausedUntil: '2026-06-15T13:30:00+02:00' } })
    await create('kaeufer', {})
    await create('umlaut', { email: 'jana@müller.example' })
    const purchase = (name: string, id: string, amount: number, days: number) => ({
      eventId: id,
      occurredAt: new Date(NOW.getTime() - days * DAY),
      properties: { amount, product: 'Schuh' },
      subscriber: ref(ids[name]),
      type: 'purchase',
    })
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'events',
          docs: [
            purchase('kaeufer', 'p1', 5.0, 3),
            purchase('kaeufer', 'p2', 29.99, 2),
            purchase('kaeufer', 'p3', 15.01, 1),
          ],
        },
      ],
    })
  })
  afterAll(() => local?.close())

  it('decays a very old implicit interest to nothing in both forms, without a database error', async () => {
    expect(
      await members([{ field: 'interest', operator: 'has', value: { interest, minWeight: 0, source: 'any' } }]),
    ).toEqual(['alt'])
    expect(
      await members([{ field: 'interest', operator: 'has', value: { interest, minWeight: 0.0001, source: 'any' } }]),
    ).toEqual([])
  })

  it('reads a date written with an offset as the moment it names', async () => {
    expect(await members([{ field: 'paused', operator: 'is', value: null }])).toEqual([])
  })

  it('adds money in cents: 5.00 + 29.99 + 15.01 reaches 50 in both forms', async () => {
    expect(await members([{ field: 'rfm', operator: '>=', value: { metric: 'monetary', value: 50 } }])).toEqual([
      'kaeufer',
    ])
    expect(await members([{ field: 'rfm', operator: '>=', value: { metric: 'monetaryScore', value: 2 } }])).toEqual([
      'kaeufer',
    ])
    // A fractional limit on a count is a comparison, not a database error.
    expect(await members([{ field: 'rfm', operator: '>=', value: { metric: 'frequency', value: 2.5 } }])).toEqual([
      'kaeufer',
    ])
  })

  it('reads event properties as text in both forms: "%" and "_" are themselves, case matters, numbers never match', async () => {
    const event = (name: string, id: string, type: string, properties: Record<string, unknown>) => ({
      eventId: id,
      occurredAt: new Date(NOW.getTime() - DAY),
      properties,
      subscriber: ref(ids[name]),
      type,
    })
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'events',
          docs: [
            event('alt', 'v1', 'page_viewed', { url: 'https://shop.example/100%_rabatt' }),
            event('offset', 'v2', 'page_viewed', { url: 'https://shop.example/1000-rabatt' }),
            event('alt', 'd1', 'download', { asset: 'whitepaper-cloud' }),
            event('offset', 'd2', 'download', { asset: 'Whitepaper-Cloud' }),
            event('umlaut', 'd3', 'download', { asset: 42 }),
          ],
        },
      ],
    })
    const viewed = (operator: string, value: string) =>
      members([
        {
          field: 'events',
          operator: 'atLeast',
          value: { condition: { operator, property: 'url', value }, count: 1, days: 7, type: 'page_viewed' },
        },
      ])
    expect(await viewed('contains', '0%_')).toEqual(['alt'])
    expect(await viewed('contains', '00_')).toEqual([])
    expect(await viewed('contains', 'rabatt')).toEqual(['alt', 'offset'])
    const downloaded = (operator: string, value: string) =>
      members([
        {
          field: 'events',
          operator: 'atLeast',
          value: { condition: { operator, property: 'asset', value }, count: 1, days: 7, type: 'download' },
        },
      ])
    expect(await downloaded('equals', 'whitepaper-cloud')).toEqual(['alt'])
    expect(await downloaded('contains', 'Cloud')).toEqual(['offset'])
    expect(await downloaded('equals', '42')).toEqual([])
  })

  it('refuses event-property conditions that name no property, compare otherwise or look for nothing', () => {
    const problem = (condition: unknown) =>
      parseRuleTree({
        combinator: 'and',
        rules: [{ field: 'events', operator: 'atLeast', value: { condition, count: 1, days: 7, type: 'download' } }],
      }).problems
    expect(problem({ operator: 'equals', property: 'asset', value: ' whitepaper-cloud ' })).toEqual([])
    expect(problem({ operator: 'equals', property: 'as set', value: 'x' })).toEqual([
      {
        code: 'ConditionProperty',
        field: 'events',
        message:
          'events: condition "property" must be a name of letters, digits, _ or - (up to 64), e.g. asset, form, url',
        path: 'rules[0]',
      },
    ])
    expect(problem({ operator: 'like', property: 'asset', value: 'x' })[0].message).toBe(
      'events: condition "operator" must be one of equals, contains',
    )
    expect(problem({ operator: 'contains', property: 'url', value: '  ' })[0].message).toContain('condition "value"')
    expect(problem('asset')[0].message).toBe('events: "condition" needs "property", "operator" and "value"')
  })

  it('counts a regional locale under its language: locale = de holds for de-AT, de-AT only for itself', async () => {
    // Readers of their own, gone again afterwards: the other cases count everyone.
    for (const [name, locale] of [
      ['wien', 'de-AT'],
      ['london', 'en-GB'],
    ])
      ids[name] = String(
        (await payload.create({ collection: 'subscribers', data: { email: `${name}@kunde.example`, locale } as never }))
          .id,
      )
    onTestFinished(async () => {
      await payload.delete({ collection: 'subscribers', where: { id: { in: [ids.wien, ids.london] } } })
      delete ids.wien
      delete ids.london
    })
    const german = await members([{ field: 'locale', operator: '=', value: 'de' }])
    expect(german).toContain('wien')
    expect(german).not.toContain('london')
    expect(await members([{ field: 'locale', operator: '=', value: 'de-AT' }])).toEqual(['wien'])
    expect(await members([{ field: 'locale', operator: '=', value: 'en' }])).toEqual(['london'])
    expect(await members([{ field: 'locale', operator: '!=', value: 'de' }])).toEqual(['london'])
    // Written as people write it, stored as subscribers have it; a locale that does not exist is refused.
    expect(await members([{ field: 'locale', operator: '=', value: 'de_at' }])).toEqual(['wien'])
    const refused = parseRuleTree({ combinator: 'and', rules: [{ field: 'locale', operator: '=', value: 'deutsch' }] })
    expect(refused.problems[0].message).toMatch(/^locale: needs a locale such as de/)
  })

  it('matches an email domain written with umlauts or an "@" as the address is stored (punycode)', async () => {
    expect(await members([{ field: 'emailDomain', operator: '=', value: '@Müller.example' }])).toEqual(['umlaut'])
  })

  it('reads scores through the scoring plugin, and without it every score is 0 in both forms', async () => {
    const persona = String(
      (await payload.create({ collection: 'personas', data: { name: 'IT-Leitung', slug: 'it-leitung' } as never })).id,
    )
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'lead-scores',
          docs: [{ engagementAsOf: NOW, engagementValue: 40, fitEvents: 10, subscriber: ref(ids.kaeufer) }],
        },
      ],
      updates: [
        {
          collection: 'subscribers',
          data: { score: { fitAttributes: 5, personaFits: { [persona]: 90 } } },
          id: ids.kaeufer,
        },
      ],
    })
    const scored = [{ field: 'totalScore', operator: '>=', value: 55 }]
    const fit = [{ field: 'persona', operator: 'fitAtLeast', value: { percent: 80, persona } }]
    expect(await members(scored)).toEqual(['kaeufer'])
    expect(await members(fit)).toEqual(['kaeufer'])
    const withoutScoring = (env: Environment) => ({ ...env, leadScores: null })
    expect(await members(scored, withoutScoring)).toEqual([])
    expect(await members(fit, withoutScoring)).toEqual([])
    expect(await members([{ field: 'fitScore', operator: '=', value: 0 }], withoutScoring)).toEqual([
      'alt',
      'kaeufer',
      'offset',
      'umlaut',
    ])
  })

  it('refuses control characters and attribute names every object has', () => {
    expect(
      parseRuleTree({ combinator: 'and', rules: [{ field: 'region', operator: '=', value: 'DE-BY\u0000' }] })
        .problems[0].path,
    ).toBe('rules[0]')
    expect(
      parseRuleTree({
        combinator: 'and',
        rules: [{ field: 'attribute', operator: 'exists', value: { key: 'constructor' } }],
      }).problems[0].message,
    ).toContain('attribute "key"')
    // Empty groups count towards the limit.
    const empties = { combinator: 'or', rules: Array.from({ length: 150 }, () => ({ combinator: 'and', rules: [] })) }
    expect(parseRuleTree(empties).problems[0].message).toContain('at most 100 conditions and groups')
  })

  it('refuses segments that multiply out past 1,000 conditions when they use each other', async () => {
    // Each group counts 1: S0 = 1 + 25 = 26, S1 = 1 + 25 · 26 = 651 (allowed), S2 = 1 + 25 · 651 = 16,276.
    const wide = (inner: unknown) => ({ combinator: 'or', rules: Array.from({ length: 25 }, () => inner) })
    const s0 = await payload.create({
      collection: 'segments',
      data: { kind: 'dynamic', name: 'S0', rules: wide({ field: 'locale', operator: '=', value: 'de' }) } as never,
    })
    const s1 = await payload.create({
      collection: 'segments',
      data: {
        kind: 'dynamic',
        name: 'S1',
        rules: wide({ field: 'segment', operator: 'in', value: String(s0.id) }),
      } as never,
    })
    const errors = await fieldErrors(
      payload.create({
        collection: 'segments',
        data: {
          kind: 'dynamic',
          name: 'S2',
          rules: wide({ field: 'segment', operator: 'in', value: String(s1.id) }),
        } as never,
      }),
    )
    expect(errors).toEqual([
      'rules: With the segments it uses written out, this has 16276 conditions and groups; at most 1000 are allowed',
    ])
    expect((await payload.count({ collection: 'segments', where: { name: { equals: 'S2' } } })).totalDocs).toBe(0)
  })

  it('deletes a static list with its members, and counts members when read (erasure included)', async () => {
    const list = String(
      (await payload.create({ collection: 'segments', data: { kind: 'static', name: 'Liste' } as never })).id,
    )
    expect(await writeMembers(payload, list, [ids.alt, ids.offset], { replace: false })).toBe(2)
    await payload.delete({ collection: 'subscribers', id: ids.offset })
    expect((await payload.findByID({ collection: 'segments', id: list })).memberCount).toBe(1)
    await payload.delete({ collection: 'segments', id: list })
    expect(
      (await payload.count({ collection: 'segment-members', where: { segment: { equals: list } } })).totalDocs,
    ).toBe(0)
  })

  it('reads semicolon-separated CSV as German spreadsheets write it', async () => {
    const { errors, ids: found } = await subscribersFromCsv(payload, 'Name;E-Mail\nAlt;alt@kunde.example\n')
    expect(errors).toEqual([])
    expect(found).toEqual([ids.alt])
  })

  it('refuses render times a database cannot store', () => {
    expect(() => parseAt('+010000-01-01T00:00:00Z')).toThrow(/between 1970 and 9999/)
    expect(parseAt('2026-06-15T12:00:00Z').toISOString()).toBe('2026-06-15T12:00:00.000Z')
  })
})

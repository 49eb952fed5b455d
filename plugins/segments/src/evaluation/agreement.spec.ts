import type { Payload } from 'payload'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { writeAtomically } from '@kontorwerk/personalization'

import type { Rule, RuleGroup } from '../rules/types'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { parseRuleTree } from '../rules/parse'
import { writeMembers } from '../utilities/segmentService'
import { type Environment, loadEnvironment } from './environment'
import { loadFacts, type SubscriberFacts } from './facts'
import { evaluate } from './matches'
import { countMembers, memberIds, scanMembers } from './members'

const DAY = 24 * 60 * 60 * 1000
const NOW = new Date('2026-06-15T12:00:00.000Z')
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000)

/** A small deterministic generator, so a failing world can be rebuilt from its seed. */
function random(seed: number) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  }
}

/**
 * The two evaluators on one world: random profiles, scores, consents, events and list memberships,
 * then 1,000 random rule trees. The database's members must be exactly the subscribers the
 * in-memory evaluator accepts, for every tree.
 */
describe.each(testedDatabases())('segment evaluators agree on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const world = {
    blocks: [] as string[],
    interests: [] as string[],
    personas: [] as string[],
    segments: [] as string[],
    stages: [] as string[],
    topics: [] as string[],
  }
  let env: Environment
  let facts: SubscriberFacts[]

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    const rnd = random(20261123)
    const ref = (id: string) => (payload.db.defaultIDType === 'number' ? Number(id) : id)
    for (const [key, order] of [
      ['subscriber', 10],
      ['lead', 20],
      ['mql', 30],
      ['customer', 50],
      ['at_risk', 70],
    ] as const) {
      world.stages.push(
        String((await payload.create({ collection: 'lifecycle-stages', data: { key, label: key, order } })).id),
      )
    }
    for (const [slug, parent] of [
      ['sport', null],
      ['laufen', 0],
      ['trail', 1],
      ['finanzen', null],
      ['steuern', 3],
      ['rente', 3],
    ] as const) {
      const data = { label: slug, slug, ...(parent === null ? {} : { parent: ref(world.interests[parent]) }) }
      world.interests.push(String((await payload.create({ collection: 'interests', data: data as never })).id))
    }
    for (const slug of ['gf', 'it']) {
      const persona = await payload.create({
        collection: 'personas',
        data: {
          name: slug,
          profile: [{ attribute: 'attributes.role', operator: 'in', values: [slug], weight: 1 }],
          slug,
        } as never,
      })
      world.personas.push(String(persona.id))
    }
    for (const slug of ['news', 'angebote'])
      world.topics.push(
        String((await payload.create({ collection: 'topics', data: { name: slug, slug } as never })).id),
      )
    for (const [index, interest] of world.interests.entries()) {
      const block = await payload.create({
        collection: 'content-blocks',
        data: {
          body: {
            root: {
              children: [{ children: [{ text: 'x', type: 'text', version: 1 }], type: 'paragraph', version: 1 }],
              type: 'root',
              version: 1,
            },
          },
          interests: [ref(interest)],
          title: `Block ${index}`,
        } as never,
      })
      world.blocks.push(String(block.id))
    }

    const subscribers: string[] = []
    for (let index = 0; index < 40; index++) {
      const at = (days: number) => new Date(NOW.getTime() - days * DAY + rnd.int(-3600, 3600) * 1000).toISOString()
      const attributes: Record<string, unknown> = {}
      if (rnd.chance(0.6)) attributes.companySize = rnd.int(1, 500)
      if (rnd.chance(0.5)) attributes.role = rnd.pick(['gf', 'it', 'Einkauf'])
      if (rnd.chance(0.3)) attributes.newsletter = rnd.chance(0.5)
      if (rnd.chance(0.2)) attributes.companySize = String(rnd.int(1, 50)) // a number stored as text is not a number
      const interests = world.interests
        .filter(() => rnd.chance(0.3))
        .map((interest) => ({
          interest: ref(interest),
          lastSeenAt: rnd.chance(0.7) ? at(rnd.int(0, 120)) : null,
          source: rnd.pick(['explicit', 'implicit']),
          weight: rnd.pick([0.2, 0.5, 0.8, 1]),
        }))
      const created = await payload.create({
        collection: 'subscribers',
        data: {
          addressForm: rnd.pick(['formal', 'informal']),
          attributes: Object.keys(attributes).length ? attributes : null,
          email: `person${index}@${rnd.pick(['kunde.example', 'firma.example', 'mail.example'])}`,
          interests,
          locale: rnd.pick(['de', 'de-AT', 'en', 'en-GB']),
          persona: rnd.chance(0.5) ? ref(rnd.pick(world.personas)) : null,
          preferences: {
            channels: rnd.chance(0.4) ? ['email', 'sms', 'push'].filter(() => rnd.chance(0.5)) : [],
            frequency: rnd.pick(['weekly', 'monthly', 'important_only']),
            pausedUntil: rnd.chance(0.2) ? at(rnd.int(-30, 30)) : null,
          },
          region: rnd.chance(0.8) ? rnd.pick(['DE-BY', 'DE-BE', 'DE-HH']) : null,
          stage: rnd.chance(0.9) ? ref(rnd.pick(world.stages)) : null,
          stageHistory: world.stages
            .filter(() => rnd.chance(0.3))
            .map((stage) => ({ changedAt: at(rnd.int(0, 90)), reason: 'test', source: 'rule', stage: ref(stage) })),
        } as never,
      })
      subscribers.push(String(created.id))
    }

    const events: Record<string, unknown>[] = []
    const scores: Record<string, unknown>[] = []
    // Written by the scoring plugin's refit in real life: rows under the active model (a third has
    // no purchases and so none), and rows of the model it replaced, which no reader may use.
    const model = async (status: string) =>
      (
        (await payload.create({
          collection: 'purchase-models' as never,
          data: {
            customers: 1,
            fittedAt: NOW.toISOString(),
            horizonDays: 90,
            logLikelihood: -1,
            parameters: { a: 1, alpha: 1, b: 1, r: 1 },
            repeatCustomers: 1,
            status,
            transactions: 1,
            windowEnd: NOW.toISOString(),
            windowStart: NOW.toISOString(),
          } as never,
        })) as unknown as { id: number | string }
      ).id
    const [active, replaced] = [await model('active'), await model('superseded')]
    const predictions: Record<string, unknown>[] = []
    const prediction = (subscriber: string, modelId: number | string) => ({
      expectedPurchases: rnd.pick([0, 0.4, 1.5, 3]),
      expectedValue: rnd.chance(0.8) ? rnd.pick([0, 25, 120.5, 400]) : null,
      model: modelId,
      probabilityAlive: rnd.pick([0.05, 0.3, 0.5, 0.9, 1]),
      subscriber: ref(subscriber),
    })
    for (const subscriber of subscribers) {
      if (rnd.chance(0.66)) predictions.push(prediction(subscriber, active))
      if (rnd.chance(0.5)) predictions.push(prediction(subscriber, replaced))
    }
    for (const [index, subscriber] of subscribers.entries()) {
      const at = (days: number) => new Date(NOW.getTime() - days * DAY + rnd.int(-3600, 3600) * 1000)
      for (let count = rnd.int(0, 14); count > 0; count--) {
        const type = rnd.pick(['email_clicked', 'page_viewed', 'purchase', 'email_sent', 'download', 'form_submitted'])
        // Property values for the event-property conditions: LIKE's wildcards, case, numbers, missing properties.
        const properties: Record<string, unknown> =
          type === 'purchase'
            ? {
                ...(rnd.chance(0.8) ? { amount: rnd.pick([19, 49, 120, 300, 800]) } : {}),
                product: rnd.pick(['lohn-modul', 'basis-paket', 'lohn_modul']),
              }
            : type === 'email_sent'
              ? { campaign: rnd.pick(['c1', 'c2']), ...(rnd.chance(0.3) ? { channel: rnd.pick(['sms', 'push']) } : {}) }
              : type === 'download'
                ? rnd.chance(0.9)
                  ? {
                      asset: rnd.pick([
                        'whitepaper-cloud',
                        'whitepaper_cloud',
                        'Whitepaper-Cloud',
                        'preise-2027.pdf',
                        123,
                      ]),
                    }
                  : {}
                : type === 'form_submitted'
                  ? { form: rnd.pick(['demo-anfrage', 'kontakt', 'demo%anfrage']) }
                  : {
                      url: rnd.pick([
                        'https://x.example',
                        'https://x.example/preise',
                        'https://x.example/Preise?a=1',
                        'https://x.example/100%_rabatt',
                        'https://x.example/100x-rabatt',
                      ]),
                    }
        events.push({
          block: rnd.chance(0.6) ? rnd.pick(world.blocks) : null,
          eventId: `e-${index}-${count}`,
          occurredAt: at(rnd.int(-1, 400)),
          properties,
          subscriber: ref(subscriber),
          type,
        })
      }
      if (rnd.chance(0.8)) {
        scores.push({
          engagementAsOf: rnd.chance(0.9) ? at(rnd.int(-1, 120)) : null,
          engagementValue: rnd.pick([0, 5, 12.5, 40, 90, -10]),
          fitEvents: rnd.pick([0, 10, -30]),
          subscriber: ref(subscriber),
        })
      }
      if (rnd.chance(0.7)) await payload.update({ collection: 'subscribers', data: {}, id: subscriber }) // recompute persona fits from the profile
      for (let count = rnd.int(0, 4); count > 0; count--) {
        await payload.create({
          collection: 'consent-records',
          data: {
            action: rnd.pick(['requested', 'confirmed', 'confirmed', 'withdrawn']),
            channel: rnd.pick(['email', 'sms']),
            occurredAt: at(rnd.pick([10, 20, 30])).toISOString(),
            purpose: rnd.pick(['marketing', 'marketing', 'tracking']),
            source: 'api',
            subscriber: ref(subscriber),
            topic: rnd.chance(0.5) ? ref(rnd.pick(world.topics)) : null,
          } as never,
          overrideAccess: true,
        })
      }
    }
    await writeAtomically(payload, {
      inserts: [
        { collection: 'events', docs: events },
        { collection: 'lead-scores', docs: scores },
        { collection: 'purchase-predictions', docs: predictions },
      ],
    })
    const dynamic = await payload.create({
      collection: 'segments',
      data: {
        kind: 'dynamic',
        name: 'Kunden',
        rules: { combinator: 'and', rules: [{ field: 'stage', operator: 'is', value: world.stages[3] }] },
      } as never,
    })
    const fixed = await payload.create({
      collection: 'segments',
      data: { kind: 'static', name: 'Liste', rules: null } as never,
    })
    await writeMembers(
      payload,
      String(fixed.id),
      subscribers.filter((_, index) => index % 3 === 0),
      { replace: true },
    )
    world.segments.push(String(dynamic.id), String(fixed.id))

    // One environment and one read of every subscriber's facts serve all trees: they cover every reference.
    const universe: RuleGroup = {
      combinator: 'or',
      rules: [
        ...world.segments.map((value) => ({ field: 'segment', operator: 'in', value }) as Rule),
        ...world.interests.map(
          (interest) =>
            ({
              field: 'events',
              operator: 'atLeast',
              value: { count: 1, days: 3660, interest, type: 'email_clicked' },
            }) as Rule,
        ),
        { field: 'rfm', operator: '>=', value: { metric: 'frequency', value: 1 } },
        ...['email_clicked', 'page_viewed', 'download', 'email_sent', 'form_submitted'].map(
          (type) =>
            ({ field: 'events', operator: 'atLeast', value: { count: 1, days: 3660, interest: null, type } }) as Rule,
        ),
      ],
    }
    env = await loadEnvironment(payload, universe, NOW)
    facts = await loadFacts(payload, subscribers, universe, env)
    expect(facts).toHaveLength(40)
  }, 120_000)

  afterAll(() => local?.close())

  const condition = (): fc.Arbitrary<Rule> => {
    const id = (ids: string[]) => fc.constantFrom(...ids)
    const comparison = fc.constantFrom('<', '<=', '=', '>', '>=', '!=')
    const rule = (field: string, operator: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>) =>
      fc.record({ field: fc.constant(field), operator, value }) as fc.Arbitrary<Rule>
    return fc.oneof(
      rule('locale', fc.constantFrom('=', '!='), fc.constantFrom('de', 'en', 'de-AT')),
      rule('region', fc.constantFrom('=', '!='), fc.constantFrom('DE-BY', 'DE-BE', 'DE-SN')),
      rule('addressForm', fc.constantFrom('=', '!='), fc.constantFrom('formal', 'informal')),
      rule('emailDomain', fc.constantFrom('=', '!='), fc.constantFrom('kunde.example', 'FIRMA.example')),
      rule(
        'attribute',
        fc.constantFrom('exists', 'notExists'),
        fc.record({ key: fc.constantFrom('companySize', 'role', 'newsletter', 'missing') }),
      ),
      rule(
        'attribute',
        comparison,
        fc.record({
          key: fc.constantFrom('companySize', 'role', 'newsletter'),
          value: fc.oneof(fc.integer({ max: 500, min: 0 }), fc.constantFrom('gf', 'it', '12'), fc.boolean()),
        }),
      ).filter((each) => {
        const value = (each.value as { value: unknown }).value
        return typeof value === 'number' || each.operator === '=' || each.operator === '!='
      }),
      rule(
        'attribute',
        fc.constant('contains'),
        fc.record({ key: fc.constantFrom('role', 'companySize'), value: fc.constantFrom('g', 'Ein', '1') }),
      ),
      rule('persona', fc.constant('is'), id(world.personas)),
      rule(
        'persona',
        fc.constant('fitAtLeast'),
        fc.record({ percent: fc.constantFrom(0, 50, 100), persona: id(world.personas) }),
      ),
      rule(
        'interest',
        fc.constant('has'),
        fc.record({
          interest: id(world.interests),
          minWeight: fc.constantFrom(0, 0.1, 0.3, 0.5, 0.9),
          source: fc.constantFrom('any', 'explicit', 'implicit'),
        }),
      ),
      rule('stage', fc.constantFrom('is', 'atLeast'), id(world.stages)),
      rule(
        'stage',
        fc.constant('changedWithin'),
        fc.record({ days: fc.integer({ max: 100, min: 1 }), stage: id(world.stages) }),
      ),
      rule('fitScore', comparison, fc.integer({ max: 60, min: -40 })),
      rule('engagementScore', comparison, fc.constantFrom(-5, 0, 1, 5, 10, 30, 60)),
      rule('totalScore', comparison, fc.integer({ max: 120, min: -40 })),
      rule('probabilityAlive', comparison, fc.constantFrom(0, 0.05, 0.3, 0.31, 0.9, 1)),
      rule('expectedPurchases', comparison, fc.constantFrom(0, 0.4, 1, 3)),
      rule('expectedValue', comparison, fc.constantFrom(0, 25, 100, 400)),
      rule(
        'consent',
        fc.constant('granted'),
        fc.record({ channel: fc.constantFrom('email', 'sms'), topic: fc.option(id(world.topics), { nil: null }) }),
      ),
      rule('tracking', fc.constant('granted'), fc.record({ channel: fc.constantFrom('email', 'sms') })),
      rule('channelChosen', fc.constant('is'), fc.constantFrom('email', 'sms', 'push')),
      rule('frequency', fc.constantFrom('=', '!='), fc.constantFrom('weekly', 'monthly', 'important_only')),
      rule('paused', fc.constant('is'), fc.constant(null)),
      rule(
        'events',
        fc.constantFrom('atLeast', 'fewerThan'),
        fc.record({
          count: fc.integer({ max: 4, min: 1 }),
          days: fc.integer({ max: 400, min: 1 }),
          interest: fc.option(id(world.interests), { nil: null }),
          type: fc.constantFrom('email_clicked', 'page_viewed', 'download', 'email_sent'),
        }),
      ),
      // Event-property conditions: "download where asset = X", "form = Y", "page URL contains Z". Mostly the
      // property the type carries, with values that are LIKE wildcards, differ in case or only in a part.
      {
        arbitrary: fc
          .record({
            condition: fc.option(
              fc.record({
                operator: fc.constantFrom('equals', 'contains'),
                value: fc.constantFrom(
                  'whitepaper-cloud',
                  'whitepaper_cloud',
                  'cloud',
                  'Cloud',
                  '%',
                  '_',
                  '100%_',
                  '0%',
                  'preise',
                  'https://x.example',
                  'lohn-modul',
                  'demo-anfrage',
                  '123',
                ),
              }),
              { freq: 5, nil: null },
            ),
            count: fc.integer({ max: 3, min: 1 }),
            days: fc.integer({ max: 400, min: 1 }),
            interest: fc.option(id(world.interests), { freq: 4, nil: null }),
            typed: fc.constantFrom<[string, string]>(
              ['page_viewed', 'url'],
              ['email_clicked', 'url'],
              ['download', 'asset'],
              ['form_submitted', 'form'],
              ['purchase', 'product'],
              ['download', 'form'],
            ),
          })
          .chain(({ condition, typed: [type, property], ...window }) =>
            rule(
              'events',
              fc.constantFrom('atLeast', 'fewerThan'),
              fc.constant({ ...window, condition: condition && { ...condition, property }, type }),
            ),
          ),
        weight: 3,
      },
      rule(
        'contacted',
        fc.constantFrom('atLeast', 'fewerThan'),
        fc.record({
          channel: fc.constantFrom('email', 'sms', 'push'),
          count: fc.integer({ max: 3, min: 1 }),
          days: fc.integer({ max: 400, min: 1 }),
        }),
      ),
      rule('receivedCampaign', fc.constant('is'), fc.constantFrom('c1', 'c2', 'c3')),
      rule(
        'rfm',
        comparison,
        fc.record({
          metric: fc.constantFrom('recencyDays', 'frequency', 'monetary'),
          value: fc.integer({ max: 400, min: 0 }),
        }),
      ),
      rule(
        'rfm',
        comparison,
        fc.record({
          metric: fc.constantFrom('recencyScore', 'frequencyScore', 'monetaryScore'),
          value: fc.integer({ max: 5, min: 1 }),
        }),
      ),
      rule('segment', fc.constant('in'), id(world.segments)),
    )
  }

  // Built when the tests run: the conditions draw on the world's ids.
  const tree = (): fc.Arbitrary<RuleGroup> =>
    fc.letrec<{ group: RuleGroup; node: Rule | RuleGroup }>((tie) => ({
      group: fc.record({
        combinator: fc.constantFrom('and' as const, 'or' as const),
        not: fc.boolean(),
        rules: fc.array(tie('node'), { maxLength: 4 }),
      }),
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, condition(), tie('group')),
    })).group

  it('selects exactly the subscribers the in-memory evaluator accepts, for 1,000 random trees, in SQL and through where + memory', async () => {
    await fc.assert(
      fc.asyncProperty(tree(), async (raw) => {
        const parsed = parseRuleTree(raw)
        expect(parsed.problems).toEqual([])
        const expected = facts.filter((each) => evaluate(parsed.tree!, each, env)).map((each) => each.id)
        const ids = await memberIds(payload, parsed.tree!, env, { limit: 1000 })
        expect(ids).toEqual(expected.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)))
        expect(await countMembers(payload, parsed.tree!, env)).toBe(expected.length)
        // The form for MongoDB: Payload's `where` narrows, memory decides; it must select the same.
        const scanned: string[] = []
        for await (const page of scanMembers(payload, parsed.tree!, env, undefined, null, 7)) scanned.push(...page)
        expect(scanned).toEqual(ids)
      }),
      { numRuns: RUNS },
    )
  }, 300_000)

  it('finds the world varied enough that trees select different people', () => {
    const sizes = new Set(
      fc
        .sample(tree(), { numRuns: 200, seed: 7 })
        .map((raw) => facts.filter((each) => evaluate(parseRuleTree(raw).tree!, each, env)).length),
    )
    // Not everyone and not no one for almost every tree: the agreement above means something.
    expect(sizes.size).toBeGreaterThan(15)
  })
})

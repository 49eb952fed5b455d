import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CodedError, writeAtomically } from '@kontorwerk/personalization'

import type { Rule, RuleGroup } from './rules/types'

import { testedDatabases } from '../../../tests/helpers/databases'
import { fieldErrors } from '../../../tests/helpers/errors'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import {
  freezeSegment,
  matches,
  previewRules,
  segmentCount,
  segmentMemberPage,
  segmentsOf,
  writeMembers,
} from './utilities/segmentService'

/**
 * The worked example of the segments issue: 20 named subscribers, 8 segments, and the members of
 * each segment computed by hand (see the comments), checked with the database form (count and
 * member pages) and the in-memory form (one subscriber at a time), which must agree.
 * Everything is evaluated at a fixed NOW; "@12" below means "12 days before NOW", "@-1" one day after.
 * Engagement and implicit interests halve every 30 days: p · 2^(−age/30).
 */
const DAY = 24 * 60 * 60 * 1000
const NOW = new Date('2026-06-15T12:00:00.000Z')
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

type InterestKey = 'finanzen' | 'laufen' | 'sport' | 'steuern' | 'trail'
type StageKey = 'at_risk' | 'customer' | 'lead' | 'mql' | 'subscriber'
type TopicKey = 'angebote' | 'news'
type BlockKey = 'lauf' | 'steuer' | 'trail'
type Consent = [
  purpose: 'marketing' | 'tracking',
  channel: 'email' | 'sms',
  topic: null | TopicKey,
  action: 'confirmed' | 'requested' | 'withdrawn',
  daysAgo: number,
]
type Event = [
  type: 'email_clicked' | 'email_sent' | 'page_viewed' | 'purchase',
  daysAgo: number,
  properties?: Record<string, unknown> & { block?: BlockKey },
]

type Person = {
  attributes?: Record<string, unknown>
  consents?: Consent[]
  events?: Event[]
  interests?: [interest: InterestKey, source: 'explicit' | 'implicit', weight: number, lastSeenDaysAgo: number][]
  /** Member of the static list "Messe-Kontakte". */
  fair?: true
  locale?: 'de' | 'en'
  preferences?: { frequency?: 'important_only' | 'monthly' | 'weekly'; pausedUntilDaysAgo?: number }
  region?: string
  /** Lead-score row: fit points from events and engagement points as of a moment. */
  score?: { engagementDaysAgo: number; engagementValue: number; fitEvents: number }
  /** Stage changes in order, the last one is the current stage (default: subscriber @200). */
  stages?: [StageKey, daysAgo: number][]
}

/*
 * Reference data: stages subscriber 10 < lead 20 < mql 30 < customer 50 < at_risk 70.
 * Interests: Sport › Laufen › Trail running; Finanzen › Steuern. Blocks: "trail" is tagged Trail
 * running, "lauf" Laufen, "steuer" Steuern. Topics: news (Laufsport-News), angebote.
 * Personas (primary from 50 %): GF = role Geschäftsführung (weight 3) + companySize ≤ 250 (1);
 * IT = role IT-Leitung (1) + industry Software (1). No scoring rules, so fit = fitEvents.
 */
const PEOPLE = {
  anna: {
    attributes: { industry: 'Sport' }, // no persona: GF 0 %, IT 0 %
    consents: [
      ['marketing', 'email', 'news', 'confirmed', 100],
      ['tracking', 'email', null, 'confirmed', 100],
    ],
    events: [
      ['email_clicked', 3, { block: 'trail' }],
      ['email_clicked', 12, { block: 'trail' }],
      ['email_sent', 20, { campaign: 'sommerlauf-2026', channel: 'email' }],
      ['email_sent', 5, { campaign: 'newsletter-24', channel: 'email' }],
    ],
    interests: [['trail', 'explicit', 1, 50]],
    region: 'DE-BY',
  },
  ben: {
    consents: [['marketing', 'email', null, 'confirmed', 50]], // all topics, no tracking
    events: [
      ['email_clicked', 2, { block: 'trail' }],
      ['page_viewed', 2, { block: 'trail' }],
      ['email_sent', 20, { campaign: 'sommerlauf-2026', channel: 'email' }],
    ],
    interests: [['sport', 'explicit', 0.3, 50]],
    region: 'DE-BY',
    score: { engagementDaysAgo: 15, engagementValue: 60, fitEvents: 0 }, // 60 · 2^(−0.5) = 42.4
    stages: [
      ['subscriber', 200],
      ['lead', 90],
    ],
  },
  clara: {
    consents: [
      ['marketing', 'email', 'news', 'confirmed', 100],
      ['tracking', 'email', null, 'confirmed', 100],
      ['marketing', 'email', 'news', 'withdrawn', 20],
    ],
    events: [
      ['email_clicked', 5, { block: 'trail' }],
      ['email_clicked', 31, { block: 'trail' }],
      ['email_sent', 25, { campaign: 'newsletter-23', channel: 'email' }],
      ['email_sent', 20, { campaign: 'sommerlauf-2026', channel: 'email' }],
      ['email_sent', 2, { campaign: 'newsletter-25', channel: 'email' }],
    ],
    interests: [['laufen', 'implicit', 0.8, 20]], // 0.8 · 2^(−20/30) = 0.504
    region: 'DE-BE',
  },
  david: {
    consents: [
      ['marketing', 'email', 'news', 'confirmed', 100],
      ['tracking', 'email', null, 'confirmed', 100],
      ['marketing', 'email', null, 'withdrawn', 10],
    ],
    interests: [['laufen', 'implicit', 0.8, 40]], // 0.8 · 2^(−40/30) = 0.317
  },
  emma: {
    consents: [
      ['marketing', 'email', 'angebote', 'confirmed', 30],
      ['tracking', 'email', null, 'confirmed', 30],
    ],
    events: [
      ['email_clicked', 1, { block: 'lauf' }],
      ['email_clicked', 2, { block: 'lauf' }],
      ['email_clicked', 3, { block: 'lauf' }],
      ['email_sent', 60, { campaign: 'fruehjahr-2026', channel: 'email' }],
    ],
    interests: [['trail', 'implicit', 1, 10]], // 2^(−10/30) = 0.794
    region: 'DE-BE',
  },
  felix: {
    attributes: { companySize: 120, industry: 'Handel', role: 'Geschäftsführung' }, // GF 100 %
    consents: [
      ['marketing', 'email', 'news', 'confirmed', 40],
      ['tracking', 'email', null, 'confirmed', 40],
    ],
    interests: [['steuern', 'explicit', 1, 40]],
    preferences: { pausedUntilDaysAgo: -10 }, // paused for 10 more days
    region: 'DE-BY',
  },
  greta: {
    attributes: { companySize: 30, role: 'Geschäftsführung' }, // GF 100 %
    consents: [
      ['marketing', 'email', 'news', 'confirmed', 60],
      ['tracking', 'email', null, 'confirmed', 60],
      ['tracking', 'email', null, 'withdrawn', 30],
    ],
    interests: [['sport', 'implicit', 1, 1]],
    preferences: { pausedUntilDaysAgo: 1 }, // the pause ended yesterday
  },
  hannah: {
    attributes: { companySize: 80, industry: 'Software', role: 'IT-Leitung' }, // IT 100 %, GF 25 %
    consents: [['marketing', 'email', 'news', 'confirmed', 70]],
    events: [
      ['email_sent', 10, { campaign: 'sommerlauf-2026', channel: 'email' }],
      ['email_sent', 40, { campaign: 'newsletter-20', channel: 'email' }],
      ['email_sent', 1, { campaign: 'sms-aktion', channel: 'sms' }],
      ['email_sent', 2, { campaign: 'sms-aktion', channel: 'sms' }],
      ['email_sent', 3, { campaign: 'sms-aktion', channel: 'sms' }],
    ],
    interests: [['laufen', 'explicit', 0.5, 30]],
    preferences: { frequency: 'important_only' },
    region: 'DE-HH',
  },
  jonas: {
    consents: [
      ['marketing', 'email', 'news', 'requested', 10],
      ['tracking', 'email', null, 'confirmed', 10],
    ], // double opt-in never confirmed
    events: [
      ['email_clicked', 29, { block: 'trail' }],
      ['email_clicked', 1, { block: 'trail' }],
    ],
  },
  karl: {
    attributes: { companySize: 500, industry: 'Handel', role: 'IT-Leitung' }, // IT 50 % (primary), GF 0 %
    consents: [
      ['marketing', 'sms', 'news', 'confirmed', 30],
      ['tracking', 'email', null, 'confirmed', 30],
    ],
    events: [['email_sent', 100, { campaign: 'sommerlauf-2026', channel: 'email' }]],
    fair: true,
    region: 'DE-BY',
  },
  lena: {
    attributes: { companySize: '200', role: 'Geschäftsführung' }, // GF 100 % (the persona profile reads "200" as 200)
    consents: [
      ['marketing', 'email', 'news', 'withdrawn', 100],
      ['marketing', 'email', 'news', 'confirmed', 5],
      ['tracking', 'email', null, 'confirmed', 5],
    ],
    events: [
      ['email_clicked', 10, { block: 'trail' }],
      ['email_clicked', -1, { block: 'trail' }],
    ],
    locale: 'en',
  },
  max: {
    attributes: { companySize: 400, role: 'Geschäftsführung' }, // GF 75 %
    events: [
      ['purchase', 10, { amount: 150, product: 'Trailschuh' }],
      ['purchase', 100, { amount: 80, product: 'Stirnlampe' }],
    ],
    region: 'DE-BY',
  },
  nina: {
    events: [
      ['purchase', 5, { amount: 20, product: 'Gel' }],
      ['purchase', 40, { amount: 20, product: 'Gel' }],
      ['purchase', 80, { amount: 20, product: 'Gel' }],
    ],
    fair: true,
  },
  oskar: {
    events: [['purchase', 60 + 23 / 24, { amount: 500, product: 'Laufuhr' }]], // 60 days 23 hours ago
    score: { engagementDaysAgo: 30, engagementValue: 80, fitEvents: 0 }, // 80 · 2^(−1) = 40
    stages: [
      ['subscriber', 200],
      ['mql', 45],
    ],
  },
  paula: {
    attributes: { companySize: 60 }, // GF 25 %, IT 0 %: no persona
    events: [['purchase', 61, { amount: 900, product: 'Laufband' }]],
    score: { engagementDaysAgo: 60, engagementValue: 80, fitEvents: 20 }, // 80 · 2^(−2) = 20, total 40
    stages: [
      ['subscriber', 200],
      ['customer', 20],
    ],
  },
  quirin: {
    events: [
      ['purchase', 10, { amount: 100, product: 'Rucksack' }],
      ['purchase', 400, { amount: 150, product: 'Zelt' }],
    ],
    score: { engagementDaysAgo: 30, engagementValue: 40, fitEvents: 30 }, // 30 + 40 · 2^(−1) = 50
    stages: [
      ['subscriber', 200],
      ['lead', 30],
    ],
  },
  rosa: {
    events: [['purchase', -3, { amount: 250, product: 'Jacke' }]], // bought 3 days after NOW
    stages: [
      ['subscriber', 200],
      ['customer', 10],
    ],
  },
  simon: {
    events: [
      ['email_sent', 5, { campaign: 'sommerlauf-2026' }],
      ['email_sent', 6, { campaign: 'info-1' }],
      ['email_sent', 7, { campaign: 'info-2' }],
    ], // no channel: email
    fair: true,
    score: { engagementDaysAgo: 90, engagementValue: 100, fitEvents: 0 }, // 100 · 2^(−3) = 12.5
    stages: [
      ['customer', 100],
      ['at_risk', 5],
    ],
  },
  tom: {
    locale: 'en',
    region: 'DE-BY',
    score: { engagementDaysAgo: 10, engagementValue: 70, fitEvents: 0 }, // 70 · 2^(−1/3) = 55.6
    stages: [
      ['subscriber', 200],
      ['at_risk', 20],
    ],
  },
  ute: {
    stages: [
      ['mql', 50],
      ['customer', -2],
    ], // becomes a customer 2 days after NOW
  },
} satisfies Record<string, Person>

type Name = keyof typeof PEOPLE
const NAMES = Object.keys(PEOPLE) as Name[]
const emailOf = (name: string) => `${name}@kunde.example`

type World = {
  blocks: Record<BlockKey, string>
  interests: Record<InterestKey, string>
  personas: Record<'gf' | 'it', string>
  segments: Record<string, string>
  stages: Record<StageKey, string>
  topics: Record<TopicKey, string>
}

const and = (...rules: (Rule | RuleGroup)[]): RuleGroup => ({ combinator: 'and', rules })
const or = (...rules: (Rule | RuleGroup)[]): RuleGroup => ({ combinator: 'or', rules })
const not = (group: RuleGroup): RuleGroup => ({ ...group, not: true })

/** The eight segments, in the order they are created (Sommerlauf-Nachfass uses Läufer), with their members by hand. */
const SEGMENTS: { members: Name[]; name: string; rules: (w: World) => RuleGroup }[] = [
  {
    // Sport (parent) explicitly with weight ≥ 0.5, or Laufen implicitly with a decayed weight ≥ 0.4.
    // anna: explicit Trail running 1, a child of Sport → in. ben: explicit Sport 0.3 < 0.5 → out.
    // clara: implicit Laufen 0.8 seen @20 → 0.504 → in. david: the same seen @40 → 0.317 → out.
    // emma: implicit Trail 1 seen @10 → 0.794, Trail is in Laufen's family → in. felix: Steuern → out.
    // greta: implicit Sport (a parent, not a child of Laufen; not explicit) → out. hannah: explicit Laufen 0.5 = 0.5 → in.
    members: ['anna', 'clara', 'emma', 'hannah'],
    name: 'Läufer',
    rules: (w) =>
      or(
        {
          field: 'interest',
          operator: 'has',
          value: { interest: w.interests.sport, minWeight: 0.5, source: 'explicit' },
        },
        {
          field: 'interest',
          operator: 'has',
          value: { interest: w.interests.laufen, minWeight: 0.4, source: 'implicit' },
        },
      ),
  },
  {
    // Clicked a block tagged Trail running at least twice in the last 30 days.
    // anna @3, @12 → in. jonas @29, @1 → in. clara @5 and @31 (outside) → out. lena @10 and @-1 (after NOW) → out.
    // ben: one click, the other event on that block is a page view → out. emma: 3 clicks on the Laufen block (the parent) → out.
    members: ['anna', 'jonas'],
    name: 'Trail-Klicker',
    rules: (w) =>
      and({
        field: 'events',
        operator: 'atLeast',
        value: { count: 2, days: 30, interest: w.interests.trail, type: 'email_clicked' },
      }),
  },
  {
    // companySize ≥ 50 (a number) and (primary persona GF or IT fit ≥ 100 %).
    // felix 120, GF → in. max 400, GF (75 %) → in. hannah 80, IT 100 % → in. greta: GF but 30 → out.
    // karl 500, IT only 50 % and not GF → out. lena: GF, but companySize is the text "200" → out. paula 60, no persona → out.
    members: ['felix', 'hannah', 'max'],
    name: 'Entscheider Mittelstand',
    rules: (w) =>
      and(
        { field: 'attribute', operator: '>=', value: { key: 'companySize', value: 50 } },
        or(
          { field: 'persona', operator: 'is', value: w.personas.gf },
          { field: 'persona', operator: 'fitAtLeast', value: { percent: 100, persona: w.personas.it } },
        ),
      ),
  },
  {
    // (stage ≥ mql and engagement ≥ 30) or (stage lead and total ≥ 50) or became customer within 14 days.
    // oskar: mql, 80 @30 → 40 → in. tom: at_risk (≥ mql), 70 @10 → 55.6 → in. quirin: lead, 30 + 20 = 50 → in (exactly).
    // rosa: customer since @10 → in. paula: customer since @20 (too long ago), engagement 20 → out.
    // simon: at_risk, 12.5; customer @100 → out. ben: lead, total 42.4 → out. ute: mql, no score; customer only @-2 → out.
    members: ['oskar', 'quirin', 'rosa', 'tom'],
    name: 'Heiße Leads',
    rules: (w) =>
      or(
        and(
          { field: 'stage', operator: 'atLeast', value: w.stages.mql },
          { field: 'engagementScore', operator: '>=', value: 30 },
        ),
        and(
          { field: 'stage', operator: 'is', value: w.stages.lead },
          { field: 'totalScore', operator: '>=', value: 50 },
        ),
        { field: 'stage', operator: 'changedWithin', value: { days: 14, stage: w.stages.customer } },
      ),
  },
  {
    // Email consent for the topic news, and not (paused or only important mails).
    // anna: news → in. ben: all topics → in. greta: pause ended @1 → in. lena: withdrew @100, confirmed again @5 → in.
    // clara: withdrew news @20 → out. david: withdrew everything @10 → out. emma: only angebote → out. felix: paused → out.
    // hannah: important only → out. jonas: requested, never confirmed → out. karl: news by SMS only → out.
    members: ['anna', 'ben', 'greta', 'lena'],
    name: 'Laufsport-Newsletter',
    rules: (w) =>
      and(
        { field: 'consent', operator: 'granted', value: { channel: 'email', topic: w.topics.news } },
        not(
          or(
            { field: 'paused', operator: 'is', value: null },
            { field: 'frequency', operator: '=', value: 'important_only' },
          ),
        ),
      ),
  },
  {
    // Last purchase at most 60 whole days ago, and (spend ≥ 200 or frequency score ≥ 3, i.e. ≥ 3 purchases) in 365 days.
    // max: @10, 150 + 80 = 230 → in. nina: @5, 3 purchases (score 3), 60 → in. oskar: 60 days 23 hours = 60 whole days, 500 → in.
    // paula: 61 days → out. quirin: 100 in the window (the 150 @400 is outside it), 1 purchase → out. rosa: buys only @-3 → out.
    members: ['max', 'nina', 'oskar'],
    name: 'Stammkunden',
    rules: () =>
      and(
        { field: 'rfm', operator: '<=', value: { metric: 'recencyDays', value: 60 } },
        or(
          { field: 'rfm', operator: '>=', value: { metric: 'monetary', value: 200 } },
          { field: 'rfm', operator: '>=', value: { metric: 'frequencyScore', value: 3 } },
        ),
      ),
  },
  {
    // (In Läufer or on the static list Messe-Kontakte) and received sommerlauf-2026 and not ≥ 3 emails in 30 days.
    // anna (Läufer): 2 emails → in. hannah (Läufer): 1 email in 30 days (3 SMS and one @40 do not count) → in.
    // karl (list): received it @100, no email since → in. clara (Läufer): 3 emails → out. emma: another campaign → out.
    // simon (list): 3 sends without channel, which count as email → out. nina (list): nothing received → out. ben: neither → out.
    members: ['anna', 'hannah', 'karl'],
    name: 'Sommerlauf-Nachfass',
    rules: (w) =>
      and(
        or(
          { field: 'segment', operator: 'in', value: w.segments['Läufer'] },
          { field: 'segment', operator: 'in', value: w.segments['Messe-Kontakte'] },
        ),
        { field: 'receivedCampaign', operator: 'is', value: 'sommerlauf-2026' },
        not(and({ field: 'contacted', operator: 'atLeast', value: { channel: 'email', count: 3, days: 30 } })),
      ),
  },
  {
    // Email consent for any topic, tracking consent by email, locale de.
    // anna (news), emma (angebote), felix (news; his pause does not matter here) → in.
    // ben: no tracking. clara, david: withdrawn. greta: tracking withdrawn. hannah: no tracking. jonas: only requested.
    // karl: marketing by SMS only. lena: locale en → all out.
    members: ['anna', 'emma', 'felix'],
    name: 'Erreichbar mit Tracking',
    rules: () =>
      and(
        { field: 'consent', operator: 'granted', value: { channel: 'email', topic: null } },
        { field: 'tracking', operator: 'granted', value: { channel: 'email' } },
        { field: 'locale', operator: '=', value: 'de' },
      ),
  },
]
const FAIR: Name[] = ['karl', 'nina', 'simon']

describe.each(testedDatabases())('segments on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const w: World = { blocks: {}, interests: {}, personas: {}, segments: {}, stages: {}, topics: {} } as World
  const ids = {} as Record<Name, string>
  const nameOf = new Map<string, Name>()
  const ref = (id: number | string) => (payload.db.defaultIDType === 'number' ? Number(id) : String(id))
  const names = (list: Iterable<number | string>) =>
    [...list].map((id) => nameOf.get(String(id)) ?? `unknown ${id}`).sort()

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    for (const [key, order] of [
      ['subscriber', 10],
      ['lead', 20],
      ['mql', 30],
      ['customer', 50],
      ['at_risk', 70],
    ] as const) {
      w.stages[key] = String(
        (await payload.create({ collection: 'lifecycle-stages', data: { key, label: key, order } })).id,
      )
    }
    for (const [slug, parent] of [
      ['sport', null],
      ['laufen', 'sport'],
      ['trail', 'laufen'],
      ['finanzen', null],
      ['steuern', 'finanzen'],
    ] as const) {
      const data = {
        label: slug === 'trail' ? 'Trail running' : slug,
        slug,
        ...(parent ? { parent: ref(w.interests[parent]) } : {}),
      }
      w.interests[slug] = String((await payload.create({ collection: 'interests', data: data as never })).id)
    }
    const persona = (slug: string, name: string, profile: Record<string, unknown>[]) =>
      payload.create({ collection: 'personas', data: { name, profile, slug } as never })
    w.personas.gf = String(
      (
        await persona('gf', 'Geschäftsführung', [
          { attribute: 'attributes.role', operator: 'in', values: ['Geschäftsführung'], weight: 3 },
          { attribute: 'attributes.companySize', operator: 'lte', values: ['250'], weight: 1 },
        ])
      ).id,
    )
    w.personas.it = String(
      (
        await persona('it', 'IT-Leitung', [
          { attribute: 'attributes.role', operator: 'in', values: ['IT-Leitung'], weight: 1 },
          { attribute: 'attributes.industry', operator: 'in', values: ['Software'], weight: 1 },
        ])
      ).id,
    )
    for (const [slug, name] of [
      ['news', 'Laufsport-News'],
      ['angebote', 'Angebote'],
    ] as const) {
      w.topics[slug] = String((await payload.create({ collection: 'topics', data: { name, slug } as never })).id)
    }
    for (const [key, interest] of [
      ['trail', 'trail'],
      ['lauf', 'laufen'],
      ['steuer', 'steuern'],
    ] as const) {
      const body = {
        root: {
          children: [{ children: [{ text: key, type: 'text', version: 1 }], type: 'paragraph', version: 1 }],
          type: 'root',
          version: 1,
        },
      }
      w.blocks[key] = String(
        (
          await payload.create({
            collection: 'content-blocks',
            data: { body, interests: [ref(w.interests[interest])], title: `Block ${key}` } as never,
          })
        ).id,
      )
    }

    const events: Record<string, unknown>[] = []
    const scores: Record<string, unknown>[] = []
    for (const name of NAMES) {
      const person: Person = PEOPLE[name]
      const [[firstStage, firstAt], ...laterStages] = person.stages ?? [['subscriber', 200]]
      const created = await payload.create({
        collection: 'subscribers',
        context: { stageChange: { at: ago(firstAt), source: 'import' } },
        data: {
          attributes: person.attributes ?? null,
          email: emailOf(name),
          firstName: name[0].toUpperCase() + name.slice(1),
          interests: (person.interests ?? []).map(([interest, source, weight, seen]) => ({
            interest: ref(w.interests[interest]),
            lastSeenAt: ago(seen).toISOString(),
            source,
            weight,
          })),
          locale: person.locale ?? 'de',
          preferences: {
            frequency: person.preferences?.frequency ?? 'weekly',
            pausedUntil:
              person.preferences?.pausedUntilDaysAgo === undefined
                ? null
                : ago(person.preferences.pausedUntilDaysAgo).toISOString(),
          },
          region: person.region ?? null,
          stage: ref(w.stages[firstStage]),
        } as never,
      })
      const id = String(created.id)
      ids[name] = id
      nameOf.set(id, name)
      for (const [stage, at] of laterStages) {
        await payload.update({
          collection: 'subscribers',
          context: { stageChange: { at: ago(at), source: 'rule' } },
          data: { stage: ref(w.stages[stage]) } as never,
          id,
        })
      }
      for (const [purpose, channel, topic, action, at] of person.consents ?? []) {
        await payload.create({
          collection: 'consent-records',
          data: {
            action,
            channel,
            occurredAt: ago(at).toISOString(),
            purpose,
            source: 'api',
            subscriber: ref(id),
            topic: topic ? ref(w.topics[topic]) : null,
          } as never,
          overrideAccess: true,
        })
      }
      for (const [index, [type, at, { block, ...properties } = {}]] of (person.events ?? []).entries()) {
        events.push({
          block: block ? w.blocks[block] : null,
          eventId: `${name}-${index}`,
          occurredAt: ago(at),
          properties: { url: 'https://laufwerk.example/', ...properties },
          subscriber: ref(id),
          type,
        })
      }
      if (person.score) {
        scores.push({
          engagementAsOf: ago(person.score.engagementDaysAgo),
          engagementValue: person.score.engagementValue,
          fitEvents: person.score.fitEvents,
          subscriber: ref(id),
        })
      }
    }
    await writeAtomically(payload, {
      inserts: [
        { collection: 'events', docs: events },
        { collection: 'lead-scores', docs: scores },
      ],
    })

    const fair = await payload.create({
      collection: 'segments',
      data: { kind: 'static', name: 'Messe-Kontakte' } as never,
    })
    w.segments['Messe-Kontakte'] = String(fair.id)
    await writeMembers(
      payload,
      String(fair.id),
      FAIR.map((name) => ids[name]),
      { replace: true },
    )
    for (const segment of SEGMENTS) {
      const created = await payload.create({
        collection: 'segments',
        data: { kind: 'dynamic', name: segment.name, rules: segment.rules(w) } as never,
      })
      w.segments[segment.name] = String(created.id)
    }
  }, 180_000)

  afterAll(() => local?.close())

  const sqlMembers = async (segment: string, at = NOW) => {
    const { ids: page, total } = await segmentMemberPage(payload, segment, { limit: 100, page: 1 }, at)
    expect(total).toBe(page.length)
    return names(page)
  }

  describe('the worked example: 20 subscribers, 8 segments', () => {
    /** Which of all stored segments each person is in, read one person at a time (in-memory form). */
    let membership: Map<Name, Set<string>>
    beforeAll(async () => {
      membership = new Map()
      for (const name of NAMES)
        membership.set(name, await segmentsOf(payload, ids[name], Object.values(w.segments), NOW))
    })

    it('computes the profiles the segments read (persona from the profile, stage history)', async () => {
      const read = async (name: Name) =>
        payload.findByID({ collection: 'subscribers', depth: 0, id: ids[name] }) as unknown as Promise<
          Record<string, any>
        >
      const personaOf = async (name: Name) => {
        const persona = (await read(name)).persona
        return persona == null
          ? null
          : String(persona) === w.personas.gf
            ? 'gf'
            : String(persona) === w.personas.it
              ? 'it'
              : String(persona)
      }
      expect(
        await Promise.all(
          (['anna', 'felix', 'greta', 'hannah', 'karl', 'lena', 'max', 'paula'] as const).map(personaOf),
        ),
      ).toEqual([null, 'gf', 'gf', 'it', 'it', 'gf', 'gf', null])
      const fits = (await read('max')).score.personaFits
      expect([fits[w.personas.gf], fits[w.personas.it]]).toEqual([75, 0])
      const simon = await read('simon')
      expect(
        simon.stageHistory.map((entry: { changedAt: string; stage: unknown }) => [
          String(entry.stage),
          entry.changedAt,
        ]),
      ).toEqual([
        [w.stages.customer, ago(100).toISOString()],
        [w.stages.at_risk, ago(5).toISOString()],
      ])
    })

    for (const segment of SEGMENTS) {
      it(`${segment.name}: ${segment.members.join(', ')}`, async () => {
        const id = w.segments[segment.name]
        // Database form: the count and the member list.
        expect(await segmentCount(payload, id, NOW)).toBe(segment.members.length)
        expect(await sqlMembers(id)).toEqual(segment.members)
        // In-memory form, one subscriber at a time: segmentsOf over all segments and matches() per person.
        expect(NAMES.filter((name) => membership.get(name)!.has(id))).toEqual(segment.members)
        const matched: Name[] = []
        for (const name of NAMES) if (await matches(payload, ids[name], id, NOW)) matched.push(name)
        expect(matched).toEqual(segment.members)
      })
    }

    it('Messe-Kontakte (static): karl, nina, simon, in both forms', async () => {
      const id = w.segments['Messe-Kontakte']
      expect(await segmentCount(payload, id, NOW)).toBe(3)
      expect(await sqlMembers(id)).toEqual(FAIR)
      expect(NAMES.filter((name) => membership.get(name)!.has(id))).toEqual(FAIR)
    })

    it("lists a person's segments when no segments are named (all of them)", async () => {
      const segmentNames = new Map(Object.entries(w.segments).map(([name, id]) => [id, name]))
      const of = async (name: Name) =>
        [...(await segmentsOf(payload, ids[name], null, NOW))].map((id) => segmentNames.get(id)).sort()
      expect(await of('anna')).toEqual([
        'Erreichbar mit Tracking',
        'Laufsport-Newsletter',
        'Läufer',
        'Sommerlauf-Nachfass',
        'Trail-Klicker',
      ])
      expect(await of('karl')).toEqual(['Messe-Kontakte', 'Sommerlauf-Nachfass'])
      expect(await of('david')).toEqual([])
      expect(await of('ute')).toEqual([])
    })

    it('pages through members in id order', async () => {
      const page = (n: number) => segmentMemberPage(payload, w.segments['Läufer'], { limit: 3, page: n }, NOW)
      const [first, second, third] = [await page(1), await page(2), await page(3)]
      expect([names(first.ids), names(second.ids), third.ids]).toEqual([['anna', 'clara', 'emma'], ['hannah'], []])
      expect([first.total, second.total, third.total]).toEqual([4, 4, 4])
    })

    it('evaluates at the given moment: the 30-day window moves', async () => {
      // Two days after NOW: anna's clicks are 5 and 14 days old → in; jonas's @29 is 31 days old → out;
      // lena's clicks are 12 days and 1 day old → in.
      const later = new Date(NOW.getTime() + 2 * DAY)
      const id = w.segments['Trail-Klicker']
      expect(await sqlMembers(id, later)).toEqual(['anna', 'lena'])
      expect([await matches(payload, ids.jonas, id, later), await matches(payload, ids.lena, id, later)]).toEqual([
        false,
        true,
      ])
    })
  })

  describe('static segments', () => {
    it('freezes a dynamic segment: the frozen list keeps its members when a profile changes', async () => {
      const laeufer = w.segments['Läufer']
      const frozen = await freezeSegment(payload, laeufer, { at: NOW, name: 'Läufer Juni' })
      expect(frozen).toEqual({ id: expect.any(String), memberCount: 4, name: 'Läufer Juni' })
      const stored = await payload.findByID({ collection: 'segments', depth: 0, id: frozen.id })
      expect([
        stored.kind,
        stored.memberCount,
        String(stored.frozenFrom),
        new Date(stored.frozenAt!).toISOString(),
      ]).toEqual(['static', 4, laeufer, NOW.toISOString()])
      expect(await sqlMembers(frozen.id)).toEqual(['anna', 'clara', 'emma', 'hannah'])

      // clara loses her running interest: she leaves Läufer, but not the frozen list.
      await payload.update({ collection: 'subscribers', data: { interests: [] } as never, id: ids.clara })
      expect(await sqlMembers(laeufer)).toEqual(['anna', 'emma', 'hannah'])
      expect(await matches(payload, ids.clara, laeufer, NOW)).toBe(false)
      expect(await sqlMembers(frozen.id)).toEqual(['anna', 'clara', 'emma', 'hannah'])
      expect(await matches(payload, ids.clara, frozen.id, NOW)).toBe(true)
      expect(await segmentCount(payload, frozen.id, new Date(NOW.getTime() + 365 * DAY))).toBe(4)
    })

    describe('CSV import over the endpoint', () => {
      let list: string
      let asAdmin: PayloadRequest
      let asEditor: PayloadRequest
      const importEndpoint = () =>
        ((payload.collections.segments.config.endpoints || []) as Endpoint[]).find(
          (endpoint) => endpoint.path === '/:id/import',
        )!
      const upload = async (req: PayloadRequest, segment: string, csv: string, mode = '') => {
        Object.assign(req, {
          routeParams: { id: segment },
          searchParams: new URLSearchParams(mode ? { mode } : {}),
          text: async () => csv,
        })
        const response = await importEndpoint()!.handler(req)
        return { body: await response.json(), status: response.status }
      }
      const stored = async () => {
        const { docs } = await payload.find({
          collection: 'segment-members',
          depth: 0,
          limit: 0,
          pagination: false,
          where: { segment: { equals: list } },
        })
        const doc = await payload.findByID({ collection: 'segments', depth: 0, id: list })
        return {
          memberCount: doc.memberCount,
          members: names(
            docs.map((member) =>
              String(typeof member.subscriber === 'object' ? member.subscriber.id : member.subscriber),
            ),
          ),
        }
      }

      beforeAll(async () => {
        list = String(
          (await payload.create({ collection: 'segments', data: { kind: 'static', name: 'Import-Liste' } as never }))
            .id,
        )
        const admin = await createStaff(payload, 'admin', `admin-${kind}@laufwerk.example`)
        const editor = await createStaff(payload, 'editor', `editor-${kind}@laufwerk.example`)
        asAdmin = await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
        asEditor = await createLocalReq({ user: { ...editor, collection: 'users' } as never }, payload)
      })

      it('adds the members of a good file (emails normalised, repeats once) and adds to them on the next import', async () => {
        const first = await upload(
          asAdmin,
          list,
          'E-Mail,Name\nanna@kunde.example,Anna\n BEN@Kunde.example ,Ben\nanna@kunde.example,Anna again\n',
        )
        expect(first).toEqual({ body: { imported: 2, memberCount: 2 }, status: 200 })
        const second = await upload(asAdmin, list, 'email\nclara@kunde.example\nanna@kunde.example\n')
        expect(second).toEqual({ body: { imported: 2, memberCount: 3 }, status: 200 })
        expect(await stored()).toEqual({ memberCount: 3, members: ['anna', 'ben', 'clara'] })
        expect(await sqlMembers(list)).toEqual(['anna', 'ben', 'clara'])
      })

      it('rejects a file with bad rows, naming each row, and stores nothing', async () => {
        const before = await stored()
        const csv = [
          'email,name',
          'david@kunde.example,David',
          'kein-at-zeichen,Kaputt',
          'emma@kunde.example,Emma',
          'zora@kunde.example,Zora',
        ].join('\n')
        const result = await upload(asAdmin, list, csv, 'replace')
        expect(result.status).toBe(422)
        // Spreadsheet rows: the header is row 1, so the invalid address is row 3 and the unknown one row 5.
        expect(result.body.errors).toEqual([
          { message: '"kein-at-zeichen" is not a valid email address', row: 3 },
          { message: 'No subscriber with the email zora@kunde.example', row: 5 },
        ])
        expect(await stored()).toEqual(before)

        // Rows are lines of the file: a blank line does not shift the numbers.
        const withGap = await upload(asAdmin, list, 'email\nanna@kunde.example\n\nkaputt\n', 'replace')
        expect(withGap).toEqual({
          body: { errors: [{ message: '"kaputt" is not a valid email address', row: 4 }] },
          status: 422,
        })

        const noHeader = await upload(asAdmin, list, 'name,firma\nDavid,Laufwerk\n', 'replace')
        expect(noHeader).toEqual({
          body: { errors: [{ message: 'The first row needs an "email" column', row: 1 }] },
          status: 422,
        })
        expect(await stored()).toEqual(before)
      })

      it('imports only into static segments, and only for admins', async () => {
        const before = await stored()
        const dynamic = await upload(asAdmin, w.segments['Läufer'], 'email\ndavid@kunde.example\n')
        expect(dynamic.status).toBe(400)
        const editor = await upload(asEditor, list, 'email\ndavid@kunde.example\n')
        expect(editor.status).toBe(403)
        expect(await stored()).toEqual(before)
        expect(
          await payload
            .count({ collection: 'segment-members', where: { subscriber: { equals: ids.david } } })
            .then((r) => r.totalDocs),
        ).toBe(0)
      })

      it('replaces the list with mode=replace', async () => {
        expect(await upload(asAdmin, list, 'email\ndavid@kunde.example\nemma@kunde.example\n', 'replace')).toEqual({
          body: { imported: 2, memberCount: 2 },
          status: 200,
        })
        expect(await stored()).toEqual({ memberCount: 2, members: ['david', 'emma'] })
      })
    })
  })

  describe('bad input: clear errors that name the place, nothing saved', () => {
    const segmentTotal = () => payload.count({ collection: 'segments' }).then((r) => r.totalDocs)
    const create = (name: string, rules: unknown) =>
      payload.create({ collection: 'segments', data: { kind: 'dynamic', name, rules } as never })
    const rulesOf = async (id: number | string) =>
      (await payload.findByID({ collection: 'segments', depth: 0, id })).rules
    let basis: string

    beforeAll(async () => {
      basis = String((await create('Basis', and({ field: 'locale', operator: '=', value: 'de' }))).id)
    })

    /** The field errors of a rejected save, checking it is Payload's ValidationError. */
    const rejected = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (caught: unknown) => caught,
      )
      expect((error as Error | null)?.name).toBe('ValidationError')
      return fieldErrors(Promise.reject(error))
    }

    it('refuses rules that point at a deleted interest or persona, on create and update', async () => {
      const yoga = await payload.create({ collection: 'interests', data: { label: 'Yoga', slug: 'yoga' } as never })
      const einkauf = await payload.create({
        collection: 'personas',
        data: { name: 'Einkauf', slug: 'einkauf' } as never,
      })
      await payload.delete({ collection: 'interests', id: yoga.id })
      await payload.delete({ collection: 'personas', id: einkauf.id })
      const rules = and(
        { field: 'locale', operator: '=', value: 'de' },
        { field: 'interest', operator: 'has', value: { interest: String(yoga.id), minWeight: 0, source: 'any' } },
        or(
          { field: 'region', operator: '=', value: 'DE-BY' },
          { field: 'persona', operator: 'is', value: String(einkauf.id) },
        ),
      )
      const before = await segmentTotal()
      expect(await rejected(create('Yoga-Fans', rules))).toEqual([
        `rules: Regel 2: Interesse ${yoga.id} gibt es nicht (gelöscht?); Regel 3.2: Persona ${einkauf.id} gibt es nicht (gelöscht?)`,
      ])
      expect(await segmentTotal()).toBe(before)

      const stored = await rulesOf(basis)
      expect(await rejected(payload.update({ collection: 'segments', data: { rules } as never, id: basis }))).toEqual([
        `rules: Regel 2: Interesse ${yoga.id} gibt es nicht (gelöscht?); Regel 3.2: Persona ${einkauf.id} gibt es nicht (gelöscht?)`,
      ])
      expect(await rulesOf(basis)).toEqual(stored)
    })

    it.each([
      [
        'an unknown field',
        and({ field: 'shoeSize', operator: '=', value: 42 } as never),
        'Regel 1: unbekanntes Feld "shoeSize"',
      ],
      [
        'an operator the field lacks',
        and({ field: 'locale', operator: '>=', value: 'de' } as never),
        'Regel 1: Sprache: kennt den Operator ">=" nicht (möglich: =, !=)',
      ],
      [
        'rules that are not a list',
        { combinator: 'and', rules: 'locale = de' },
        'Regeln: die Bedingungen müssen eine Liste sein',
      ],
      ['the combinator "xor"', { combinator: 'xor', rules: [] }, 'Regeln: die Verknüpfung muss „und“ oder „oder“ sein'],
      [
        'an event window without days',
        and({ field: 'events', operator: 'atLeast', value: { count: 2, type: 'email_clicked' } } as never),
        'Regel 1: Ereignisse im Zeitraum: die Tage müssen eine ganze Zahl von 1 bis 3660 sein',
      ],
      [
        'a nested stage rule without a stage and a bad group',
        and(
          { field: 'locale', operator: '=', value: 'de' },
          or({ field: 'region', operator: '=', value: 'DE-BY' }, {
            field: 'stage',
            operator: 'is',
            value: '',
          } as never),
          'x' as never,
        ),
        'Regel 2.2: Lebenszyklusphase: braucht eine Lebenszyklusphase; Regel 3: muss eine Bedingung mit Feld, Operator und Wert sein',
      ],
      [
        'a number compared as "contains"',
        and({ field: 'attribute', operator: 'contains', value: { key: 'companySize', value: 5 } } as never),
        'Regel 1: Eigenes Merkmal: „enthält“ braucht einen Text ohne Steuerzeichen',
      ],
    ])('refuses %s, naming the place', async (_, rules, problem) => {
      const before = await segmentTotal()
      expect(await rejected(create('Kaputt', rules))).toEqual([`rules: ${problem}`])
      expect(await segmentTotal()).toBe(before)
      const stored = await rulesOf(basis)
      expect(await rejected(payload.update({ collection: 'segments', data: { rules } as never, id: basis }))).toEqual([
        `rules: ${problem}`,
      ])
      expect(await rulesOf(basis)).toEqual(stored)
    })

    it('refuses a cycle: B using A when A uses B, and A using itself', async () => {
      const aufbau = String((await create('Aufbau', and({ field: 'segment', operator: 'in', value: basis }))).id)
      const stored = await rulesOf(basis)
      expect(
        await rejected(
          payload.update({
            collection: 'segments',
            data: {
              rules: and(
                { field: 'locale', operator: '=', value: 'de' },
                { field: 'segment', operator: 'in', value: aufbau },
              ),
            } as never,
            id: basis,
          }),
        ),
      ).toEqual([
        `rules: Regel 2: Segment ${aufbau} führt zurück zu diesem Segment (${basis} → ${aufbau} → ${basis}): Kreisbezüge sind nicht erlaubt`,
      ])
      expect(await rulesOf(basis)).toEqual(stored)

      const own = await rulesOf(aufbau)
      expect(
        await rejected(
          payload.update({
            collection: 'segments',
            data: { rules: or({ field: 'segment', operator: 'in', value: aufbau }) } as never,
            id: aufbau,
          }),
        ),
      ).toEqual([
        `rules: Regel 1: Segment ${aufbau} führt zurück zu diesem Segment (${aufbau} → ${aufbau}): Kreisbezüge sind nicht erlaubt`,
      ])
      expect(await rulesOf(aufbau)).toEqual(own)
    })

    it('refuses to delete a segment another one uses (409), deleting nothing', async () => {
      const before = await segmentTotal()
      const error = await payload.delete({ collection: 'segments', id: basis }).then(
        () => null,
        (caught: unknown) => caught as { message: string; status: number },
      )
      expect(error?.status).toBe(409)
      expect(error?.message).toBe('This segment is used by segment "Aufbau": remove it there first.')
      expect(await segmentTotal()).toBe(before)
      expect((await payload.findByID({ collection: 'segments', depth: 0, id: basis })).name).toBe('Basis')
      // The dynamic segment Läufer is used by Sommerlauf-Nachfass, the static Messe-Kontakte too.
      for (const name of ['Läufer', 'Messe-Kontakte']) {
        await expect(payload.delete({ collection: 'segments', id: w.segments[name] })).rejects.toMatchObject({
          status: 409,
        })
      }
      expect(await segmentTotal()).toBe(before)
      expect(await sqlMembers(w.segments['Messe-Kontakte'])).toEqual(FAIR)
    })

    it('reports a reference deleted after the segment was saved (SEGMENT_INVALID naming the place), never an empty segment', async () => {
      const wandern = await payload.create({
        collection: 'interests',
        data: { label: 'Wandern', parent: ref(w.interests.sport), slug: 'wandern' } as never,
      })
      const wanderer = String(
        (
          await create(
            'Wanderer',
            and(
              { field: 'locale', operator: '=', value: 'de' },
              {
                field: 'interest',
                operator: 'has',
                value: { interest: String(wandern.id), minWeight: 0, source: 'any' },
              },
            ),
          )
        ).id,
      )
      const user = String(
        (
          await create(
            'Wanderer in Bayern',
            and(
              { field: 'segment', operator: 'in', value: wanderer },
              { field: 'region', operator: '=', value: 'DE-BY' },
            ),
          )
        ).id,
      )
      expect(await segmentCount(payload, wanderer, NOW)).toBe(0)
      await payload.delete({ collection: 'interests', id: wandern.id })

      const problem = `rules[1]: interest ${wandern.id} does not exist (deleted?)`
      for (const attempt of [
        () => segmentCount(payload, wanderer, NOW),
        () => segmentMemberPage(payload, wanderer, { limit: 10, page: 1 }, NOW),
        () => matches(payload, ids.anna, wanderer, NOW),
        () => segmentCount(payload, user, NOW), // through the segment that uses it
      ]) {
        const error = await attempt().then(
          () => null,
          (caught: unknown) => caught,
        )
        expect(error).toBeInstanceOf(CodedError)
        expect(error).toMatchObject({ code: 'SEGMENT_INVALID', status: 422 })
        expect((error as Error).message).toContain(problem)
      }
      // Asked about all segments, the broken ones are left out instead of hiding the others.
      const all = await segmentsOf(payload, ids.anna, null, NOW)
      expect(all.has(w.segments['Läufer'])).toBe(true)
      expect(all.has(wanderer) || all.has(user)).toBe(false)
    })
  })

  describe('previewRules', () => {
    it('returns the problems with their places for a malformed tree', async () => {
      // The English API text with the machine code, which the admin words in its language.
      expect(await previewRules(payload, { combinator: 'xor', rules: [] }, null, true)).toEqual({
        problems: [{ code: 'Combinator', message: '"combinator" must be "and" or "or"', path: 'root' }],
      })
      const tree = and(
        { field: 'locale', operator: '=', value: 'de' },
        or(
          { field: 'events', operator: 'atLeast', value: { count: 0, days: 30, type: 'email_clicked' } } as never,
          { field: 'paused', operator: 'is', value: 'ja' } as never,
        ),
      )
      expect(await previewRules(payload, tree, null, true)).toMatchObject({
        problems: [
          { message: 'events: "count" must be a whole number from 1', path: 'rules[1].rules[0]' },
          { message: 'paused: takes no value', path: 'rules[1].rules[1]' },
        ],
      })
      // A cycle is a problem too when the builder names the segment being edited: Läufer may not use
      // Sommerlauf-Nachfass, which uses Läufer.
      const [laeufer, nachfass] = [w.segments['Läufer'], w.segments['Sommerlauf-Nachfass']]
      expect(
        await previewRules(
          payload,
          or({ field: 'locale', operator: '=', value: 'de' }, { field: 'segment', operator: 'in', value: nachfass }),
          laeufer,
          true,
        ),
      ).toMatchObject({
        problems: [
          {
            message: `segment ${nachfass} leads back to this segment (${laeufer} → ${nachfass} → ${laeufer}): cycles are not allowed`,
            path: 'rules[1]',
          },
        ],
      })
    })

    it('returns the count and the first ten members, with emails only when asked', async () => {
      // Locale de: everyone but lena and tom → 18; the sample is the first ten by id.
      const tree = and({ field: 'locale', operator: '=', value: 'de' })
      const firstTen: Name[] = ['anna', 'ben', 'clara', 'david', 'emma', 'felix', 'greta', 'hannah', 'jonas', 'karl']
      const withEmails = await previewRules(payload, tree, null, true)
      expect(withEmails).toEqual({
        count: 18,
        sample: firstTen.map((name) => ({ email: emailOf(name), id: ids[name] })),
      })
      const withoutEmails = await previewRules(payload, tree, null, false)
      expect(withoutEmails).toEqual({ count: 18, sample: firstTen.map((name) => ({ id: ids[name] })) })
      expect(JSON.stringify(withoutEmails)).not.toContain('@')
      // Region Bayern: anna, ben, felix, karl, max, tom.
      const bayern = await previewRules(payload, and({ field: 'region', operator: '=', value: 'DE-BY' }), null, false)
      expect('sample' in bayern && names(bayern.sample.map((entry) => entry.id))).toEqual([
        'anna',
        'ben',
        'felix',
        'karl',
        'max',
        'tom',
      ])
      expect('count' in bayern && bayern.count).toBe(6)
    })
  })
})

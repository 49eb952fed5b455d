import type { CollectionSlug, Payload } from 'payload'

import type { StageChangeContext } from '@kontorwerk/personalization'

import { consentOptions, recordConsent } from '@kontorwerk/consent'
import {
  CONVERSIONS,
  DEFAULT_STAGES,
  paragraphsToRichText,
  recordEvents,
  REGIONS,
  relationKeys,
  STAGE_ORDER_STEP,
} from '@kontorwerk/personalization'

import { BLOCKS } from './data/blocks'
import { LANDING_PAGES, NEWSLETTERS } from './data/layouts'
import { DEMO_CONVERSIONS, DEMO_REGIONS } from './data/regions'
import { SCORING_RULES, STAGE_RULES } from './data/scoring'
import { SEGMENTS } from './data/segments'
import { demoSubscribers } from './data/subscribers'
import { INTERESTS, PERSONAS, TOPICS } from './data/taxonomy'
import { demoUsers } from './data/users'
import { DEMO_IMAGES, renderDemoImage } from './images'

type Id = number | string
type SlotSeed = { fallback: string; goals?: readonly string[] }
type Row = { data: Record<string, unknown>; en?: Record<string, unknown>; file?: () => Promise<Buffer>; key: string }

const DAY = 24 * 60 * 60 * 1000

/** Seeds the demo into an empty database (first start); a database with users is left alone. */
export async function seedIfEmpty(payload: Payload): Promise<boolean> {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return false
  payload.logger.info('Empty database: seeding the demo (SEED_DEMO=false turns this off)')
  await seedDemoData(payload)
  return true
}

/**
 * Creates whatever part of the demo is missing, matched by a natural key (slug, title, email),
 * so running it again adds nothing twice and an interrupted run completes on the next one.
 */
export async function seedDemoData(payload: Payload, now = new Date()): Promise<void> {
  const started = Date.now()
  const ensure = (collection: CollectionSlug, keyField: string, rows: Row[]) =>
    ensureBy(payload, collection, keyField, rows)

  const stages = await ensure(
    'lifecycle-stages',
    'key',
    DEFAULT_STAGES.map((stage, index) => ({
      data: {
        description: stage.description.de,
        key: stage.key,
        label: stage.label.de,
        order: (index + 1) * STAGE_ORDER_STEP,
        system: true,
      },
      en: { description: stage.description.en, label: stage.label.en },
      key: stage.key,
    })),
  )

  const personas = await ensure(
    'personas',
    'slug',
    PERSONAS.map((persona) => ({
      data: {
        description: persona.description.de,
        name: persona.name.de,
        profile: persona.profile,
        slug: persona.slug,
      },
      en: { description: persona.description.en, name: persona.name.en },
      key: persona.slug,
    })),
  )

  const topInterests = await ensure(
    'interests',
    'slug',
    INTERESTS.map((group) => ({
      data: { label: group.label.de, slug: group.slug },
      en: { label: group.label.en },
      key: group.slug,
    })),
  )
  const childInterests = await ensure(
    'interests',
    'slug',
    INTERESTS.flatMap((group) =>
      group.children.map((child) => ({
        data: {
          label: child.label.de,
          pageUrls: child.pageUrls,
          parent: topInterests.get(group.slug),
          slug: child.slug,
        },
        en: { label: child.label.en },
        key: child.slug,
      })),
    ),
  )

  const media = await ensure(
    'media',
    'filename',
    DEMO_IMAGES.map((image) => ({
      data: { alt: image.alt.de },
      en: { alt: image.alt.en },
      file: () => renderDemoImage(image),
      key: `demo-${image.key}.jpg`,
    })),
  )

  const regions = await ensure(
    REGIONS as CollectionSlug,
    'code',
    DEMO_REGIONS.map((region) => ({ data: { ...region }, key: region.code })),
  )
  const conversions = await ensure(
    CONVERSIONS as CollectionSlug,
    'key',
    DEMO_CONVERSIONS.map((conversion) => ({ data: { ...conversion }, key: conversion.key })),
  )

  const idsOf = (map: Map<string, Id>, keys: string[] = []) => keys.map((key) => mustGet(map, key))
  const at = (days: null | number | undefined) =>
    days == null ? null : new Date(now.getTime() + days * DAY).toISOString()
  const blocks = await ensure(
    'content-blocks',
    'title',
    BLOCKS.map((block) => ({
      data: {
        _status: block.draft ? 'draft' : 'published',
        body: paragraphsToRichText(block.text),
        channels: block.channels,
        conversionWindowDays: block.convertsOn?.[1],
        convertsOn: block.convertsOn ? mustGet(conversions, block.convertsOn[0]) : undefined,
        cta: block.cta ? { label: block.cta[0], url: block.cta[1] } : undefined,
        discountProduct: block.discountProduct,
        goal: block.goal,
        image: block.image ? mustGet(media, `demo-${block.image}.jpg`) : undefined,
        interests: idsOf(childInterests, block.interests),
        isFallback: Boolean(block.fallback),
        locale: block.locale ?? 'de',
        personas: idsOf(personas, block.personas),
        priority: block.priority ?? 50,
        regions: idsOf(regions, block.regions),
        stages: idsOf(stages, block.stages),
        title: block.title,
        validFrom: at(block.valid?.[0]),
        validUntil: at(block.valid?.[1]),
      },
      key: block.title,
    })),
  )

  const slotsOf = (slots: readonly SlotSeed[]) =>
    slots.map(({ fallback, ...slot }) => ({
      ...slot,
      fallback: mustGet(blocks, fallback),
      goals: slot.goals ? [...slot.goals] : [],
    }))
  const newsletters = await ensure(
    'newsletters',
    'slug',
    NEWSLETTERS.map((newsletter) => ({
      data: { ...newsletter, slots: slotsOf(newsletter.slots) },
      key: newsletter.slug,
    })),
  )
  await ensure(
    'landing-pages',
    'slug',
    LANDING_PAGES.map((page) => ({ data: { ...page, slots: slotsOf(page.slots) }, key: page.slug })),
  )
  await ensureLegalLinks(payload)

  const topics = await ensure(
    'topics',
    'slug',
    TOPICS.map((topic) => ({
      data: {
        description: topic.description.de,
        interests: topic.interests.map((slug) => mustGet(topInterests.has(slug) ? topInterests : childInterests, slug)),
        name: topic.name.de,
        slug: topic.slug,
      },
      en: { description: topic.description.en, name: topic.name.en },
      key: topic.slug,
    })),
  )

  await ensure(
    'scoring-rules',
    'name',
    SCORING_RULES.map((rule) => ({ data: rule, key: rule.name })),
  )
  await ensure(
    'stage-rules',
    'name',
    STAGE_RULES.map(({ toStage, ...rule }) => ({
      data: { ...rule, toStage: mustGet(stages, toStage) },
      key: rule.name,
    })),
  )

  const demo = demoSubscribers()
  const subscribers = await ensure(
    'subscribers',
    'email',
    demo.map(({ consents: _consents, purchases: _purchases, ...subscriber }) => ({
      data: {
        ...subscriber,
        interests: subscriber.interests.map(({ interest, lastSeenDaysAgo, source, weight }) => ({
          interest: mustGet(childInterests, interest),
          lastSeenAt: new Date(now.getTime() - lastSeenDaysAgo * DAY).toISOString(),
          source,
          weight,
        })),
        persona: subscriber.persona ? mustGet(personas, subscriber.persona) : undefined,
        stage: mustGet(stages, subscriber.stage),
      },
      key: subscriber.email,
    })),
  )

  await seedConsents(payload, demo, subscribers, topics, now)
  await seedEvents(payload, demo, subscribers, [...blocks.values()], now)

  const lookup = (kind: 'interest' | 'persona' | 'stage' | 'topic', slug: string) =>
    mustGet(
      {
        interest: childInterests.has(slug) ? childInterests : topInterests,
        persona: personas,
        stage: stages,
        topic: topics,
      }[kind],
      slug,
    )
  const segments = new Map<string, Id>()
  // One at a time: a segment may use those before it.
  for (const segment of SEGMENTS) {
    const [[name, id]] = await ensure('segments', 'name', [
      {
        data: {
          description: segment.description,
          kind: 'dynamic',
          name: segment.name,
          rules: segment.rules(lookup, (other) => mustGet(segments, other)),
        },
        key: segment.name,
      },
    ])
    segments.set(name, id)
  }
  await seedCampaigns(payload, {
    newsletter: mustGet(newsletters, 'wochen-update'),
    segments,
    topic: mustGet(topics, 'wochen-update'),
  })
  await ensure(
    'users',
    'email',
    demoUsers().map((user) => ({ data: user, key: user.email })),
  )
  payload.logger.info(`Demo data ready in ${Date.now() - started} ms`)
}

/**
 * A draft campaign with an A/B test of the subject, and two automations (inactive: the demo has
 * no SMTP server unless SMTP_HOST is set), so editors see how both are built.
 */
async function seedCampaigns(
  payload: Payload,
  { newsletter, segments, topic }: { newsletter: Id; segments: Map<string, Id>; topic: Id },
) {
  await ensureBy(payload, 'campaigns', 'name', [
    {
      data: {
        abTest: {
          decideAfterHours: 4,
          holdoutPercent: 5,
          variants: [
            { key: 'A', share: 20, subject: 'Ihr Kontorwerk-Update für {{ subscriber.first_name | default: "Sie" }}' },
            {
              key: 'B',
              share: 20,
              subject: '{{ subscriber.first_name | default: "Hallo" }}, drei Praxistipps für diese Woche',
            },
          ],
          winnerMetric: 'unique_click_rate',
        },
        audience: mustGet(segments, 'Newsletter-Zielgruppe'),
        channel: 'email',
        exclusions: [mustGet(segments, 'Kontaktsperre')],
        name: 'Wochen-Update KW 48',
        newsletter,
        topic,
      },
      key: 'Wochen-Update KW 48',
    },
  ])
  await ensureBy(payload, 'automations', 'name', [
    {
      data: {
        active: false,
        name: 'Willkommensserie',
        steps: [
          { newsletter, type: 'send' },
          { days: 3, type: 'wait' },
          { newsletter, type: 'send' },
          { days: 4, type: 'wait' },
          { newsletter, type: 'send' },
        ],
        topic,
        trigger: 'double_opt_in',
      },
      key: 'Willkommensserie',
    },
    {
      data: {
        active: false,
        exitOnEngagement: true,
        name: 'Nachfass-Serie Heiße Leads',
        reentryDays: 90,
        segment: mustGet(segments, 'Heiße Leads'),
        steps: [
          { newsletter, type: 'send' },
          { days: 7, type: 'wait' },
          { expect: 'member', segment: mustGet(segments, 'Heiße Leads'), type: 'check' },
          { newsletter, type: 'send' },
        ],
        topic,
        trigger: 'segment_entry',
      },
      key: 'Nachfass-Serie Heiße Leads',
    },
  ])
}

/**
 * The demo brand's privacy policy and imprint: production serves no public page without them
 * (consent option `legalLinksRequired`), so `npm start` on the demo works at once. Links an admin
 * set are kept.
 */
async function ensureLegalLinks(payload: Payload) {
  const brand = (await payload.findGlobal({ depth: 0, slug: 'branding' as never })) as {
    imprintUrl?: null | string
    privacyUrl?: null | string
  }
  if (brand.privacyUrl && brand.imprintUrl) return
  await payload.updateGlobal({
    data: {
      imprintUrl: brand.imprintUrl || 'https://kontorwerk.example/impressum',
      privacyUrl: brand.privacyUrl || 'https://kontorwerk.example/datenschutz',
    } as never,
    slug: 'branding' as never,
  })
}

async function ensureBy(
  payload: Payload,
  collection: CollectionSlug,
  keyField: string,
  rows: Row[],
): Promise<Map<string, Id>> {
  const existing = await payload.find({
    collection,
    depth: 0,
    draft: true,
    limit: 0,
    pagination: false,
    where: { [keyField]: { in: rows.map((row) => row.key) } },
  })
  const ids = new Map<string, Id>(
    existing.docs.map((doc) => [String((doc as unknown as Record<string, unknown>)[keyField]), doc.id]),
  )
  const context: StageChangeContext = { stageChange: { reason: 'Demo-Daten', source: 'import' } }

  for (const row of rows) {
    if (ids.has(row.key)) continue
    const isDraft = row.data._status === 'draft'
    const file = row.file && { data: await row.file(), mimetype: 'image/jpeg', name: row.key, size: 0 }
    if (file) file.size = file.data.length
    const doc = await payload.create({
      collection,
      context,
      data: row.data as never,
      draft: isDraft,
      file,
      locale: 'de',
    })
    if (row.en) {
      await payload.update({ id: doc.id, collection, context, data: row.en as never, draft: isDraft, locale: 'en' })
    }
    ids.set(row.key, doc.id)
  }
  return ids
}

/**
 * A few weeks of behaviour for every fifth demo subscriber, so scores, their explanations and
 * implicit interests have something to show. Fixed event ids: a second run adds nothing.
 */
async function seedEvents(
  payload: Payload,
  demo: ReturnType<typeof demoSubscribers>,
  subscribers: Map<string, Id>,
  blocks: Id[],
  now: Date,
) {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString()
  // Customers' purchases: events like the shop would post them, the only place purchases live.
  const purchases = demo.flatMap(({ email, purchases }, index) =>
    purchases.map(({ amount, daysAgo: days, product }, n) => ({
      id: `demo-purchase-${index}-${n}`,
      occurredAt: daysAgo(days),
      properties: { amount, currency: 'EUR', product },
      subscriber: mustGet(subscribers, email),
      type: 'purchase',
    })),
  )
  const events = demo.flatMap(({ email }, index) => {
    if (index % 5 !== 0) return []
    const subscriber = mustGet(subscribers, email)
    const block = String(blocks[index % blocks.length])
    const event = (n: number, type: string, days: number, properties: Record<string, unknown>) => ({
      id: `demo-${index}-${n}`,
      occurredAt: daysAgo(days),
      properties,
      subscriber,
      type,
    })
    return [
      event(1, 'email_opened', 40, {}),
      event(2, 'email_clicked', 40, { block, url: 'https://kontorwerk.example/blog' }),
      event(3, 'email_opened', 12, {}),
      event(4, 'email_clicked', 12, { block, url: 'https://kontorwerk.example/blog' }),
      ...(index % 3 === 0 ? [event(5, 'page_viewed', 6, { url: 'https://kontorwerk.example/preise' })] : []),
      ...(index % 4 === 0 ? [event(6, 'download', 5, { asset: 'whitepaper-e-rechnung-2027.pdf' })] : []),
      ...(index % 10 === 0 ? [event(7, 'form_submitted', 2, { form: 'demo-anfrage' })] : []),
      // Sends: everyone above got the weekly update 40 days ago; every tenth twice in the last 30 days (the contact rule's material).
      event(8, 'email_sent', 40, { campaign: 'wochen-update-kw42', channel: 'email' }),
      ...(index % 10 === 0
        ? [
            event(9, 'email_sent', 20, { campaign: 'wochen-update-kw45', channel: 'email' }),
            event(10, 'email_sent', 13, { campaign: 'wochen-update-kw46', channel: 'email' }),
          ]
        : []),
    ]
  })
  await recordEvents(payload, [...purchases, ...events], { now, partial: true, source: 'demo' })
}

function mustGet(map: Map<string, Id>, key: string): Id {
  const id = map.get(key)
  if (id == null) throw new Error(`Demo data refers to "${key}", which was not seeded`)
  return id
}

/**
 * The demo's consent ledger, as the double opt-in would have written it: requested, then confirmed
 * a few minutes later; some never confirmed, some withdrawn since. Added only for subscribers without
 * any record, so it stays idempotent.
 */
async function seedConsents(
  payload: Payload,
  demo: ReturnType<typeof demoSubscribers>,
  subscribers: Map<string, Id>,
  topics: Map<string, Id>,
  now: Date,
) {
  const options = consentOptions(payload)
  const withRecords = await payload.find({
    collection: 'consent-records',
    depth: 0,
    limit: 0,
    pagination: false,
    select: { subscriber: true },
  })
  const done = new Set(relationKeys(withRecords.docs.map((record) => record.subscriber)))
  for (const [index, { consents, email }] of demo.entries()) {
    const subscriber = mustGet(subscribers, email)
    if (done.has(String(subscriber))) continue
    const requestedAt = new Date(now.getTime() - (200 - index) * DAY)
    const entry = {
      channel: 'email',
      ip: `203.0.113.${index % 250}`,
      purpose: 'marketing' as const,
      source: 'form' as const,
      subscriber,
      textVersion: 'newsletter-2026-01',
      userAgent: 'Mozilla/5.0 (Demo)',
    }
    for (const slug of [...consents.confirmed, ...consents.pending, ...consents.withdrawn]) {
      await recordConsent(
        payload,
        { ...entry, action: 'requested', occurredAt: requestedAt, topic: mustGet(topics, slug) },
        options,
      )
    }
    for (const slug of [...consents.confirmed, ...consents.withdrawn]) {
      await recordConsent(
        payload,
        {
          ...entry,
          action: 'confirmed',
          occurredAt: new Date(requestedAt.getTime() + 7 * 60_000),
          proof: { doi: 'demo' },
          topic: mustGet(topics, slug),
        },
        options,
      )
    }
    for (const slug of consents.withdrawn) {
      await recordConsent(
        payload,
        {
          ...entry,
          action: 'withdrawn',
          occurredAt: new Date(requestedAt.getTime() + 30 * DAY),
          source: 'one_click',
          topic: mustGet(topics, slug),
        },
        options,
      )
    }
    if (consents.tracking) {
      await recordConsent(
        payload,
        {
          ...entry,
          action: 'confirmed',
          occurredAt: new Date(requestedAt.getTime() + 7 * 60_000),
          purpose: 'tracking',
          topic: null,
        },
        options,
      )
    }
  }
}

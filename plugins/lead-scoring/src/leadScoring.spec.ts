import type { Payload } from 'payload'

import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { consentOptions, recordConsent } from '@kontorwerk/consent'
import { personalizationOptions, recordEvents } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { evaluateStages, leadScore } from './index'
import { scoringModel } from './utilities/model'
import { recomputeScores } from './utilities/recompute'

type Id = number | string

/**
 * The worked example of issue #5: one subscriber's 90 days, every number computed by hand below.
 * Half-life 30 days, so points are worth p · 2^(−age/30) at a given time.
 */
describe.each(testedDatabases())('lead scoring on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const stages: Record<string, Id> = {}
  let anna: Id
  let webhook: { close: () => void; received: Record<string, unknown>[]; url: string }
  /** An outgoing webhook (collection `webhooks`, issue 21) subscribed to stage changes. */
  let outgoing: { close: () => void; received: Record<string, unknown>[]; url: string }

  beforeAll(async () => {
    // The CRM receiver below listens on 127.0.0.1: a private address, allowed only when the operator says so.
    local = await startLocalPayload(kind)
    payload = local.payload
    personalizationOptions(payload).allowPrivateWebhooks = true
    for (const [key, order] of Object.entries({ lead: 20, mql: 30, subscriber: 10, at_risk: 70, inactive: 80 })) {
      stages[key] = (await payload.create({ collection: 'lifecycle-stages', data: { key, label: key, order } })).id
    }
    const rule = (data: Record<string, unknown>) => payload.create({ collection: 'scoring-rules', data: data as never })
    await rule({
      axis: 'engagement',
      eventType: 'page_viewed',
      filters: [{ attribute: 'properties.url', operator: 'contains', values: ['/preise'] }],
      kind: 'event',
      name: 'Preisseite',
      points: 15,
    })
    await rule({
      axis: 'engagement',
      eventType: 'download',
      filters: [{ attribute: 'properties.asset', operator: 'contains', values: ['whitepaper'] }],
      kind: 'event',
      name: 'Whitepaper',
      points: 10,
    })
    await rule({
      axis: 'engagement',
      cap: { count: 3, period: 'week' },
      eventType: 'email_clicked',
      kind: 'event',
      name: 'Klick',
      points: 3,
    })
    await rule({
      axis: 'engagement',
      eventType: 'form_submitted',
      filters: [{ attribute: 'properties.form', operator: 'in', values: ['demo-anfrage'] }],
      kind: 'event',
      name: 'Demo angefragt',
      points: 25,
    })
    await rule({
      axis: 'fit',
      eventType: 'bounce',
      filters: [{ attribute: 'properties.kind', operator: 'in', values: ['hard'] }],
      kind: 'event',
      name: 'Harter Bounce',
      points: -30,
    })
    await rule({
      condition: { attribute: 'attributes.role', operator: 'in', values: ['Geschäftsführung'] },
      kind: 'attribute',
      name: 'Geschäftsführung',
      points: 30,
    })
    await rule({
      condition: { attribute: 'attributes.companySize', operator: 'gte', values: ['10'] },
      kind: 'attribute',
      name: 'Ab 10 Beschäftigten',
      points: 15,
    })
    await rule({
      condition: { attribute: 'emailDomain', operator: 'in', values: ['wettbewerber.example'] },
      kind: 'attribute',
      name: 'Wettbewerber',
      points: -50,
    })
    const stageRule = (name: string, toStage: string, data: Record<string, number>) =>
      payload.create({ collection: 'stage-rules', data: { name, toStage: stages[toStage], ...data } as never })
    await stageRule('MQL', 'mql', { minFit: 40, minTotal: 100 })
    await stageRule('60 Tage still', 'at_risk', { minDaysWithoutEngagement: 60 })
    await stageRule('180 Tage still', 'inactive', { minDaysWithoutEngagement: 180 })
    await payload.create({
      collection: 'personas',
      data: {
        name: 'GF',
        profile: [
          { attribute: 'attributes.role', operator: 'in', values: ['Geschäftsführung'], weight: 3 },
          { attribute: 'attributes.companySize', operator: 'lte', values: ['250'], weight: 1 },
        ],
        slug: 'gf',
      } as never,
    })

    webhook = await captureWebhooks()
    await payload.updateGlobal({
      data: { stageWebhookSecret: 'crm-secret', stageWebhookUrl: webhook.url },
      slug: 'lead-scoring-settings',
    })
    outgoing = await captureWebhooks({ failFirst: false })
    await payload.create({
      collection: 'webhooks' as never,
      data: { events: ['stage_changed'], name: 'CRM', url: outgoing.url } as never,
    })

    const created = await payload.create({
      collection: 'subscribers',
      data: {
        attributes: { companySize: 40, role: 'Geschäftsführung' },
        email: 'anna@kunde.example',
        stage: stages.lead,
      } as never,
    })
    anna = created.id
    await recordConsent(
      payload,
      {
        action: 'confirmed',
        channel: 'email',
        occurredAt: new Date('2026-01-01T00:00:00Z'),
        purpose: 'tracking',
        source: 'form',
        subscriber: anna,
      },
      consentOptions(payload),
    )
  })
  afterAll(async () => {
    webhook?.close()
    outgoing?.close()
    await local?.close()
  })

  const send = (at: string, events: Record<string, unknown>[]) =>
    recordEvents(
      payload,
      events.map((event, index) => ({ id: `${at}-${index}`, occurredAt: at, subscriber: anna, ...event })),
      { now: new Date(at) },
    )
  const scoreAt = async (at: string) => {
    const score = await leadScore(payload, anna, new Date(at))
    if (!score) throw new Error('no score: the subscriber is gone')
    return score
  }

  it('computes fit from the profile and persona fit on save', async () => {
    const score = await scoreAt('2026-01-01T00:00:00Z')
    // Geschäftsführung +30, 40 employees ≥ 10 +15.
    expect(score.fit).toBe(45)
    expect(score.attributeRules.map((rule) => rule.name).sort()).toEqual(['Ab 10 Beschäftigten', 'Geschäftsführung'])
    // Persona GF: role (weight 3) and size ≤ 250 (weight 1) both match → 100 %, the primary persona.
    expect(score.personaFits).toEqual([{ fit: 100, persona: expect.any(String) }])
    expect(score.primaryPersona).toBe(score.personaFits[0].persona)
  })

  it('follows 90 days of behaviour: caps, decay, the MQL threshold, a bounce and 60 quiet days', async () => {
    // 5 Jan (Mon, ISO week 2): four clicks, the cap counts three → 3 × 3 = 9 points.
    const clicks = await send(
      '2026-01-05T10:00:00Z',
      Array.from({ length: 4 }, () => ({ properties: { url: 'https://x.example/a' }, type: 'email_clicked' })),
    )
    expect(clicks.accepted).toBe(4)
    await send('2026-01-07T10:00:00Z', [
      { properties: { url: 'https://kontorwerk.example/preise' }, type: 'page_viewed' },
    ]) // +15
    await send('2026-01-12T10:00:00Z', [{ properties: { url: 'https://x.example/b' }, type: 'email_clicked' }]) // new week: +3
    await send('2026-01-20T10:00:00Z', [{ properties: { asset: 'whitepaper-e-rechnung.pdf' }, type: 'download' }]) // +10
    // 3 Feb: pricing page +15 and a whitepaper +10 → 25 new points.
    await send('2026-02-03T10:00:00Z', [
      { properties: { url: 'https://kontorwerk.example/preise' }, type: 'page_viewed' },
      { properties: { asset: 'whitepaper-gobd.pdf' }, type: 'download' },
    ])
    // Engagement on 3 Feb 10:00, ages 29, 27, 22, 14, 0 days:
    // 9·2^(−29/30) = 4.605, 15·2^(−27/30) = 8.038, 3·2^(−22/30) = 1.805, 10·2^(−14/30) = 7.236, 25 → 46.68.
    let score = await scoreAt('2026-02-03T10:00:00Z')
    expect(score.engagement).toBeCloseTo(46.7, 1)
    expect(score.total).toBeCloseTo(91.7, 1) // 45 + 46.68: below 100, still a lead
    expect(score.stage).toBe('lead')

    // 5 Feb: demo request +25 → 46.68·2^(−2/30) + 25 = 69.58; total 114.6 ≥ 100 and fit 45 ≥ 40 → mql.
    await send('2026-02-05T10:00:00Z', [{ properties: { form: 'demo-anfrage' }, type: 'form_submitted' }])
    score = await scoreAt('2026-02-05T10:00:00Z')
    expect(score.engagement).toBeCloseTo(69.6, 1)
    expect(score.total).toBeCloseTo(114.6, 1)
    expect(score.stage).toBe('mql')

    // 31 Mar: hard bounce, fit −30 (no decay) → fit 15; it is no engagement.
    await send('2026-03-31T10:00:00Z', [{ properties: { kind: 'hard' }, type: 'bounce' }])

    // The hourly sweep: 5 Apr 12:00 is 59 days after the last engagement (5 Feb 10:00) → nothing.
    expect(await evaluateStages(payload, { now: new Date('2026-04-05T12:00:00Z') })).toBe(0)
    // 6 Apr 12:00 is 60 days → at_risk.
    expect(await evaluateStages(payload, { now: new Date('2026-04-06T12:00:00Z') })).toBe(1)

    // 6 Apr 10:00: engagement 69.58·2^(−60/30) = 17.39; total 15 + 17.39 = 32.4.
    score = await scoreAt('2026-04-06T10:00:00Z')
    expect(score.fit).toBe(15)
    expect(score.engagement).toBeCloseTo(17.4, 1)
    expect(score.total).toBeCloseTo(32.4, 1)
    expect(score.stage).toBe('at_risk')
    expect(score.daysWithoutEngagement).toBe(60)

    // The stage history says when, why and by what.
    const history = score.stageHistory.filter((entry) => entry.source === 'threshold')
    expect(history.map(({ changedAt, stage }) => [stage, changedAt])).toEqual([
      ['mql', '2026-02-05T10:00:00.000Z'],
      ['at_risk', '2026-04-06T12:00:00.000Z'],
    ])
    expect(history[0].reason).toMatch(/^MQL: Fit 45, Engagement 69,6, Gesamt 114,6/)
    expect(history[1].reason).toMatch(
      /^60 Tage still: Fit [\d,]+, Engagement [\d,]+, Gesamt [\d,]+, 60 Tage ohne Engagement$/,
    )

    // Every hit is explained: 3 capped clicks (the 4th gave nothing), 2 clicks weeks apart, …
    const hits = score.hits.map((hit) => `${hit.occurredAt.slice(0, 10)} ${hit.ruleName} ${hit.points}`).sort()
    expect(hits).toEqual([
      '2026-01-05 Klick 3',
      '2026-01-05 Klick 3',
      '2026-01-05 Klick 3',
      '2026-01-07 Preisseite 15',
      '2026-01-12 Klick 3',
      '2026-01-20 Whitepaper 10',
      '2026-02-03 Preisseite 15',
      '2026-02-03 Whitepaper 10',
      '2026-02-05 Demo angefragt 25',
      '2026-03-31 Harter Bounce -30',
    ])
    // … and the decayed points of the engagement hits add up to the engagement.
    const engagementHits = score.hits.filter((hit) => hit.axis === 'engagement')
    expect(engagementHits.reduce((sum, hit) => sum + hit.decayedPoints, 0)).toBeCloseTo(17.39, 1)
  })

  it('tells the CRM about each stage change, retrying a failed delivery', async () => {
    // The first delivery gets a 503; the queue retries after its backoff.
    await payload.jobs.run({ queue: 'default' })
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    await payload.jobs.run({ queue: 'default' })
    await new Promise((resolve) => setTimeout(resolve, 4_500))
    await payload.jobs.run({ queue: 'default' })
    expect(webhook.received.map((delivery) => [delivery.to, delivery.at])).toEqual(
      expect.arrayContaining([
        [String(stages.mql), '2026-02-05T10:00:00.000Z'],
        [String(stages.at_risk), '2026-04-06T12:00:00.000Z'],
      ]),
    )
    expect(webhook.received).toHaveLength(2)
    expect(webhook.received[0].signature).toMatch(/^sha256=[0-9a-f]{64}$/)
    // The outgoing webhooks get the same two changes, under the stage events' ids.
    expect(
      outgoing.received.map((delivery) => [delivery.type, (delivery.data as { to: string }).to, delivery.occurredAt]),
    ).toEqual(
      expect.arrayContaining([
        ['stage_changed', String(stages.mql), '2026-02-05T10:00:00.000Z'],
        ['stage_changed', String(stages.at_risk), '2026-04-06T12:00:00.000Z'],
      ]),
    )
    expect(outgoing.received).toHaveLength(2)
  })

  it('keeps the score when the subscriber is saved (profile edits never write behaviour)', async () => {
    const before = await scoreAt('2026-04-10T10:00:00Z')
    await payload.update({ collection: 'subscribers', data: { firstName: 'Anna', region: 'DE-BY' } as never, id: anna })
    const after = await scoreAt('2026-04-10T10:00:00Z')
    expect([after.fit, after.engagement, after.hits.length]).toEqual([
      before.fit,
      before.engagement,
      before.hits.length,
    ])
  })

  it('counts a batch sent twice once', async () => {
    const batch = [
      {
        id: 'retry-1',
        occurredAt: '2026-04-10T10:00:00Z',
        properties: { url: 'https://kontorwerk.example/preise' },
        subscriber: anna,
        type: 'page_viewed',
      },
      {
        id: 'retry-2',
        occurredAt: '2026-04-10T10:00:00Z',
        properties: { asset: 'whitepaper-x.pdf' },
        subscriber: anna,
        type: 'download',
      },
    ]
    const before = await scoreAt('2026-04-10T10:00:00Z')
    const first = await recordEvents(payload, batch, { now: new Date('2026-04-10T10:00:00Z') })
    const second = await recordEvents(payload, batch, { now: new Date('2026-04-10T10:00:00Z') })
    expect([first.accepted, first.duplicates, second.accepted, second.duplicates]).toEqual([2, 0, 0, 2])
    const after = await scoreAt('2026-04-10T10:00:00Z')
    // 15 + 10 = 25 once, not 50 (each reading is rounded to 0.1).
    expect(after.engagement - before.engagement).toBeCloseTo(25, 0)
    expect(
      await payload
        .count({ collection: 'events', where: { eventId: { in: ['retry-1', 'retry-2'] } } })
        .then((r) => r.totalDocs),
    ).toBe(2)
  })

  it('rejects a bad batch as a whole with a reason per event, storing nothing', async () => {
    const events = () => payload.count({ collection: 'events' }).then((r) => r.totalDocs)
    const before = await events()
    const now = new Date('2026-04-20T10:00:00Z')
    const result = await recordEvents(
      payload,
      [
        { id: 'ok-1', subscriber: anna, type: 'email_opened' },
        { id: 'bad-type', subscriber: anna, type: 'telepathy' },
        { id: 'bad-future', occurredAt: '2026-04-20T10:06:00Z', subscriber: anna, type: 'email_opened' },
        { id: 'bad-subscriber', subscriber: 999_999, type: 'email_opened' },
        { id: 'bad-purchase', properties: { amount: 49 }, subscriber: anna, type: 'purchase' },
        { id: 'bad-date', occurredAt: 'gestern', subscriber: anna, type: 'email_opened' },
        'not an object',
        { id: 'bad-year', occurredAt: '0000-01-01T00:00:00Z', subscriber: anna, type: 'email_opened' },
        { id: 'bad-id', subscriber: '99999999999', type: 'email_opened' },
        { id: 'bad-day', occurredAt: '2026-02-30T10:00:00Z', subscriber: anna, type: 'email_opened' },
        { id: 'bad-hour', occurredAt: '2026-04-19T24:00:00Z', subscriber: anna, type: 'email_opened' },
      ],
      { now },
    )
    expect(result.results.map((entry) => [entry.status, entry.error?.code ?? entry.reason])).toEqual([
      ['not_applied', 'batch_rejected'],
      ['rejected', 'unknown_type'],
      ['rejected', 'future_timestamp'],
      ['rejected', 'unknown_subscriber'],
      ['rejected', 'missing_property'],
      ['rejected', 'invalid_timestamp'],
      ['rejected', 'invalid_event'],
      ['rejected', 'invalid_timestamp'],
      ['rejected', 'unknown_subscriber'],
      ['rejected', 'invalid_timestamp'],
      ['rejected', 'invalid_timestamp'],
    ])
    expect(result.results[4].error?.field).toBe('properties.product')
    expect(await events()).toBe(before)

    // partial: the valid event is stored, the others reported.
    const partial = await recordEvents(
      payload,
      [
        { id: 'ok-1', subscriber: anna, type: 'email_opened' },
        { id: 'bad-type', subscriber: anna, type: 'telepathy' },
      ],
      { now, partial: true },
    )
    expect([partial.accepted, partial.rejected]).toEqual([1, 1])
    expect(await events()).toBe(before + 1)
  })

  it('stores behaviour only with tracking consent', async () => {
    const ben = await payload.create({ collection: 'subscribers', data: { email: 'ben@kunde.example' } as never })
    const now = new Date('2026-04-20T10:00:00Z')
    const result = await recordEvents(
      payload,
      [
        { id: 'ben-open', subscriber: ben.id, type: 'email_opened' },
        {
          id: 'ben-buy',
          properties: { amount: 49, product: 'Kontorwerk Start' },
          subscriber: ben.id,
          type: 'purchase',
        },
      ],
      { now },
    )
    expect(result.results.map((entry) => entry.status)).toEqual(['skipped', 'accepted'])
    expect(result.results[0].reason).toBe('no_tracking_consent')
  })

  it('recomputes all scores after a rule change, and resumes an interrupted run', async () => {
    const pricing = (await payload.find({ collection: 'scoring-rules', where: { name: { equals: 'Preisseite' } } }))
      .docs[0]
    await payload.update({ collection: 'scoring-rules', data: { points: 20 }, id: pricing.id })
    const subscribers = (await payload.find({ collection: 'subscribers', limit: 0, pagination: false, sort: 'id' }))
      .docs
    // A run that stopped after the first subscriber: the next one continues behind it.
    await payload.updateGlobal({
      data: {
        recompute: { cursor: String(subscribers[0].id), finishedAt: null, startedAt: '2026-04-21T00:00:00.000Z' },
      },
      slug: 'lead-scoring-settings',
    })
    const resumed = await recomputeScores(payload, { now: new Date('2026-04-21T00:00:00Z') })
    expect(resumed).toEqual({ resumedAfter: String(subscribers[0].id), subscribers: subscribers.length - 1 })
    const full = await recomputeScores(payload, { now: new Date('2026-04-21T00:00:00Z') })
    expect(full.subscribers).toBe(subscribers.length)

    const score = await scoreAt('2026-04-21T00:00:00Z')
    const pricingHits = score.hits.filter((hit) => hit.ruleName === 'Preisseite')
    expect(pricingHits.map((hit) => hit.points)).toEqual([20, 20, 20]) // 7 Jan, 3 Feb, 10 Apr
    // The cap still holds on replay: three clicks in week 2, one in week 3.
    expect(score.hits.filter((hit) => hit.ruleName === 'Klick')).toHaveLength(4)
    expect(score.stage).toBe('at_risk')
  })

  it('turns clicks on a block into implicit interests that decay, keeping explicit choices', async () => {
    const [erechnung, gobd] = await Promise.all(
      ['e-rechnung', 'gobd'].map((slug) =>
        payload.create({ collection: 'interests', data: { label: slug, slug } as never }),
      ),
    )
    const block = await payload.create({
      collection: 'content-blocks',
      data: {
        _status: 'published',
        channels: ['email'],
        interests: [erechnung.id, gobd.id],
        title: 'E-Rechnung 2027',
      } as never,
    })
    const clara = await payload.create({
      collection: 'subscribers',
      data: {
        email: 'clara@kunde.example',
        interests: [{ interest: gobd.id, source: 'explicit', weight: 1 }],
      } as never,
    })
    await recordConsent(
      payload,
      { action: 'confirmed', channel: 'email', purpose: 'tracking', source: 'form', subscriber: clara.id },
      consentOptions(payload),
    )
    const click = (id: string, at: string) =>
      recordEvents(payload, [
        {
          id,
          occurredAt: at,
          properties: { block: String(block.id), url: 'https://x.example' },
          subscriber: clara.id,
          type: 'email_clicked',
        },
      ])
    const interestsOf = async () => {
      await payload.jobs.run({ queue: 'default' })
      const doc = await payload.findByID({ collection: 'subscribers', depth: 0, id: clara.id })
      return Object.fromEntries(
        (doc.interests ?? []).map((entry) => [String(entry.interest), [entry.source, entry.weight, entry.lastSeenAt]]),
      )
    }
    const today = Date.now()
    const day = (offset: number) => new Date(today - offset * 86_400_000).toISOString()

    await click('clara-1', day(30))
    // One click: weight 0.25 as of the click; the explicit GoBD choice stays as it was.
    expect(await interestsOf()).toEqual({
      [String(erechnung.id)]: ['implicit', 0.25, day(30)],
      [String(gobd.id)]: ['explicit', 1, null],
    })
    await click('clara-2', day(0))
    // 30 days (one half-life) later: 0.25 · ½ + 0.25 = 0.375.
    expect((await interestsOf())[String(erechnung.id)]).toEqual(['implicit', 0.375, day(0)])
  })

  it('saves many subscribers at once while the scoring model is cold (no connection-pool starvation)', async () => {
    scoringModel.invalidate(payload)
    // More parallel saves than PostgreSQL pool connections: each save's transaction holds one, and
    // the model must load through a transaction's connection, not wait for a free one.
    const saves = Promise.all(
      Array.from({ length: 14 }, (_, index) =>
        payload.create({
          collection: 'subscribers',
          data: { attributes: { companySize: 12 }, email: `parallel-${index}@kunde.example` } as never,
        }),
      ),
    )
    const created = await Promise.race([
      saves,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('saves hang: pool starvation')), 20_000)),
    ])
    expect(created.map((doc) => (doc as { score?: { fitAttributes?: number } }).score?.fitAttributes)).toEqual(
      Array(14).fill(15),
    )
  })

  it('scores a competitor address down as soon as the profile says so', async () => {
    const rival = await payload.create({
      collection: 'subscribers',
      data: { attributes: { companySize: 500, role: 'Geschäftsführung' }, email: 'spy@wettbewerber.example' } as never,
    })
    // +30 +15 −50
    expect((await leadScore(payload, rival.id))?.fit).toBe(-5)
  })
})

/** A CRM stand-in: a real HTTP server that fails the first delivery, then accepts. */
async function captureWebhooks({ failFirst = true } = {}) {
  const received: Record<string, unknown>[] = []
  let calls = failFirst ? 0 : 1
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      calls++
      if (calls === 1) {
        res.writeHead(503).end()
        return
      }
      received.push({ ...JSON.parse(body), signature: req.headers['x-signature'] })
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { close: () => server.close(), received, url: `http://127.0.0.1:${port}/crm` }
}

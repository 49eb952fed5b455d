import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { idFromKey, type StageChangeContext, writeAtomically } from '@kontorwerk/personalization'

import { createApiKey, restWithKey } from '../../../../tests/helpers/apiKeys'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { CAMPAIGN_SENDS } from '../defaults'
import { lifecycleFactsInMemory } from './lifecycleMemory'
import { assemble, type LifecycleReport, lifecycleReport } from './lifecycleReport'
import { lifecycleFactsSql } from './lifecycleSql'
import { lapsedStageIds, lifecycleStages } from './stageRoles'
import { reportWeeks } from './weeks'

/**
 * A small history built by hand, every number below computed by hand. `now` is Wednesday 1 April 2026,
 * 12:00 in Berlin (10:00 UTC); three weeks, Monday 00:00 to Sunday 24:00 in Berlin. Daylight saving
 * starts on Sunday 29 March, so week 13 is an hour short and week 14 starts at 22:00 UTC:
 *
 *   W12  2026-03-15T23:00:00.000Z … 2026-03-22T22:59:59.999Z   (Mon 16 – Sun 22 March, CET)
 *   W13  2026-03-22T23:00:00.000Z … 2026-03-29T21:59:59.999Z   (Mon 23 – Sun 29 March, CET → CEST)
 *   W14  2026-03-29T22:00:00.000Z … 2026-04-01T10:00:00.000Z   (Mon 30 March CEST – now)
 *
 * The people (stage history: stage @ changedAt; "created" is createdAt):
 *   Anna    created 01-10 lead; customer @ 03-18 10:00
 *   Bernd   created 01-05 customer; at_risk @ 03-24 08:00; customer @ 03-29 22:30Z (Monday 00:30 in Berlin: W14)
 *   Clara   created 02-01 customer; at_risk @ 03-10; inactive @ 03-20 12:00
 *   Dieter  created 03-25 10:00, no history (imported), stage lead as stored
 *   Gustav  created 02-01, imported with lead and no history, then customer @ 03-24 10:00 (his history starts there)
 *   Hanna   created 02-01 customer; at_risk @ 03-31 09:00
 *   Felix   created 03-31 08:00 subscriber
 *   Erika   created 01-01 customer; at_risk @ 03-17; bought 200 EUR on 03-18 — then erased: counted nowhere.
 */
const NOW = new Date('2026-04-01T10:00:00.000Z')
const KEYS = ['subscriber', 'lead', 'customer', 'at_risk', 'inactive'] as const
type Key = (typeof KEYS)[number]

/** The people above: created (with their first stage, or none), then moved, in this order. */
const PEOPLE: { created: string; moves: [Key, string][]; name: string; stage?: Key }[] = [
  {
    created: '2026-01-10T09:00:00.000Z',
    moves: [['customer', '2026-03-18T10:00:00.000Z']],
    name: 'anna',
    stage: 'lead',
  },
  {
    created: '2026-01-05T09:00:00.000Z',
    moves: [
      ['at_risk', '2026-03-24T08:00:00.000Z'],
      ['customer', '2026-03-29T22:30:00.000Z'],
    ],
    name: 'bernd',
    stage: 'customer',
  },
  {
    created: '2026-02-01T09:00:00.000Z',
    moves: [
      ['at_risk', '2026-03-10T09:00:00.000Z'],
      ['inactive', '2026-03-20T12:00:00.000Z'],
    ],
    name: 'clara',
    stage: 'customer',
  },
  { created: '2026-03-25T10:00:00.000Z', moves: [], name: 'dieter' },
  { created: '2026-02-01T09:00:00.000Z', moves: [['customer', '2026-03-24T10:00:00.000Z']], name: 'gustav' },
  {
    created: '2026-02-01T09:00:00.000Z',
    moves: [['at_risk', '2026-03-31T09:00:00.000Z']],
    name: 'hanna',
    stage: 'customer',
  },
  { created: '2026-03-31T08:00:00.000Z', moves: [], name: 'felix', stage: 'subscriber' },
  {
    created: '2026-01-01T09:00:00.000Z',
    moves: [['at_risk', '2026-03-17T09:00:00.000Z']],
    name: 'erika',
    stage: 'customer',
  },
]

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('the lifecycle report on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  const stage: Record<string, string> = {}
  const person: Record<string, string> = {}
  let campaign = ''
  let report: LifecycleReport
  /** Stage ids to keys, so the expectations read as the comments. */
  const named = (id: null | string) => (id === null ? null : KEYS.find((key) => stage[key] === id))

  const create = async (name: string, createdAt: string, key?: Key) => {
    const context: StageChangeContext = { stageChange: { at: new Date(createdAt), source: 'import' } }
    const doc = await payload.create({
      collection: 'subscribers',
      context,
      data: {
        createdAt,
        email: `${name}-${kind}@lebenszyklus.example`,
        ...(key && { stage: idFromKey(payload, stage[key]) }),
      } as never,
    })
    person[name] = String(doc.id)
  }
  const move = (name: string, key: Key, at: string) =>
    payload.update({
      id: person[name],
      collection: 'subscribers',
      context: { stageChange: { at: new Date(at), source: 'threshold' } } satisfies StageChangeContext,
      data: { stage: idFromKey(payload, stage[key]) } as never,
    })
  let n = 0
  const event = (name: string, type: string, occurredAt: string, properties: Record<string, unknown>) => ({
    block: null,
    eventId: `lebenszyklus-${kind}-${++n}`,
    occurredAt,
    properties,
    source: 'api',
    subscriber: idFromKey(payload, person[name]),
    type,
  })
  const purchase = (name: string, at: string, amount: number | undefined, currency: string, order?: string) =>
    event(name, 'purchase', at, { amount, currency, order, product: 'KAFFEE' })

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    for (const [index, key] of KEYS.entries())
      stage[key] = String(
        (await payload.create({ collection: 'lifecycle-stages', data: { key, label: key, order: (index + 1) * 10 } }))
          .id,
      )
    for (const { created, name, stage: first } of PEOPLE) await create(name, created, first)
    // Imported people: no stage history, the stage written in bulk as an import does (no hooks).
    await writeAtomically(payload, {
      updates: ['dieter', 'gustav'].map((name) => ({
        collection: 'subscribers',
        data: { stage: idFromKey(payload, stage.lead) },
        id: person[name],
      })),
    })
    for (const { moves, name } of PEOPLE) for (const [key, at] of moves) await move(name, key, at)

    // One email campaign sending in the period, to Anna and Bernd on 03-24; Clara's mail of 03-10 is before it.
    const newsletter = await payload.create({
      collection: 'newsletters',
      data: { name: 'Frühlingsbrief', subject: 'Frühling im Kontor' } as never,
    })
    campaign = String(
      (
        await payload.create({
          collection: 'campaigns',
          data: { name: 'Frühling', newsletter: newsletter.id } as never,
        })
      ).id,
    )
    await payload.update({
      id: campaign,
      collection: 'campaigns',
      data: { startedAt: '2026-03-10T08:00:00.000Z' } as never,
    })
    const sent = (name: string, at: string) => ({
      acceptedAt: at,
      attempts: 1,
      campaign: idFromKey(payload, campaign),
      sendKey: `${campaign}:${person[name]}`,
      sentAt: at,
      state: 'sent',
      subscriber: idFromKey(payload, person[name]),
      variant: '-',
    })
    const message = `campaign:${campaign}:-`
    await writeAtomically(payload, {
      inserts: [
        {
          collection: CAMPAIGN_SENDS,
          docs: [
            sent('anna', '2026-03-24T07:00:00.000Z'),
            sent('bernd', '2026-03-24T07:00:00.000Z'),
            sent('clara', '2026-03-10T08:00:00.000Z'),
          ],
        },
        {
          collection: 'events',
          docs: [
            event('anna', 'email_opened', '2026-03-24T09:00:00.000Z', { message }),
            event('anna', 'email_clicked', '2026-03-24T09:01:00.000Z', { message, url: 'https://shop.example/' }),
            event('bernd', 'email_opened', '2026-03-24T12:00:00.000Z', { message }),
            // Clara opens her mail of 03-10 in the period: not a reader of the period's sends.
            event('clara', 'email_opened', '2026-03-20T09:00:00.000Z', { message }),
            // Anna: one order of two items while still a lead, 60 + 40 EUR; 50 CHF as a customer (after her click).
            purchase('anna', '2026-03-17T10:00:00.000Z', 60, 'EUR', 'A-1'),
            purchase('anna', '2026-03-17T10:00:00.000Z', 40, 'EUR', 'A-1'),
            purchase('anna', '2026-03-25T10:00:00.000Z', 50, 'CHF'),
            // Bernd: 19.99 EUR while at risk, 80 EUR after he came back (W14).
            purchase('bernd', '2026-03-26T10:00:00.000Z', 19.99, 'EUR'),
            purchase('bernd', '2026-03-30T09:00:00.000Z', 80, 'EUR'),
            // Clara: before the period.
            purchase('clara', '2026-03-12T10:00:00.000Z', 30, 'EUR'),
            // Dieter: no history, so his stage as stored (lead).
            purchase('dieter', '2026-03-31T10:00:00.000Z', 20, 'CHF'),
            // Gustav: before his history starts, no stage known.
            purchase('gustav', '2026-03-20T10:00:00.000Z', 10, 'EUR'),
            // Hanna: two orders as a customer (0.1 + 0.2 stays 0.3), one without an amount, one after `now`.
            purchase('hanna', '2026-03-20T10:00:00.000Z', 0.1, 'EUR', 'H-1'),
            purchase('hanna', '2026-03-21T10:00:00.000Z', 0.2, 'EUR', 'H-2'),
            purchase('hanna', '2026-03-31T12:00:00.000Z', undefined, 'EUR', 'H-3'),
            purchase('hanna', '2026-04-01T11:00:00.000Z', 500, 'EUR', 'H-4'),
            purchase('erika', '2026-03-18T10:00:00.000Z', 200, 'EUR'),
          ],
        },
      ],
    })
    // Erasure (DSGVO Art. 17): Erika, her stage history and her purchases are gone.
    await payload.delete({ id: person.erika, collection: 'subscribers' })
    report = await lifecycleReport(payload, { now: NOW, weeks: 3 })
  }, 300_000)
  afterAll(() => local?.close())

  it('puts the weeks on the Berlin calendar, daylight saving included', () => {
    expect(report.weeks.map(({ end, iso, start }) => ({ end, iso, start }))).toEqual([
      { end: '2026-03-22T22:59:59.999Z', iso: '2026-W12', start: '2026-03-15T23:00:00.000Z' },
      { end: '2026-03-29T21:59:59.999Z', iso: '2026-W13', start: '2026-03-22T23:00:00.000Z' },
      { end: '2026-04-01T10:00:00.000Z', iso: '2026-W14', start: '2026-03-29T22:00:00.000Z' },
    ])
    expect(report.period).toEqual({ from: '2026-03-15T23:00:00.000Z', to: '2026-04-01T10:00:00.000Z' })
  })

  it('counts subscribers per stage at the end of each week, erased ones nowhere', () => {
    // W12 end: Anna customer (03-18), Bernd customer, Hanna customer; Clara inactive (03-20); Gustav
    // existed (02-01) but his history starts 03-24: no stage known; Dieter and Felix not yet created.
    // W13 end: Anna, Gustav (03-24), Hanna customer; Bernd at_risk (03-24; back only at 22:30Z on the
    // 29th, after the week's end 21:59:59.999Z); Clara inactive; Dieter lead (created 03-25, as stored).
    // W14 (now): Anna, Bernd, Gustav customer; Hanna at_risk (03-31); Clara inactive; Dieter lead; Felix subscriber.
    // Without the erasure Erika would add a customer (W12: at_risk) to every week.
    const weekly = report.weeks.map((week) => ({
      stages: Object.fromEntries(week.stages.map((row) => [String(named(row.stage)), row.subscribers])),
      total: week.total,
    }))
    expect(weekly).toEqual([
      { stages: { customer: 3, inactive: 1, null: 1 }, total: 5 },
      { stages: { at_risk: 1, customer: 3, inactive: 1, lead: 1 }, total: 6 },
      { stages: { at_risk: 1, customer: 3, inactive: 1, lead: 1, subscriber: 1 }, total: 7 },
    ])
    // In the stages' order, no stage last.
    expect(report.weeks[0].stages.map((row) => named(row.stage))).toEqual(['customer', 'inactive', null])
  })

  it('counts the moves of each week from consecutive history entries', () => {
    // W12: Anna lead → customer (03-18), Clara at_risk → inactive (03-20); Erika's customer → at_risk is erased.
    // W13: Bernd customer → at_risk (03-24), Gustav's first entry (customer, from no stage).
    // W14: Bernd at_risk → customer (Monday 00:30 in Berlin), Felix's first entry, Hanna customer → at_risk.
    const moves = report.weeks.map((week) =>
      week.moves
        .map((move) => `${named(move.from)} → ${named(move.to)}: ${move.subscribers}`)
        .sort((a, b) => a.localeCompare(b)),
    )
    expect(moves).toEqual([
      ['at_risk → inactive: 1', 'lead → customer: 1'],
      ['customer → at_risk: 1', 'null → customer: 1'],
      ['at_risk → customer: 1', 'customer → at_risk: 1', 'null → subscriber: 1'],
    ])
  })

  it('counts who is at risk and churned now, and the win-back rate of the period', () => {
    // Now: Hanna at_risk; Clara inactive (churned). All seven: 3 customers, lead, subscriber, at_risk, inactive.
    expect(report.current).toMatchObject({ atRisk: 1, churned: 1, total: 7 })
    // Entered at_risk or inactive in the period: Bernd (03-24), Clara (inactive 03-20; at_risk 03-10 was
    // before it), Hanna (03-31) = 3; Erika erased. Back to an active stage afterwards: Bernd (customer,
    // 03-29 22:30Z) = 1. Win-back rate 1 / 3.
    expect(report.winBack).toEqual({ lapsed: 3, rate: 1 / 3, wonBack: 1 })
  })

  it('sums the period’s purchases per currency by the stage the buyer was in at the time', () => {
    // lead: Anna's order A-1 (60 + 40 EUR on 03-17, one purchase), Dieter 20 CHF (no history: as stored).
    // customer: Anna 50 CHF (03-25); Bernd 80 EUR (03-30, back as a customer), Hanna 0.1 + 0.2 EUR
    // (two orders) = 80.3 EUR in 3 purchases. at_risk: Bernd 19.99 EUR (03-26). No stage known: Gustav
    // 10 EUR (03-20, before his history starts). Not counted: Clara's 03-12 (before the period), Hanna's
    // order without an amount and her order after `now`, erased Erika's 200 EUR.
    expect(report.revenueByStage.map((row) => ({ revenue: row.revenue, stage: named(row.stage) }))).toEqual([
      {
        revenue: [
          { amount: 20, currency: 'CHF', purchases: 1 },
          { amount: 100, currency: 'EUR', purchases: 1 },
        ],
        stage: 'lead',
      },
      {
        revenue: [
          { amount: 50, currency: 'CHF', purchases: 1 },
          { amount: 80.3, currency: 'EUR', purchases: 3 },
        ],
        stage: 'customer',
      },
      { revenue: [{ amount: 19.99, currency: 'EUR', purchases: 1 }], stage: 'at_risk' },
      { revenue: [{ amount: 10, currency: 'EUR', purchases: 1 }], stage: null },
    ])
  })

  it('sets the channels side by side from the campaign reports of the period', () => {
    // Email: sent in the period to Anna and Bernd (Clara's send of 03-10 is before it), both delivered;
    // both opened, Anna clicked: open rate 2/2, click rate 1/2 (Clara's open in the period is of her
    // mail before it, so the rate stays within 100 %). Both bought within 7 days of the send
    // (Anna 03-25, Bernd 03-26): 2 conversions. Revenue by last click: Anna's 50 CHF after her click.
    expect(report.channels?.find((row) => row.channel === 'email')).toEqual({
      campaigns: 1,
      channel: 'email',
      clickRate: 0.5,
      conversionRate: 1,
      conversions: 2,
      delivered: 2,
      openRate: 1,
      revenue: [{ amount: 50, currency: 'CHF', purchases: 1 }],
      sent: 2,
      uniqueClicks: 1,
      uniqueOpens: 2,
    })
    expect(report.channels?.map((row) => [row.channel, row.sent])).toEqual([
      ['email', 2],
      ['sms', 0],
      ['push', 0],
    ])
  })

  it('computes the same in memory (the MongoDB path) as in the database', async () => {
    const stages = await lifecycleStages(payload)
    const weeks = reportWeeks(NOW, 3)
    const query = { lapsed: lapsedStageIds(stages), weeks }
    const period = { from: weeks[0].start, to: weeks[2].end }
    const [inDatabase, inMemory] = await Promise.all([
      lifecycleFactsSql(payload, query),
      lifecycleFactsInMemory(payload, query),
    ])
    expect(assemble(inMemory, stages, weeks, null, period)).toEqual(assemble(inDatabase, stages, weeks, null, period))
    expect({ ...report, channels: null }).toEqual(assemble(inMemory, stages, weeks, null, period))
  })

  it('answers GET /api/campaigns/lifecycle for a reports key, refuses other keys and bad weeks', async () => {
    await createApiKey(payload, 'admin')
    const reports = await createApiKey(payload, 'integration', ['reports'])
    const events = await createApiKey(payload, 'integration', ['events'])
    const ok = await restWithKey(payload, local.databaseUri, reports, '/campaigns/lifecycle?weeks=2')
    expect(ok.status).toBe(200)
    expect((ok.body as unknown as LifecycleReport).weeks).toHaveLength(2)
    expect((await restWithKey(payload, local.databaseUri, events, '/campaigns/lifecycle')).status).toBe(403)
    expect((await restWithKey(payload, local.databaseUri, reports, '/campaigns/lifecycle?weeks=0')).status).toBe(400)
  })
})

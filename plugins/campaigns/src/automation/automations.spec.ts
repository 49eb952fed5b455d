import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { consentOptions, recordConsent } from '@kontorwerk/consent'
import { recordEvents, writeAtomically } from '@kontorwerk/personalization'
import { writeMembers } from '@kontorwerk/segments'

import type { SmtpSink } from '../../../../tests/helpers/smtp'

import { createAudience } from '../../../../tests/helpers/audience'
import { automationKit } from '../../../../tests/helpers/automationKit'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { CAMPAIGN_QUEUE } from '../defaults'
import { queueSendJob } from '../sending/continueOrFinish'
import { advanceAutomations } from './advance'
import { sweepAutomations } from './triggers'

const DAY = 24 * 3600 * 1000

describe('automations: triggers and step sequences (Local API, SQLite, real SMTP server)', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let newsletters: Awaited<ReturnType<ReturnType<typeof automationKit>['newsletters']>>
  let kit: ReturnType<typeof automationKit>
  const subjects = (email: string) => kit.subjects(email)
  /** What the worker does on its rounds: due steps first, then the send jobs they queued. */
  const workAt = async (at: Date) => {
    await advanceAutomations(payload, at)
    for (let round = 0; round < 20; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
  }
  const automation = (data: Record<string, unknown>) => kit.automation(data)
  const ageSends = (days: number) => kit.ageSends(days)
  const runsOf = (automationId: number | string) => kit.runsOf(automationId)

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ payload, sink } = world)
    // No quiet hours: the specs run at any time of day.
    await payload.updateGlobal({
      data: { quietHours: { from: '00:00', until: '00:00' } } as never,
      slug: 'contact-budget' as never,
    })
    kit = automationKit(payload, sink)
    newsletters = await kit.newsletters([
      'willkommen-1',
      'willkommen-2',
      'willkommen-3',
      'wieder-da-1',
      'wieder-da-2',
      'onboarding',
      'geburtstag',
      'kunde',
    ])
  })
  afterAll(() => world?.close())

  it('sends a welcome series on days 0, 3 and 7 after the double opt-in, once per subscriber, within the contact budget', async () => {
    const welcome = await automation({
      steps: [
        { newsletter: newsletters['willkommen-1'].id, type: 'send' },
        { days: 3, type: 'wait' },
        { newsletter: newsletters['willkommen-2'].id, type: 'send' },
        { days: 4, type: 'wait' },
        { newsletter: newsletters['willkommen-3'].id, type: 'send' },
      ],
      trigger: 'double_opt_in',
    })
    const { id } = await payload.create({
      collection: 'subscribers',
      data: { email: 'neu@empfang.example', firstName: 'Nina' } as never,
    })
    const confirm = () =>
      recordConsent(
        payload,
        {
          action: 'confirmed',
          channel: 'email',
          proof: { method: 'double-opt-in' },
          purpose: 'marketing',
          source: 'form',
          subscriber: id,
        },
        consentOptions(payload),
      )
    await confirm()
    await confirm()
    const start = new Date()
    await workAt(start)
    expect(subjects('neu@empfang.example')).toEqual(['willkommen-1: Nina'])
    await workAt(new Date(start.getTime() + 2 * DAY))
    expect(subjects('neu@empfang.example')).toHaveLength(1)
    await ageSends(3)
    await workAt(new Date(start.getTime() + 3 * DAY + 60_000))
    await ageSends(4)
    await workAt(new Date(start.getTime() + 7 * DAY + 120_000))
    // Automation mails count like any campaign: the default frequency "weekly" (1 per 7 days) holds back day 3.
    expect(subjects('neu@empfang.example')).toEqual(['willkommen-1: Nina', 'willkommen-3: Nina'])
    const held = await payload.find({
      collection: 'campaign-sends',
      where: { state: { equals: 'skipped' }, subscriber: { equals: id } },
    })
    expect(held.docs.map((doc) => doc.reason)).toEqual(['budget'])
    const runs = await runsOf(welcome.id)
    expect(runs.map((run) => run.state)).toEqual(['done'])
    // An import confirmed without double opt-in does not start it.
    const { id: imported } = await payload.create({
      collection: 'subscribers',
      data: { email: 'import@empfang.example' } as never,
    })
    await recordConsent(
      payload,
      { action: 'confirmed', channel: 'email', purpose: 'marketing', source: 'import', subscriber: imported },
      consentOptions(payload),
    )
    expect(await runsOf(welcome.id)).toHaveLength(1)
  })

  it('reactivates a segment with two attempts and stops for whoever reacts', async () => {
    const audience = await createAudience(payload, { count: 2, prefix: 'still-', trackingEvery: 1 })
    const inactive = await payload.create({
      collection: 'segments',
      data: { kind: 'static', name: 'Inaktiv seit 60 Tagen' } as never,
    })
    await writeMembers(payload, String(inactive.id), audience.ids, { replace: true })
    const reactivation = await automation({
      exitOnEngagement: true,
      reentryDays: 90,
      segment: inactive.id,
      steps: [
        { newsletter: newsletters['wieder-da-1'].id, type: 'send' },
        { days: 7, type: 'wait' },
        { expect: 'member', segment: inactive.id, type: 'check' },
        { newsletter: newsletters['wieder-da-2'].id, type: 'send' },
      ],
      trigger: 'segment_entry',
    })
    const start = new Date()
    await sweepAutomations(payload, start)
    await workAt(start)
    const [reacts, silent] = audience.emails
    expect(subjects(reacts)).toEqual(['wieder-da-1: Person0'])
    expect(subjects(silent)).toEqual(['wieder-da-1: Person1'])
    await recordEvents(
      payload,
      [
        {
          id: `react-${Date.now()}`,
          properties: { url: 'https://kontorwerk.example/' },
          subscriber: audience.ids[0],
          type: 'email_clicked',
        },
      ],
      { source: 'tracking' },
    )
    await ageSends(7)
    await workAt(new Date(start.getTime() + 7 * DAY + 60_000))
    expect(subjects(reacts)).toEqual(['wieder-da-1: Person0'])
    expect(subjects(silent)).toEqual(['wieder-da-1: Person1', 'wieder-da-2: Person1'])
    expect((await runsOf(reactivation.id)).map((run) => [run.state, run.exitReason ?? null])).toEqual([
      ['exited', 'engaged'],
      ['done', null],
    ])
    // Still in the segment, but within the re-entry time: no new run.
    await sweepAutomations(payload, new Date(start.getTime() + 8 * DAY))
    expect(await runsOf(reactivation.id)).toHaveLength(2)
  })

  it('does not deliver a mail a run queued but had not sent when the subscriber reacted', async () => {
    const audience = await createAudience(payload, { count: 2, prefix: 'queued-', trackingEvery: 1 })
    const inactive = await payload.create({
      collection: 'segments',
      data: { kind: 'static', name: 'Inaktiv (Warteschlange)' } as never,
    })
    await writeMembers(payload, String(inactive.id), audience.ids, { replace: true })
    await automation({
      exitOnEngagement: true,
      segment: inactive.id,
      steps: [{ newsletter: newsletters['wieder-da-1'].id, type: 'send' }],
      trigger: 'segment_entry',
    })
    const start = new Date()
    await sweepAutomations(payload, new Date(start.getTime() + 11 * 60_000))
    // The step has written both mails; before a send job runs, one of them reacts.
    await advanceAutomations(payload, new Date(start.getTime() + 11 * 60_000))
    await recordEvents(
      payload,
      [
        {
          id: `react-queued-${Date.now()}`,
          properties: { url: 'https://kontorwerk.example/' },
          subscriber: audience.ids[0],
          type: 'email_clicked',
        },
      ],
      { source: 'tracking' },
    )
    await workAt(new Date(start.getTime() + 12 * 60_000))
    expect(subjects(audience.emails[0])).toEqual([])
    expect(subjects(audience.emails[1])).toEqual(['wieder-da-1: Person1'])
  })

  it('starts onboarding on the first purchase only, a stage mail on "changed to customer", and a birthday mail once', async () => {
    const onboarding = await automation({
      steps: [{ newsletter: newsletters.onboarding.id, type: 'send' }],
      trigger: 'first_purchase',
    })
    const customer = (await payload.find({ collection: 'lifecycle-stages', where: { key: { equals: 'customer' } } }))
      .docs[0]
    const staged = await automation({
      stage: customer.id,
      steps: [{ newsletter: newsletters.kunde.id, type: 'send' }],
      trigger: 'stage_changed',
    })
    const birthday = await automation({
      steps: [{ newsletter: newsletters.geburtstag.id, type: 'send' }],
      trigger: 'birthday',
    })
    const audience = await createAudience(payload, { count: 3, prefix: 'life-' })
    const [buyer, promoted, celebrated] = audience.ids
    const today = new Date()
    await writeAtomically(payload, {
      updates: [
        {
          collection: 'subscribers',
          data: {
            attributes: {
              birthday: `1990-${String(today.getUTCMonth() + 1).padStart(2, '0')}-${String(today.getUTCDate()).padStart(2, '0')}`,
            },
          },
          id: celebrated,
        },
      ],
    })

    await recordEvents(payload, [
      {
        id: `buy-1-${Date.now()}`,
        properties: { amount: 49, product: 'kontorwerk-start' },
        subscriber: buyer,
        type: 'purchase',
      },
    ])
    await payload.update({ collection: 'subscribers', data: { stage: customer.id } as never, id: promoted })
    await sweepAutomations(payload, today)
    await workAt(today)
    await recordEvents(payload, [
      {
        id: `buy-2-${Date.now()}`,
        properties: { amount: 49, product: 'kontorwerk-plus' },
        subscriber: buyer,
        type: 'purchase',
      },
    ])
    await sweepAutomations(payload, today)
    await workAt(new Date(today.getTime() + 60_000))

    expect(subjects(audience.emails[0])).toEqual(['onboarding: Person0'])
    expect(subjects(audience.emails[1])).toEqual(['kunde: Person1'])
    expect(subjects(audience.emails[2])).toEqual(['geburtstag: Person2'])
    expect(await runsOf(onboarding.id)).toHaveLength(1)
    expect(await runsOf(staged.id)).toHaveLength(1)
    expect(await runsOf(birthday.id)).toHaveLength(1)
  })

  it('holds a behaviour-triggered mail for its cool-down and the recipient’s quiet hours instead of dropping it', async () => {
    const berlinNow = (offsetMinutes: number) =>
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        hourCycle: 'h23',
        minute: '2-digit',
        timeZone: 'Europe/Berlin',
      }).format(new Date(Date.now() + offsetMinutes * 60_000))
    const recordsOf = async (subscriber: string) =>
      (await payload.find({ collection: 'campaign-sends', depth: 0, where: { subscriber: { equals: subscriber } } }))
        .docs
    // Only this automation reacts to purchases here.
    await payload.update({
      collection: 'automations',
      data: { active: false } as never,
      where: { trigger: { equals: 'first_purchase' } },
    })
    const onboarding = await automation({
      cooldownMinutes: 30,
      steps: [{ newsletter: newsletters.onboarding.id, type: 'send' }],
      trigger: 'first_purchase',
    })
    const [buyer, nightOwl] = (await createAudience(payload, { count: 2, prefix: 'timed-' })).ids
    const buy = (subscriber: string) =>
      recordEvents(payload, [
        {
          id: `timed-${subscriber}-${Date.now()}`,
          properties: { amount: 49, product: 'lohn-modul' },
          subscriber,
          type: 'purchase',
        },
      ])
    await buy(buyer)
    await workAt(new Date())
    // Not yet: pending until 30 minutes after the purchase (the run's start).
    const [waiting] = await recordsOf(buyer)
    const run = (await runsOf(onboarding.id)).find((entry) => String(entry.subscriber) === buyer)!
    expect(waiting.state).toBe('pending')
    expect(new Date(waiting.nextAttemptAt!).getTime()).toBe(new Date(run.createdAt).getTime() + 30 * 60_000)
    expect(subjects('timed-0@empfang.example')).toEqual([])

    // Quiet hours around the current time (Berlin: the profile has no zone of its own): no cool-down, still waits.
    await payload.update({ collection: 'automations', data: { cooldownMinutes: 0 } as never, id: onboarding.id })
    await payload.updateGlobal({
      data: { quietHours: { from: berlinNow(-60), until: berlinNow(60) } } as never,
      slug: 'contact-budget' as never,
    })
    await buy(nightOwl)
    await workAt(new Date())
    const [held] = await recordsOf(nightOwl)
    expect(held.state).toBe('pending')
    const heldUntil = new Date(held.nextAttemptAt!).getTime()
    expect(Math.abs(heldUntil - (Date.now() + 60 * 60_000))).toBeLessThan(2 * 60_000)
    expect(subjects('timed-1@empfang.example')).toEqual([])

    // A mail that is due anyway (a backlog) is put back by the send job, not sent, while the quiet hours last.
    await writeAtomically(payload, {
      updates: [{ collection: 'campaign-sends', data: { nextAttemptAt: null }, id: String(held.id) }],
    })
    await queueSendJob(payload, String(held.campaign))
    await workAt(new Date())
    const [putBack] = await recordsOf(nightOwl)
    expect(putBack.state).toBe('pending')
    expect(Math.abs(new Date(putBack.nextAttemptAt!).getTime() - heldUntil)).toBeLessThan(2 * 60_000)
    expect(subjects('timed-1@empfang.example')).toEqual([])
    await payload.updateGlobal({
      data: { quietHours: { from: '00:00', until: '00:00' } } as never,
      slug: 'contact-budget' as never,
    })
    await payload.update({ collection: 'automations', data: { active: false } as never, id: onboarding.id })
  })

  it('keeps each send step as a campaign with its own report, paused while the automation is off', async () => {
    const { docs } = await payload.find({
      collection: 'automations',
      limit: 1,
      where: { trigger: { equals: 'double_opt_in' } },
    })
    const steps = await payload.find({
      collection: 'campaigns',
      depth: 0,
      where: { automation: { equals: docs[0].id } },
    })
    expect(steps.docs.map((campaign) => campaign.status)).toEqual(['sending', 'sending', 'sending'])
    await payload.update({ collection: 'automations', data: { active: false } as never, id: docs[0].id })
    const paused = await payload.find({
      collection: 'campaigns',
      depth: 0,
      where: { automation: { equals: docs[0].id } },
    })
    expect(paused.docs.map((campaign) => campaign.status)).toEqual(['paused', 'paused', 'paused'])
  })
})

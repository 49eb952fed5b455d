import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CodedError, sameWallClockIn, writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Campaign, Newsletter } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { SLOW_BUT_FINITE, storeTemplatePastChecks } from '../../../../tests/helpers/costlyTemplates'
import { freePort } from '../../../../tests/helpers/server'
import { CAMPAIGN_QUEUE } from '../defaults'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'
import { campaignAction } from '../utilities/actions'
import { campaignsOptions } from '../utilities/options'

describe('sending a campaign (Local API, SQLite, real SMTP server)', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest
  let newsletter: number | string

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload, sink } = world)
    newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
  })
  afterAll(() => world?.close())

  it('sends one personalized mail per consenting recipient, with unsubscribe headers and links', async () => {
    const audience = await createAudience(payload, {
      count: 30,
      prefix: 'a',
      withoutConsent: (index) => index % 10 === 9,
    })
    // The demo subject names the reader by address_name: informal readers by first name.
    await payload.update({ collection: 'subscribers', data: { addressForm: 'informal' }, id: audience.ids[0] })
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter })
    const done = await runCampaignJobs(payload, campaign.id)
    expect(done.status).toBe('done')
    const mails = sink.messages.filter((mail) => mail.messageId?.startsWith(`<campaign-${campaign.id}.`))
    expect(mails).toHaveLength(27)
    expect(new Set(mails.map((mail) => (mail.to && 'text' in mail.to ? mail.to.text : ''))).size).toBe(27)
    const first = mails.find((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === 'a0@empfang.example')!
    expect(first.subject).toContain('Person0')
    const header = (name: string) =>
      (first.headerLines.find((line) => line.key === name)?.line ?? '').replace(/\r\n\s+/g, ' ')
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <http.*\/unsubscribe\?token=.*>, <mailto:/)
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(first.text).toMatch(/Abmelden: http.*\/unsubscribe\?token=/)
    expect(first.html).toContain('Abmelden</a>')
  })
})

describe('bad input never sends a partial campaign (Local API, SQLite)', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest
  let newsletter: Newsletter

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'no error',
      (error: unknown) => (error instanceof CodedError ? `${error.code}: ${error.message}` : String(error)),
    )
  const draft = async (data: Record<string, unknown>) =>
    (await payload.create({
      collection: 'campaigns',
      data: { channel: 'email', name: `Fall ${Math.random()}`, newsletter: newsletter.id, ...data } as never,
    })) as Campaign
  const state = async (id: number | string) => {
    const campaign = (await payload.findByID({ collection: 'campaigns', depth: 0, id })) as Campaign
    const sends = await payload.count({ collection: 'campaign-sends', where: { campaign: { equals: id } } })
    const jobs = await payload.count({
      collection: 'payload-jobs',
      where: { 'input.campaign': { equals: String(id) } } as never,
    })
    return { jobs: jobs.totalDocs, sends: sends.totalDocs, status: campaign.status }
  }
  const mailsOf = (id: number | string) =>
    sink.messages.filter((mail) => mail.messageId?.startsWith(`<campaign-${id}.`)).length

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload, sink } = world)
    newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
  })
  afterAll(() => world?.close())

  it('refuses to schedule for an empty segment, without audience, or at an unusable time; nothing is queued', async () => {
    const empty = await payload.create({ collection: 'segments', data: { kind: 'static', name: 'Leer' } as never })
    const audience = await createAudience(payload, { count: 3, prefix: 'bad-' })
    const cases: [Campaign, string, RegExp][] = [
      [await draft({ audience: empty.id }), '', /^FAILED_PRECONDITION: The audience segment has no members/],
      [await draft({}), '', /^FAILED_PRECONDITION: The campaign has no audience segment/],
      [
        await draft({ audience: Number(audience.segment) }),
        '2020-01-01T00:00:00Z',
        /^BAD_USER_INPUT: The send time .* is in the past/,
      ],
      [
        await draft({ audience: Number(audience.segment) }),
        '2099-01-01T00:00:00Z',
        /^BAD_USER_INPUT: The send time is more than a year ahead/,
      ],
      [
        await draft({ audience: Number(audience.segment) }),
        'nächsten Dienstag',
        /^BAD_USER_INPUT: "nächsten Dienstag" is not a date-time/,
      ],
    ]
    for (const [campaign, sendAt, expected] of cases) {
      expect(
        await codeOf(campaignAction(editor, String(campaign.id), 'schedule', { sendAt: sendAt || undefined })),
      ).toMatch(expected)
      expect(await state(campaign.id)).toEqual({ jobs: 0, sends: 0, status: 'draft' })
    }
  })

  it('will not let a segment a campaign still needs be deleted', async () => {
    const audience = await createAudience(payload, { count: 2, prefix: 'keep-' })
    const campaign = await draft({ audience: Number(audience.segment) })
    await expect(payload.delete({ collection: 'segments', id: audience.segment })).rejects.toThrow(/used by campaign/)
    expect((await payload.findByID({ collection: 'campaigns', depth: 0, id: campaign.id })).audience).toBe(
      Number(audience.segment),
    )
  })

  it('refuses a newsletter whose slot has no published fallback, and pauses if the fallback goes before the start', async () => {
    const [block] = (
      await payload.find({
        collection: 'content-blocks',
        depth: 0,
        limit: 1,
        where: { isFallback: { equals: true }, channels: { contains: 'email' } },
      })
    ).docs
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = block
    const fallback = await payload.create({
      collection: 'content-blocks',
      data: { ...copy, title: 'Ersatz im Entwurf' } as never,
      draft: true,
    })
    const slots = newsletter.slots.map(({ id: _slot, ...slot }, index) => ({
      ...slot,
      fallback: index === 0 ? fallback.id : slot.fallback,
    }))
    const broken = await payload.create({
      collection: 'newsletters',
      data: { ...newsletter, id: undefined, name: 'Ohne Ersatz', slots, slug: 'ohne-ersatz' } as never,
    })
    const audience = await createAudience(payload, { count: 3, prefix: 'nofallback-' })
    const refused = await draft({ audience: Number(audience.segment), newsletter: broken.id })
    expect(await codeOf(campaignAction(editor, String(refused.id), 'schedule'))).toMatch(
      /^FAILED_PRECONDITION: Slot "aufmacher" of newsletter "ohne-ersatz" has no published fallback block/,
    )
    expect(await state(refused.id)).toEqual({ jobs: 0, sends: 0, status: 'draft' })

    // Published, scheduled, then unpublished before the worker starts it: paused with the reason, nothing sent.
    await payload.update({ collection: 'content-blocks', data: { _status: 'published' } as never, id: fallback.id })
    const later = await draft({ audience: Number(audience.segment), newsletter: broken.id })
    await campaignAction(editor, String(later.id), 'schedule')
    await payload.update({ collection: 'content-blocks', data: { _status: 'draft' } as never, id: fallback.id })
    const paused = await runCampaignJobs(payload, later.id)
    expect(paused).toMatchObject({
      status: 'paused',
      statusReason: expect.stringMatching(/Slot "aufmacher" .* has no published fallback block/),
    })
    expect(mailsOf(later.id)).toBe(0)
  })

  it('pauses with the reason while the SMTP server is down, and resumes without gaps or doubles', async () => {
    const audience = await createAudience(payload, { count: 12, prefix: 'smtpdown-' })
    // The SMTP server as configured goes away: its port leads nowhere now.
    const smtp = campaignsOptions(payload).smtp!
    smtp.port = await freePort()
    const campaign = await draft({ audience: Number(audience.segment) })
    await campaignAction(editor, String(campaign.id), 'schedule')
    const paused = await runCampaignJobs(payload, campaign.id)
    expect(paused).toMatchObject({
      status: 'paused',
      statusReason: expect.stringMatching(/SMTP server 127\.0\.0\.1:\d+ not reachable/),
    })
    expect(
      await payload.count({
        collection: 'campaign-sends',
        where: { campaign: { equals: campaign.id }, state: { equals: 'pending' } },
      }),
    ).toMatchObject({ totalDocs: 12 })
    expect(mailsOf(campaign.id)).toBe(0)

    smtp.port = sink.port
    await campaignAction(editor, String(campaign.id), 'resume')
    expect((await runCampaignJobs(payload, campaign.id)).status).toBe('done')
    expect(mailsOf(campaign.id)).toBe(12)
    expect(
      new Set(
        sink.messages
          .filter((mail) => mail.messageId?.startsWith(`<campaign-${campaign.id}.`))
          .map((mail) => mail.messageId),
      ).size,
    ).toBe(12)
  })

  it('pauses with the reason when a template stored before the limits is too costly to render, and sends once it is fixed', async () => {
    const { block, newsletter: costly } = await storeTemplatePastChecks(payload, SLOW_BUT_FINITE)
    const audience = await createAudience(payload, { count: 3, prefix: 'costly-' })
    const campaign = await draft({ audience: Number(audience.segment), newsletter: costly.id })
    await campaignAction(editor, String(campaign.id), 'schedule')
    // The worker renders within the limits: no seconds-long loop, no crash, the campaign waits for the editor.
    const paused = await runCampaignJobs(payload, campaign.id)
    expect(paused).toMatchObject({
      status: 'paused',
      statusReason: expect.stringMatching(
        /^A Liquid template exceeds the limits for templates: (render steps|template render|memory alloc) limit exceeded/,
      ),
    })
    expect(mailsOf(campaign.id)).toBe(0)

    await payload.update({
      collection: 'content-blocks',
      data: { title: 'Repariert für {{ subscriber.first_name | default: "Sie" }}' },
      id: block.id,
    })
    await campaignAction(editor, String(campaign.id), 'resume')
    expect((await runCampaignJobs(payload, campaign.id)).status).toBe('done')
    expect(mailsOf(campaign.id)).toBe(3)
  })
})

describe("sending at each recipient's best time within 24 hours (Local API, SQLite)", () => {
  let world: CampaignWorld
  let payload: Payload
  let editor: PayloadRequest

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload } = world)
  })
  afterAll(() => world?.close())

  /** The Berlin wall-clock hour and minute of an instant. */
  const berlin = (at: Date) =>
    new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(at)

  it("sends an evening reader in the evening, a morning reader in the morning, and a newcomer at the crowd's hour", async () => {
    const newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
    // One send-time rule per campaign: best time with local time is a field error, nothing stored.
    await expect(
      payload.create({
        collection: 'campaigns',
        data: { bestTime: true, channel: 'email', localTime: true, name: 'Beides', newsletter: newsletter.id } as never,
      }),
    ).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ message: expect.stringMatching(/Ortszeit/), path: 'bestTime' })] },
    })
    const audience = await createAudience(payload, { count: 3, prefix: 'best-' })
    const [evening, morning] = audience.ids
    // Opens on each of the last 14 days: the evening reader at 19:xx Berlin, the morning reader (fewer) at 07:xx.
    const opens = (subscriber: string, hour: number, days: number) =>
      Array.from({ length: days }, (_, day) => {
        const date = new Date(Date.now() - (day + 1) * 86_400_000)
        const local = sameWallClockIn(
          new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), hour, 20)),
          'Europe/Berlin',
          'UTC',
        )
        return {
          eventId: `open-${subscriber}-${day}`,
          occurredAt: local.toISOString(),
          subscriber: Number(subscriber),
          type: 'email_opened',
        }
      })
    await writeAtomically(payload, {
      inserts: [{ collection: 'events', docs: [...opens(evening, 19, 14), ...opens(morning, 7, 10)] }],
    })
    // Planned for now: the campaign starts at once and spreads its mails over the next 24 hours.
    const planned = new Date()
    const campaign = await scheduleCampaign(payload, editor, {
      audience: audience.segment,
      bestTime: true,
      newsletter: newsletter.id,
      sendAt: planned.toISOString(),
    } as never)
    for (let round = 0; round < 5; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    const records = (
      await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { campaign: { equals: campaign.id } },
      })
    ).docs
    // A recipient whose best hour is the current one got the mail at once.
    const due = (index: number) => {
      const record = records.find((each) => String(each.subscriber) === audience.ids[index])!
      return new Date(record.nextAttemptAt ?? record.sentAt ?? planned)
    }
    const minute = berlin(planned).slice(3)
    for (const [index, hour] of [
      [0, '19'],
      [1, '07'],
      [2, '19'],
    ] as const) {
      expect(berlin(due(index)), `recipient ${index}`).toBe(`${hour}:${minute}`)
      expect(due(index).getTime()).toBeGreaterThanOrEqual(planned.getTime() - 60_000)
      expect(due(index).getTime()).toBeLessThan(planned.getTime() + 24 * 3600 * 1000)
    }
  })
})

describe("sending in the recipients' local time (Local API, SQLite)", () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload, sink } = world)
  })
  afterAll(() => world?.close())

  it('sends to each recipient when their clock shows the planned time: at once where it has passed', async () => {
    const newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
    const audience = await createAudience(payload, { count: 3, prefix: 'zone-' })
    const zones = ['Europe/Berlin', 'Asia/Tokyo', 'America/New_York']
    for (const [index, timeZone] of zones.entries())
      await payload.update({ collection: 'subscribers', data: { timeZone } as never, id: audience.ids[index] })
    const planned = new Date(Date.now() + 2 * 3600 * 1000)
    const campaign = await scheduleCampaign(payload, editor, {
      audience: audience.segment,
      localTime: true,
      newsletter: newsletter.id,
      sendAt: planned.toISOString(),
    })
    for (let round = 0; round < 20; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    const records = (
      await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { campaign: { equals: campaign.id } },
      })
    ).docs
    const due = (index: number) => records.find((record) => String(record.subscriber) === audience.ids[index])!
    expect(due(0).nextAttemptAt).toBe(planned.toISOString())
    expect(new Date(due(2).nextAttemptAt!).getTime() - planned.getTime()).toBe(6 * 3600 * 1000)
    // Tokyo's clock showed that time eight hours ago: it goes now, the others wait.
    expect(due(1)).toMatchObject({ nextAttemptAt: null, state: 'sent' })
    expect(
      sink.messages
        .filter((mail) => mail.messageId?.startsWith(`<campaign-${campaign.id}.`))
        .map((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '')),
    ).toEqual([audience.emails[1]])
  })
})

import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CodedError } from '@kontorwerk/personalization'
import { writeMembers } from '@kontorwerk/segments'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Campaign } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { runCampaignJobs, staffRequest } from '../testing/runCampaign'
import { campaignAction } from '../utilities/actions'
import { campaignsOptions } from '../utilities/options'
import { sendPlan } from '../utilities/sendPlan'
import { sendTestMail } from './testSend'

/**
 * Issue 17: a send needs the confirmed live count (enforced on the server for REST and GraphQL),
 * the count is the sender's own, and a test send reaches only the editor.
 */
describe('sending with confirmation and test sends (Local API, SQLite, real SMTP server)', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest
  /** The same editor as a REST call would come in: confirmations are enforced there. */
  let overHttp: PayloadRequest
  let newsletter: number | string

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ code: 'no error', status: 0 }),
      (error: unknown) =>
        error instanceof CodedError
          ? { code: error.code, details: error.data?.details, status: error.status }
          : { code: String(error), status: 500 },
    )
  const draft = async (data: Record<string, unknown>) =>
    (await payload.create({
      collection: 'campaigns',
      data: { channel: 'email', name: `Bestätigt ${Math.random()}`, newsletter, ...data } as never,
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
    overHttp = await staffRequest(payload)
    overHttp.payloadAPI = 'REST'
    newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
  })
  afterAll(() => world?.close())

  it('counts what the sender then sends: exclusions, consent and the A/B holdout taken out', async () => {
    const audience = await createAudience(payload, { count: 40, prefix: 'plan-', withoutConsent: (i) => i % 8 === 7 })
    const excluded = await payload.create({ collection: 'segments', data: { kind: 'static', name: 'Raus' } as never })
    await writeMembers(payload, String(excluded.id), audience.ids.slice(0, 3), { replace: true })
    const campaign = await draft({
      abTest: {
        // Decided at once, at a single check: the rest gets the control when nothing is significant yet.
        decideAfterHours: 0,
        holdoutPercent: 10,
        maxTestHours: 0,
        variants: [
          { key: 'A', share: 30, subject: 'A: {{ subscriber.first_name }}' },
          { key: 'B', share: 30, subject: 'B: {{ subscriber.first_name }}' },
        ],
      },
      audience: Number(audience.segment),
      exclusions: [excluded.id],
    })
    const plan = await sendPlan(overHttp, String(campaign.id))
    expect(plan.audience).toBe(37)
    expect(plan.problems).toEqual([])
    // 37 after exclusions = recipients + holdout + 5 without consent (indexes 7, 15, 23, 31, 39)
    const withoutConsent = plan.blocked.reduce((sum, entry) => sum + entry.count, 0)
    expect(plan.blocked.every((entry) => entry.reason === 'no_consent')).toBe(true)
    expect(plan.recipients + plan.holdout + withoutConsent).toBe(37)
    expect(plan.holdout).toBeGreaterThan(0)
    expect(plan.recipients).toBe(plan.variants.reduce((sum, entry) => sum + entry.count, 0))
    expect(plan.abTest).toMatchObject({
      holdoutPercent: 10,
      variants: [
        { key: 'A', share: 30 },
        { key: 'B', share: 30 },
      ],
    })

    await campaignAction(overHttp, String(campaign.id), 'schedule', { confirmation: { recipients: plan.recipients } })
    const done = await runCampaignJobs(payload, campaign.id)
    expect(done.status).toBe('done')
    expect(mailsOf(campaign.id)).toBe(plan.recipients)
  })

  it('over HTTP refuses a schedule without, with a stale or with a malformed confirmation: nothing changes', async () => {
    const audience = await createAudience(payload, { count: 6, prefix: 'unconfirmed-' })
    const campaign = await draft({ audience: Number(audience.segment) })
    const id = String(campaign.id)
    expect(await failure(campaignAction(overHttp, id, 'schedule'))).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      details: { recipients: 6 },
      status: 428,
    })
    expect(await failure(campaignAction(overHttp, id, 'schedule', { confirmation: { recipients: 5 } }))).toMatchObject({
      code: 'CONFIRMATION_MISMATCH',
      status: 409,
    })
    expect(
      await failure(campaignAction(overHttp, id, 'schedule', { confirmation: { recipients: 'six' } })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 })
    expect(await state(id)).toEqual({ jobs: 0, sends: 0, status: 'draft' })
    // The audience grows after the dialog counted: the old count no longer holds.
    const more = await createAudience(payload, { count: 2, prefix: 'late-' })
    await writeMembers(payload, audience.segment, [...audience.ids, ...more.ids], { replace: true })
    expect(await failure(campaignAction(overHttp, id, 'schedule', { confirmation: { recipients: 6 } }))).toMatchObject({
      code: 'CONFIRMATION_MISMATCH',
      details: { recipients: 8 },
    })
    expect(await state(id)).toEqual({ jobs: 0, sends: 0, status: 'draft' })
    const scheduled = await campaignAction(overHttp, id, 'schedule', { confirmation: { recipients: 8 } })
    expect(scheduled.status).toBe('scheduled')
    expect(mailsOf(id)).toBe(0)
  })

  it('asks again on resume when the campaign was paused before it started: an audience edited meanwhile is confirmed anew', async () => {
    const small = await createAudience(payload, { count: 1, prefix: 'paused-small-' })
    const large = await createAudience(payload, { count: 5, prefix: 'paused-large-' })
    const later = new Date(Date.now() + 3600_000).toISOString()
    const campaign = await draft({ audience: Number(small.segment), sendAt: later })
    const id = String(campaign.id)
    await campaignAction(overHttp, id, 'schedule', { confirmation: { recipients: 1 } })
    await campaignAction(overHttp, id, 'pause')
    await payload.update({ collection: 'campaigns', data: { audience: Number(large.segment) } as never, id })
    expect(await failure(campaignAction(overHttp, id, 'resume'))).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      details: { recipients: 5 },
    })
    expect(await failure(campaignAction(overHttp, id, 'resume', { confirmation: { recipients: 1 } }))).toMatchObject({
      code: 'CONFIRMATION_MISMATCH',
    })
    expect((await state(id)).status).toBe('paused')
    expect((await campaignAction(overHttp, id, 'resume', { confirmation: { recipients: 5 } })).status).toBe('scheduled')
    expect(mailsOf(id)).toBe(0)
  })

  it('from the threshold on needs the count or the name typed', async () => {
    const options = campaignsOptions(payload)
    const before = options.typedConfirmationFrom
    options.typedConfirmationFrom = 4
    try {
      const audience = await createAudience(payload, { count: 5, prefix: 'typed-' })
      const campaign = await draft({ audience: Number(audience.segment), name: 'Herbstaktion' })
      const id = String(campaign.id)
      expect((await sendPlan(overHttp, id)).needsTypedConfirmation).toBe(true)
      expect(
        await failure(campaignAction(overHttp, id, 'schedule', { confirmation: { recipients: 5 } })),
      ).toMatchObject({ code: 'CONFIRMATION_TYPED', details: { threshold: 4 }, status: 422 })
      expect(
        await failure(campaignAction(overHttp, id, 'schedule', { confirmation: { recipients: 5, typed: '50' } })),
      ).toMatchObject({ code: 'CONFIRMATION_TYPED' })
      expect(await state(id)).toEqual({ jobs: 0, sends: 0, status: 'draft' })
      const scheduled = await campaignAction(overHttp, id, 'schedule', {
        confirmation: { recipients: 5, typed: 'herbstaktion' },
      })
      expect(scheduled.status).toBe('scheduled')
    } finally {
      options.typedConfirmationFrom = before
    }
  })

  it('a test send goes to the editor only, marked, and is counted nowhere', async () => {
    const audience = await createAudience(payload, { count: 2, prefix: 'testsend-' })
    const campaign = await draft({ audience: Number(audience.segment) })
    const id = String(campaign.id)
    const events = async () => (await payload.count({ collection: 'events' })).totalDocs
    const eventsBefore = await events()
    const received = sink.messages.length
    const result = await sendTestMail(editor, id, { persona: 'it-administration' })
    const email = String(editor.user!.email)
    expect(result).toMatchObject({ sentTo: email, subject: expect.stringMatching(/^\[TEST\] /) })
    const mail = await sink.waitFor((message) => message.subject === result.subject)
    expect(
      sink.messages.slice(received).map((message) => (message.to && 'text' in message.to ? message.to.text : '')),
    ).toEqual([email])
    expect(mail.headers.get('x-kontorwerk-test')).toBe('yes')
    expect(mail.headers.get('list-unsubscribe')).toBeUndefined()
    expect(mail.text).toMatch(/^Testversand an /)
    expect(mail.html).not.toMatch(/unsubscribe\?token=|\/t\/c\//)
    expect(await state(id)).toEqual({ jobs: 0, sends: 0, status: 'draft' })
    expect(await events()).toBe(eventsBefore)
  })

  it('refuses bad test-send input with coded errors, subscribers for editors, and too many per hour', async () => {
    const audience = await createAudience(payload, { count: 1, prefix: 'testbad-' })
    const id = String((await draft({ audience: Number(audience.segment) })).id)
    const tester = await staffRequest(payload)
    expect(await failure(sendTestMail(tester, id, {}))).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 })
    expect(
      await failure(sendTestMail(tester, id, { persona: 'it-administration', subscriber: audience.ids[0] })),
    ).toMatchObject({ code: 'BAD_USER_INPUT' })
    expect(await failure(sendTestMail(tester, '999999', { persona: 'it-administration' }))).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await failure(sendTestMail(tester, id, { persona: 'gibt-es-nicht' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    })
    // Rendering for a real subscriber is for admins, as in the preview.
    expect(await failure(sendTestMail(tester, id, { subscriber: audience.ids[0] }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    const admin = await staffRequest(payload, 'admin')
    // Addressed by first name (informal): the subject shows whose mail this is.
    await payload.update({ collection: 'subscribers', data: { addressForm: 'informal' }, id: audience.ids[0] })
    const received = sink.messages.length
    const result = await sendTestMail(admin, id, { subscriber: audience.ids[0] })
    await sink.waitFor((message) => message.subject === result.subject)
    expect(result.subject).toContain('Person0')
    expect(
      sink.messages
        .slice(received)
        .every((message) => message.to && 'text' in message.to && message.to.text === admin.user!.email),
    ).toBe(true)
    expect(
      sink.messages.some((message) => message.to && 'text' in message.to && message.to.text === audience.emails[0]),
    ).toBe(false)

    const limit = campaignsOptions(payload).testSendsPerHour
    const busy = await staffRequest(payload)
    for (let sent = 0; sent < limit; sent++) await sendTestMail(busy, id, { persona: 'it-administration' })
    expect(await failure(sendTestMail(busy, id, { persona: 'it-administration' }))).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
    })
  })
})

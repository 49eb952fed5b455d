import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Campaign } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { CAMPAIGN_QUEUE } from '../defaults'
import { bounceWebhook } from '../endpoints/bounceWebhook'
import { campaignReport } from '../reporting/campaignReport'
import { prepareCampaign } from '../sending/prepareCampaign'
import { superviseCampaigns } from '../sending/watchdog'
import { runCampaignJobs, scheduleCampaign, staffRequest } from '../testing/runCampaign'
import { campaignAction } from './actions'

describe('campaign actions against a running worker', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest
  let admin: PayloadRequest
  let newsletter: number | string
  const mailsOf = (id: number | string) =>
    sink.messages.filter((mail) => mail.messageId?.startsWith(`<campaign-${id}.`))
  const load = async (id: number | string) =>
    (await payload.findByID({ collection: 'campaigns', depth: 0, id })) as Campaign

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload, sink } = world)
    admin = await staffRequest(payload, 'admin')
    newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
  }, 120_000)
  afterAll(() => world?.close())

  it('a campaign cancelled while its start job freezes the audience stays cancelled and sends nothing', async () => {
    // Two pages of the frozen audience (1,000 a page): the cancel falls between them.
    const audience = await createAudience(payload, { count: 1200, prefix: 'cancelprep-' })
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter })
    const scheduled = await load(campaign.id)
    // The start job is running (prepareCampaign); an editor cancels in between (after the first page is written).
    let cancelled = false
    await prepareCampaign(payload, scheduled, new Date(), async () => {
      if (cancelled) return
      cancelled = true
      await campaignAction(editor, String(campaign.id), 'cancel')
    })
    expect(cancelled).toBe(true)
    const after = await load(campaign.id)
    // The worker's supervision picks up every campaign that says "sending".
    await superviseCampaigns(payload)
    const settled = await runCampaignJobs(payload, campaign.id, 120_000)
    expect({ afterPrepare: after.status, finally: settled.status, mails: mailsOf(campaign.id).length }).toEqual({
      afterPrepare: 'cancelled',
      finally: 'cancelled',
      mails: 0,
    })
  })

  it('a campaign paused while its start job runs stays paused', async () => {
    const audience = await createAudience(payload, { count: 3, prefix: 'pauseprep-' })
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter })
    const scheduled = await load(campaign.id)
    let paused = false
    await prepareCampaign(payload, scheduled, new Date(), async () => {
      if (paused) return
      paused = true
      await campaignAction(editor, String(campaign.id), 'pause')
    })
    expect((await load(campaign.id)).status).toBe('paused')
  })

  it('resuming a paused campaign scheduled for tomorrow keeps its send time', async () => {
    const audience = await createAudience(payload, { count: 3, prefix: 'future-' })
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString()
    const campaign = await scheduleCampaign(payload, editor, {
      audience: audience.segment,
      newsletter,
      sendAt: tomorrow,
    })
    await campaignAction(editor, String(campaign.id), 'pause')
    const resumed = await campaignAction(editor, String(campaign.id), 'resume')
    await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    expect({ sendAt: new Date(resumed.sendAt!).toISOString(), mails: mailsOf(campaign.id).length }).toEqual({
      sendAt: tomorrow,
      mails: 0,
    })
  })

  it('a resume whose checks fail leaves the campaign paused (nothing changes when a check fails)', async () => {
    const audience = await createAudience(payload, { count: 2, prefix: 'emptyresume-' })
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString()
    const campaign = await scheduleCampaign(payload, editor, {
      audience: audience.segment,
      newsletter,
      sendAt: tomorrow,
    })
    await campaignAction(editor, String(campaign.id), 'pause')
    // The audience empties in the meantime.
    const { writeMembers } = await import('@kontorwerk/segments')
    await writeMembers(payload, audience.segment, [], { replace: true })
    await expect(campaignAction(editor, String(campaign.id), 'resume')).rejects.toThrow(/no members/)
    expect((await load(campaign.id)).status).toBe('paused')
  })

  it('a bounce reported for a variant mail is counted for that variant', async () => {
    const audience = await createAudience(payload, { count: 20, prefix: 'abbounce-' })
    const campaign = await scheduleCampaign(payload, editor, {
      abTest: {
        decideAfterHours: 1,
        holdoutPercent: 0,
        variants: [
          { key: 'A', share: 50, subject: 'A' },
          { key: 'B', share: 50, subject: 'B' },
        ],
        winnerMetric: 'unique_click_rate',
      },
      audience: audience.segment,
      newsletter,
    } as never)
    expect((await runCampaignJobs(payload, campaign.id)).status).toBe('done')
    const sends = await payload.find({
      collection: 'campaign-sends',
      depth: 0,
      limit: 1,
      where: { campaign: { equals: campaign.id }, variant: { equals: 'A' }, state: { equals: 'sent' } },
    })
    const request = Object.assign(admin, {
      json: async () => ({
        bounces: [{ kind: 'hard', messageId: sends.docs[0].messageId, reason: '550 no such user' }],
      }),
    })
    const response = await bounceWebhook.handler(request as never)
    expect(response.status).toBe(200)
    const report = await campaignReport(payload, String(campaign.id))
    expect(report.bounced).toBe(1)
    expect(report.variants.find((variant) => variant.variant === 'A')?.bounced).toBe(1)
  })
})

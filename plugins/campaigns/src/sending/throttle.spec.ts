import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { SmtpSink } from '../../../../tests/helpers/smtp'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'

describe('a throttle across send-job slices', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload, sink } = world)
  }, 120_000)
  afterAll(() => world?.close())

  it('6 messages per minute means at least 10 s between two messages, also across a job boundary', async () => {
    const newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
    const audience = await createAudience(payload, { count: 4, prefix: 'throttle-' })
    const times: number[] = []
    const campaign = await scheduleCampaign(payload, editor, {
      audience: audience.segment,
      newsletter,
      throttlePerMinute: 6,
    })
    const seen = new Set<string>()
    const watcher = setInterval(() => {
      for (const mail of sink.messages)
        if (mail.messageId?.startsWith(`<campaign-${campaign.id}.`) && !seen.has(mail.messageId)) {
          seen.add(mail.messageId)
          times.push(Date.now())
        }
    }, 20)
    try {
      expect((await runCampaignJobs(payload, campaign.id, 90_000)).status).toBe('done')
      for (let wait = 0; wait < 100 && seen.size < 4; wait++) await new Promise((resolve) => setTimeout(resolve, 50))
    } finally {
      clearInterval(watcher)
    }
    const gaps = times.slice(1).map((at, index) => Math.round((at - times[index]) / 1000))
    expect(gaps.length).toBe(3)
    // Every gap should be ~10 s; the message after the slice boundary (20 s) goes at once.
    console.log('gaps between messages (s):', gaps)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(9)
  }, 120_000)
})

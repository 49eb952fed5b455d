import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'

// Stands for a crash (or a database error) right after the send records were written and before the
// `email_sent` events are: the first campaign event write of this run fails once.
const failure = vi.hoisted(() => ({ armed: false }))
// The campaign sender writes its events through the core's entry, so the entry is what is mocked.
vi.mock('@kontorwerk/personalization', async (importOriginal) => {
  const original = await importOriginal<typeof import('@kontorwerk/personalization')>()
  return {
    ...original,
    recordEvents: async (...args: Parameters<typeof original.recordEvents>) => {
      const [, inputs, options] = args
      if (
        failure.armed &&
        options?.source === 'campaign' &&
        (inputs as { type?: string }[]).some((input) => input.type === 'email_sent')
      ) {
        failure.armed = false
        throw new Error('simulated crash before the email_sent events were written')
      }
      return original.recordEvents(...args)
    },
  }
})

describe('email_sent events after an interrupted batch', () => {
  let world: CampaignWorld
  let payload: Payload
  let editor: PayloadRequest

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload } = world)
  }, 120_000)
  afterAll(() => world?.close())

  it('every sent record has its email_sent event once the campaign is done', async () => {
    const newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
    const audience = await createAudience(payload, { count: 10, prefix: 'evt-' })
    failure.armed = true
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter })
    expect((await runCampaignJobs(payload, campaign.id, 90_000)).status).toBe('done')
    expect(failure.armed).toBe(false)
    const sent = await payload.count({
      collection: 'campaign-sends',
      where: { campaign: { equals: campaign.id }, state: { equals: 'sent' } },
    })
    const events = await payload.count({
      collection: 'events',
      where: { type: { equals: 'email_sent' }, eventId: { like: `campaign-sent:${campaign.id}:` } },
    })
    expect(sent.totalDocs).toBe(10)
    expect(events.totalDocs).toBe(sent.totalDocs)
  }, 120_000)

  it('control: without the interruption every sent record has its event', async () => {
    const newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
    const audience = await createAudience(payload, { count: 10, prefix: 'evtok-' })
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter })
    expect((await runCampaignJobs(payload, campaign.id, 90_000)).status).toBe('done')
    const events = await payload.count({
      collection: 'events',
      where: { type: { equals: 'email_sent' }, eventId: { like: `campaign-sent:${campaign.id}:` } },
    })
    expect(events.totalDocs).toBe(10)
  }, 120_000)
})

import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { writeAtomically } from '@kontorwerk/personalization'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { CAMPAIGN_QUEUE, SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK } from '../defaults'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'
import { campaignsOptions } from '../utilities/options'
import { campaignOf, openCampaignJobs } from './campaignJobs'
import { removeOldCampaignJobs, superviseCampaigns } from './watchdog'

describe('supervision of campaign jobs whose worker died', () => {
  let world: CampaignWorld
  let payload: Payload
  let editor: PayloadRequest

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload } = world)
  }, 120_000)
  afterAll(() => world?.close())

  it('replaces jobs silent for one lease (not three) with as many as the campaign runs, keeps beating ones, and deletes old failed rows', async () => {
    const { leaseSeconds, parallelJobs } = campaignsOptions(payload)
    const audience = await createAudience(payload, { count: 30, prefix: 'watchdog-' })
    const newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter })
    const id = String(campaign.id)
    await payload.jobs.run({ queue: CAMPAIGN_QUEUE, where: { taskSlug: { equals: START_CAMPAIGN_TASK } } })
    const sendJobs = async () =>
      (await openCampaignJobs(payload, SEND_CAMPAIGN_TASK)).filter((job) => campaignOf(job) === id)
    const queued = await sendJobs()
    expect(queued).toHaveLength(parallelJobs)

    // One worker took all of them and died: two last beat just over a lease ago, one (another worker's) half a lease ago.
    const now = new Date()
    const beatAt = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000)
    await writeAtomically(payload, {
      updates: queued.map((job, index) => ({
        collection: 'payload-jobs',
        data: { processing: true, updatedAt: index === 0 ? beatAt(leaseSeconds / 2) : beatAt(leaseSeconds + 1) },
        id: String(job.id),
      })),
    })
    await superviseCampaigns(payload, now)
    const after = await sendJobs()
    expect({
      failed: (
        await payload.count({
          collection: 'payload-jobs',
          where: { hasError: { equals: true }, id: { in: queued.map((job) => job.id) } },
        })
      ).totalDocs,
      kept: after.some((job) => job.id === queued[0].id),
      open: after.length,
    }).toEqual({ failed: parallelJobs - 1, kept: true, open: parallelJobs })
    // A second round (or another process's) adds nothing.
    await superviseCampaigns(payload, now)
    expect(await sendJobs()).toHaveLength(parallelJobs)

    // The failed rows stay for jobRetentionHours to look into, then go.
    const failedRows = { hasError: { equals: true }, taskSlug: { equals: SEND_CAMPAIGN_TASK } }
    await removeOldCampaignJobs(payload, now)
    expect((await payload.count({ collection: 'payload-jobs', where: failedRows })).totalDocs).toBe(parallelJobs - 1)
    const later = new Date(now.getTime() + (campaignsOptions(payload).jobRetentionHours + 1) * 3600 * 1000)
    await removeOldCampaignJobs(payload, later)
    expect((await payload.count({ collection: 'payload-jobs', where: failedRows })).totalDocs).toBe(0)
    expect(await sendJobs()).toHaveLength(parallelJobs)

    // The replacements send the campaign to the end, each recipient once.
    expect((await runCampaignJobs(payload, campaign.id)).status).toBe('done')
    const mails = world.sink.deliveries.filter((delivery) => delivery.messageId.startsWith(`<campaign-${id}.`))
    expect(new Set(mails.flatMap((mail) => mail.recipients)).size).toBe(30)
    expect(mails).toHaveLength(30)
  })
})

import type { Payload } from 'payload'

import { CAMPAIGNS, SEND_CAMPAIGN_TASK } from '../defaults'
import { campaignsOptions } from '../utilities/options'
import { queueSendJob } from './continueOrFinish'

/**
 * Payload's queue never takes back a job whose worker died (it stays `processing`). Sending does
 * not depend on it: every campaign that is sending but has no job waiting gets one, and the send
 * records' leases hand the dead worker's recipients to it. A job stuck in `processing` for longer
 * than any slice can take is marked failed, so the queue shows what happened.
 */
export async function superviseCampaigns(payload: Payload, now = new Date()): Promise<void> {
  const options = campaignsOptions(payload)
  const { docs: sending } = await payload.find({ collection: CAMPAIGNS as 'campaigns', depth: 0, limit: 0, pagination: false, select: { status: true }, where: { status: { equals: 'sending' } } })
  if (sending.length === 0) return
  const { docs: jobs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: 0,
    pagination: false,
    where: { completedAt: { exists: false }, hasError: { not_equals: true }, taskSlug: { equals: SEND_CAMPAIGN_TASK } },
  })
  const staleBefore = now.getTime() - 2 * (options.jobSliceSeconds + options.leaseSeconds) * 1000
  for (const job of jobs) {
    if (job.processing && new Date(job.updatedAt).getTime() < staleBefore) {
      await payload.update({ id: job.id, collection: 'payload-jobs', data: { error: { message: 'The worker running this job stopped' }, hasError: true, processing: false }, depth: 0 })
    }
  }
  const waiting = new Set(jobs.filter((job) => !job.processing).map((job) => String((job.input as { campaign?: unknown } | null)?.campaign)))
  for (const campaign of sending) if (!waiting.has(String(campaign.id))) await queueSendJob(payload, String(campaign.id))
}

import type { Payload } from 'payload'

import { writeAtomically } from '@kontorwerk/personalization'

import { advanceAutomations } from '../automation/advance'
import { sweepAutomations } from '../automation/triggers'
import { CAMPAIGN_SENDS, CAMPAIGNS, SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK } from '../defaults'
import { campaignsOptions } from '../utilities/options'
import { queueSendJob, queueStartJob } from './continueOrFinish'

/**
 * Payload's queue never takes back a job whose worker died (it stays `processing`). Campaign jobs
 * beat while they work (jobHeartbeat); one silent for three leases is marked failed, and every
 * campaign that is sending (or due to start) without a waiting or live job gets a new one. The
 * send records' leases hand the dead worker's recipients to it.
 */
export async function superviseCampaigns(payload: Payload, now = new Date()): Promise<void> {
  const options = campaignsOptions(payload)
  const { docs: campaigns } = await payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    select: { automation: true, sendAt: true, status: true },
    where: {
      or: [
        { status: { equals: 'sending' } },
        { and: [{ status: { equals: 'scheduled' } }, { sendAt: { less_than_equal: now.toISOString() } }] },
      ],
    },
  })
  if (campaigns.length === 0) return
  const { docs: jobs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: 0,
    pagination: false,
    where: {
      completedAt: { exists: false },
      hasError: { not_equals: true },
      taskSlug: { in: [SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK] },
    },
  })
  const staleBefore = now.getTime() - 3 * options.leaseSeconds * 1000
  const active = new Set<string>()
  for (const job of jobs) {
    const stale = job.processing && new Date(job.updatedAt).getTime() < staleBefore
    if (stale)
      await payload.update({
        id: job.id,
        collection: 'payload-jobs',
        data: { error: { message: 'The worker running this job stopped' }, hasError: true, processing: false },
        depth: 0,
      })
    else active.add(`${job.taskSlug}:${String((job.input as { campaign?: unknown } | null)?.campaign)}`)
  }
  for (const campaign of campaigns) {
    const id = String(campaign.id)
    // A start that died half-way is simply repeated: it reuses what it wrote.
    if (campaign.status === 'scheduled' && !active.has(`${START_CAMPAIGN_TASK}:${id}`)) await queueStartJob(payload, id)
    if (campaign.status !== 'sending' || active.has(`${SEND_CAMPAIGN_TASK}:${id}`)) continue
    // An automation step's campaign sends only when its runs have left something to send.
    if (
      campaign.automation &&
      (
        await payload.count({
          collection: CAMPAIGN_SENDS as 'campaign-sends',
          where: { campaign: { equals: id }, state: { equals: 'pending' } },
        })
      ).totalDocs === 0
    )
      continue
    await queueSendJob(payload, id)
  }
}

const SWEEP_EVERY_MS = 10 * 60 * 1000
const sweptAt = new WeakMap<Payload, number>()

/** Everything a worker does besides send jobs: due automation steps, state triggers (every ten minutes), job supervision. */
export async function superviseAll(payload: Payload, now = new Date()): Promise<void> {
  // Each part on its own: one failing automation must not stop the recovery of dead send jobs.
  const attempt = (what: string, run: () => Promise<unknown>) =>
    run().catch((error: unknown) => payload.logger.error({ err: error, msg: `${what} failed` }))
  if (now.getTime() - (sweptAt.get(payload) ?? 0) >= SWEEP_EVERY_MS) {
    sweptAt.set(payload, now.getTime())
    await attempt('Automation trigger sweep', () => sweepAutomations(payload, now))
  }
  await attempt('Automation steps', () => advanceAutomations(payload, now))
  await attempt('Campaign supervision', () => superviseCampaigns(payload, now))
}

/** Marks a campaign job alive (its `updatedAt`), called between batches and pages. */
export const jobHeartbeat = (payload: Payload, jobId: number | string) => () =>
  writeAtomically(payload, {
    updates: [{ collection: 'payload-jobs', data: { updatedAt: new Date() }, id: String(jobId) }],
  })

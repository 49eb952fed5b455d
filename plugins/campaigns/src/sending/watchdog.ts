import type { Payload } from 'payload'

import { aloneOnDatabase, writeAtomically } from '@kontorwerk/personalization'

import { advanceAutomations } from '../automation/advance'
import { sweepAutomations } from '../automation/triggers'
import { enrollAbandonedBrowsing } from '../automation/triggers/browseAbandoned'
import { enrollAbandonedCarts } from '../automation/triggers/cartAbandoned'
import { CAMPAIGN_SENDS, CAMPAIGNS, SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK } from '../defaults'
import { campaignsOptions } from '../utilities/options'
import { campaignOf, openCampaignJobs } from './campaignJobs'
import { queueSendJob, queueStartJob, sendJobsFor } from './continueOrFinish'

/**
 * Payload's queue never takes back a job whose worker died (it stays `processing`). Campaign jobs
 * beat while they run (keepJobAlive, several times a lease); one silent for a whole lease is marked
 * failed: its worker is gone, and so are its recipients' leases, which ran out by then too. Every
 * campaign that is sending gets back as many send jobs as it is meant to have (sendJobsFor), so
 * the parallelism survives a recovery; one due to start without a start job gets one.
 */
export async function superviseCampaigns(payload: Payload, now = new Date()): Promise<void> {
  const options = campaignsOptions(payload)
  const { docs: campaigns } = await payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    select: { automation: true, sendAt: true, status: true, throttlePerMinute: true },
    where: {
      or: [
        { status: { equals: 'sending' } },
        { and: [{ status: { equals: 'scheduled' } }, { sendAt: { less_than_equal: now.toISOString() } }] },
      ],
    },
  })
  if (campaigns.length === 0) return
  const staleBefore = now.getTime() - options.leaseSeconds * 1000
  const live = new Map<string, number>()
  for (const job of await openCampaignJobs(payload)) {
    if (job.processing && new Date(job.updatedAt).getTime() < staleBefore) {
      await payload.update({
        id: job.id,
        collection: 'payload-jobs',
        data: { error: { message: 'The worker running this job stopped' }, hasError: true, processing: false },
        depth: 0,
      })
      continue
    }
    const key = `${job.taskSlug}:${campaignOf(job)}`
    live.set(key, (live.get(key) ?? 0) + 1)
  }
  for (const campaign of campaigns) {
    const id = String(campaign.id)
    // A start that died half-way is simply repeated: it reuses what it wrote.
    if (campaign.status === 'scheduled' && !live.has(`${START_CAMPAIGN_TASK}:${id}`)) await queueStartJob(payload, id)
    if (campaign.status !== 'sending') continue
    const missing = sendJobsFor(campaign, options) - (live.get(`${SEND_CAMPAIGN_TASK}:${id}`) ?? 0)
    if (missing <= 0) continue
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
    for (let index = 0; index < missing; index++) await queueSendJob(payload, id)
  }
}

/**
 * Campaign job rows Payload keeps: failed ones (a dead worker's, or out of retries) and, should the
 * host keep finished jobs (`jobs.deleteJobOnComplete: false`), completed ones. Kept for
 * `jobRetentionHours` to look into, then deleted, so `payload_jobs` does not grow with every send.
 */
export async function removeOldCampaignJobs(payload: Payload, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - campaignsOptions(payload).jobRetentionHours * 3600 * 1000).toISOString()
  await payload.delete({
    collection: 'payload-jobs',
    depth: 0,
    where: {
      and: [
        { taskSlug: { in: [SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK] } },
        { updatedAt: { less_than: before } },
        { or: [{ hasError: { equals: true } }, { completedAt: { exists: true } }] },
      ],
    },
  })
}

const SWEEP_EVERY_MS = 10 * 60 * 1000
const CLEANUP_EVERY_MS = 60 * 60 * 1000
const sweptAt = new WeakMap<Payload, number>()
const cleanedAt = new WeakMap<Payload, number>()

/** Everything a worker does besides send jobs: due automation steps, state triggers (every ten minutes), job supervision. */
export async function superviseAll(payload: Payload, now = new Date()): Promise<void> {
  // Each part on its own: one failing automation must not stop the recovery of dead send jobs.
  const attempt = (what: string, run: () => Promise<unknown>) =>
    run().catch((error: unknown) => payload.logger.error({ err: error, msg: `${what} failed` }))
  if (now.getTime() - (sweptAt.get(payload) ?? 0) >= SWEEP_EVERY_MS) {
    sweptAt.set(payload, now.getTime())
    await attempt('Automation trigger sweep', () => sweepAutomations(payload, now))
  }
  // Cart and browse reminders are due within the hour they were set for: checked every round, not in the ten-minute sweep.
  await attempt('Abandoned cart trigger', () => enrollAbandonedCarts(payload, now))
  await attempt('Abandoned browse trigger', () => enrollAbandonedBrowsing(payload, now))
  await attempt('Automation steps', () => advanceAutomations(payload, now))
  // Several processes supervise the same database: two at once would both replace a dead job's work, so
  // the others skip this round. On SQLite (one machine's file) supervising twice at once is unlikely
  // and harmless beyond an extra job (continueOrFinish lets surplus jobs end).
  await attempt('Campaign supervision', () =>
    aloneOnDatabase(payload, SUPERVISION_LOCK, () => superviseCampaigns(payload, now)),
  )
  if (now.getTime() - (cleanedAt.get(payload) ?? 0) >= CLEANUP_EVERY_MS) {
    cleanedAt.set(payload, now.getTime())
    await attempt('Campaign job cleanup', () => removeOldCampaignJobs(payload, now))
  }
}

/** Any 64-bit number, the same in every process: "superv" in ASCII. */
const SUPERVISION_LOCK = 0x737570657276

/** Marks a campaign job alive (its `updatedAt`). */
export const jobHeartbeat = (payload: Payload, jobId: number | string) => () =>
  writeAtomically(payload, {
    updates: [{ collection: 'payload-jobs', data: { updatedAt: new Date() }, id: String(jobId) }],
  })

/**
 * Beats for a running campaign job three times a lease, whatever it is doing (a long batch, a large
 * page of the audience), so supervision can take a job silent for one lease as dead without taking
 * a slow one for dead. Returns the function that stops the beat.
 */
export function keepJobAlive(payload: Payload, jobId: number | string): () => void {
  const beat = jobHeartbeat(payload, jobId)
  const timer = setInterval(
    () => void beat().catch((error: unknown) => payload.logger.warn({ err: error, msg: 'Job heartbeat failed' })),
    Math.max(200, (campaignsOptions(payload).leaseSeconds * 1000) / 3),
  )
  return () => clearInterval(timer)
}

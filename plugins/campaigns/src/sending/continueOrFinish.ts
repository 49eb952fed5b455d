import type { Payload, PayloadRequest } from 'payload'

import { emitWebhookEvent, recordEvents, relationKey, writeAtomically } from '@kontorwerk/personalization'

import type { Campaign } from '../documents'
import type { ResolvedCampaignsOptions } from '../types'

import { CAMPAIGN_QUEUE, CAMPAIGN_SENDS, CAMPAIGNS, SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK } from '../defaults'
import { moveCampaign } from '../utilities/campaignStatus'
import { campaignOf, openCampaignJobs } from './campaignJobs'
import { sentEventId } from './sendBatch'

const EVENT_PAGE = 200

/** How many send jobs a campaign runs at once: a throttled campaign is paced by one, others by `parallelJobs`. */
export const sendJobsFor = (campaign: Pick<Campaign, 'throttlePerMinute'>, options: ResolvedCampaignsOptions) =>
  campaign.throttlePerMinute ? 1 : Math.max(1, options.parallelJobs)

/**
 * After a send job: more to claim now → the next job at once; only recipients held by another
 * worker or waiting for a retry → a job that wakes when the first lease ends or retry is due;
 * nothing pending → the campaign is done. A job whose campaign already has its full number of
 * other open jobs (supervision replaced it while it was slow) ends without a successor.
 */
export async function continueOrFinish(
  payload: Payload,
  campaignId: string,
  options: ResolvedCampaignsOptions,
  jobId?: number | string,
): Promise<void> {
  const campaign = await payload.findByID({
    id: campaignId,
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    disableErrors: true,
  })
  if (campaign?.status !== 'sending') return
  const now = new Date()
  const pending = { campaign: { equals: campaignId }, state: { equals: 'pending' } }
  const { totalDocs } = await payload.count({ collection: CAMPAIGN_SENDS as 'campaign-sends', where: pending })
  // An automation step's campaign is never done: its runs add recipients while the automation is active.
  if (totalDocs === 0) return campaign.automation ? undefined : finishCampaign(payload, campaignId)
  if (jobId != null) {
    const others = (await openCampaignJobs(payload, SEND_CAMPAIGN_TASK)).filter(
      (job) => String(job.id) !== String(jobId) && campaignOf(job) === campaignId,
    )
    if (others.length >= sendJobsFor(campaign, options)) return
  }
  if (totalDocs > (await countHeldOrWaiting(payload, campaignId, now))) {
    await queueSendJob(payload, campaignId)
    return
  }
  const [leased, waiting] = await Promise.all(
    (['leaseUntil', 'nextAttemptAt'] as const).map(async (field) => {
      const { docs } = await payload.find({
        collection: CAMPAIGN_SENDS as 'campaign-sends',
        depth: 0,
        limit: 1,
        select: { [field]: true },
        sort: field,
        where: { ...pending, [field]: { greater_than: now.toISOString() } },
      })
      return docs[0]?.[field] ? new Date(docs[0][field] as string).getTime() : Infinity
    }),
  )
  await queueSendJob(
    payload,
    campaignId,
    new Date(Math.min(leased, waiting, now.getTime() + options.leaseSeconds * 1000)),
  )
}

async function countHeldOrWaiting(payload: Payload, campaignId: string, now: Date): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: CAMPAIGN_SENDS as 'campaign-sends',
    where: {
      and: [
        { campaign: { equals: campaignId } },
        { state: { equals: 'pending' } },
        {
          or: [
            { leaseUntil: { greater_than: now.toISOString() } },
            { nextAttemptAt: { greater_than: now.toISOString() } },
          ],
        },
      ],
    },
  })
  return totalDocs
}

// Declared Promise<void>: the queued job's inferred type names Payload internals a package's declarations cannot reach.
export async function queueStartJob(
  payload: Payload,
  campaignId: string,
  waitUntil?: Date,
  req?: PayloadRequest,
): Promise<void> {
  await payload.jobs.queue({
    input: { campaign: campaignId },
    queue: CAMPAIGN_QUEUE,
    req,
    task: START_CAMPAIGN_TASK,
    waitUntil,
  })
}

export async function queueSendJob(payload: Payload, campaignId: string, waitUntil?: Date): Promise<void> {
  await payload.jobs.queue({
    input: { campaign: campaignId },
    queue: CAMPAIGN_QUEUE,
    task: SEND_CAMPAIGN_TASK,
    waitUntil,
  })
}

/**
 * Done: every recipient is settled. Sends whose event was not written (a crash between the
 * server's answer and the event) get it now; event ids are fixed per recipient, so none doubles.
 */
async function finishCampaign(payload: Payload, campaignId: string) {
  for (;;) {
    const { docs } = await payload.find({
      collection: CAMPAIGN_SENDS as 'campaign-sends',
      depth: 0,
      limit: EVENT_PAGE,
      pagination: false,
      where: { campaign: { equals: campaignId }, eventRecorded: { not_equals: true }, state: { equals: 'sent' } },
    })
    if (docs.length === 0) break
    await recordEvents(
      payload,
      docs.map((doc) => ({
        id: sentEventId(doc.sendKey),
        occurredAt: doc.sentAt ?? undefined,
        properties: { campaign: campaignId, channel: 'email', message: doc.messageId ?? undefined },
        subscriber: relationKey(doc.subscriber),
        type: 'email_sent',
      })),
      { partial: true, source: 'campaign' },
    )
    await writeAtomically(payload, {
      updates: docs.map((doc) => ({ collection: CAMPAIGN_SENDS, data: { eventRecorded: true }, id: String(doc.id) })),
    })
  }
  const finishedAt = new Date()
  if (await moveCampaign(payload, campaignId, ['sending'], { finishedAt, status: 'done' }))
    await campaignSentWebhook(payload, campaignId, finishedAt)
}

/**
 * The `campaign_sent` webhook event (issue 21): the campaign and how many mails went out, no recipients.
 * Its id is the campaign's: a finish that runs twice queues one delivery per webhook.
 */
async function campaignSentWebhook(payload: Payload, campaignId: string, finishedAt: Date) {
  const { totalDocs: sent } = await payload.count({
    collection: CAMPAIGN_SENDS as 'campaign-sends',
    where: { campaign: { equals: campaignId }, state: { equals: 'sent' } },
  })
  const campaign = await payload.findByID({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    disableErrors: true,
    id: campaignId,
    select: { name: true },
  })
  await emitWebhookEvent(payload, {
    data: { campaign: campaignId, name: campaign?.name ?? null, sent },
    id: `campaign-sent:${campaignId}`,
    occurredAt: finishedAt.toISOString(),
    type: 'campaign_sent',
  })
}

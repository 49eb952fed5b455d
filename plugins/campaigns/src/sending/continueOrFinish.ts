import type { Payload, PayloadRequest } from 'payload'

import { recordEvents, relationKey, writeAtomically } from '@kontorwerk/personalization'

import type { ResolvedCampaignsOptions } from '../types'

import { CAMPAIGN_QUEUE, CAMPAIGN_SENDS, CAMPAIGNS, SEND_CAMPAIGN_TASK, START_CAMPAIGN_TASK } from '../defaults'
import { moveCampaign } from '../utilities/campaignStatus'
import { sentEventId } from './sendBatch'

const EVENT_PAGE = 200

/**
 * After a send job: more to claim now → the next job at once; only recipients held by another
 * worker or waiting for a retry → a job that wakes when the first lease ends or retry is due;
 * nothing pending → the campaign is done.
 */
export async function continueOrFinish(
  payload: Payload,
  campaignId: string,
  options: ResolvedCampaignsOptions,
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
  await moveCampaign(payload, campaignId, ['sending'], { finishedAt: new Date(), status: 'done' })
}

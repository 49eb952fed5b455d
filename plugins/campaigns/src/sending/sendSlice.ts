import type { Payload } from 'payload'

import { recipientRenderer, relationKey } from '@kontorwerk/personalization'

import type { Campaign } from '../documents'
import type { ResolvedCampaignsOptions } from '../types'

import { quietHoursFor } from '../automation/sendTiming'
import { CAMPAIGN_SENDS, CAMPAIGNS } from '../defaults'
import { pauseWithReason } from '../utilities/campaignStatus'
import { CampaignProblem, sendBatch } from './sendBatch'
import { claimRecipients } from './sendRecords'
import { isStopping } from './shutdown'
import { SmtpLanes, SmtpUnavailableError } from './smtpLanes'
import { throttle } from './throttle'

const loadCampaign = (payload: Payload, id: string) =>
  payload
    .findByID({ id, collection: CAMPAIGNS as 'campaigns', depth: 0, disableErrors: true })
    .catch(() => null) as Promise<Campaign | null>

/**
 * A send job's work: claim a batch, send it, repeat until the slice's time is up or nothing is
 * left to claim (or the worker is stopping: see stopSending). The campaign is re-read before every batch, so a pause or cancel takes effect
 * within one batch, and a campaign that cannot be sent (SMTP down, newsletter broken) is paused
 * with the reason instead of failing recipient by recipient.
 */
export async function sendSlice(
  payload: Payload,
  campaignId: string,
  options: ResolvedCampaignsOptions,
  { sliceMs = options.jobSliceSeconds * 1000 }: { sliceMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + sliceMs
  const first = await loadCampaign(payload, campaignId)
  if (first?.status !== 'sending') return
  const settings = options.smtp ? { secure: false, ...options.smtp } : null
  if (!settings) {
    await pauseWithReason(payload, campaignId, 'No SMTP server is configured (SMTP_HOST)')
    return
  }
  const newsletterId = relationKey(first.newsletter)
  const newsletter = newsletterId
    ? await payload
        .findByID({ id: newsletterId, collection: 'newsletters', depth: 0, disableErrors: true })
        .catch(() => null)
    : null
  if (!newsletter) {
    await pauseWithReason(payload, campaignId, 'The newsletter of this campaign no longer exists')
    return
  }
  const lanes = new SmtpLanes(settings, options.smtpConnections)
  const pace = throttle(first.throttlePerMinute, first.throttlePerMinute ? await lastSentAt(payload, campaignId) : null)
  try {
    const renderer = await recipientRenderer(payload, newsletter, new Date())
    const quietHours = await quietHoursFor(payload, first)
    let campaign: Campaign | null = first
    while (campaign?.status === 'sending' && Date.now() < deadline && !isStopping(payload)) {
      const limit = first.throttlePerMinute
        ? Math.max(1, Math.min(options.batchSize, Math.ceil(first.throttlePerMinute / 6)))
        : options.batchSize
      const { claim, recipients } = await claimRecipients(payload, campaignId, {
        leaseSeconds: options.leaseSeconds,
        limit,
        now: new Date(),
      })
      if (recipients.length === 0) break
      await sendBatch(
        { campaign, lanes, newsletter, options, payload, quietHours, renderer, throttle: pace },
        claim,
        recipients,
      )
      campaign = await loadCampaign(payload, campaignId)
    }
  } catch (error) {
    if (error instanceof SmtpUnavailableError || error instanceof CampaignProblem) {
      await pauseWithReason(payload, campaignId, error.message)
      return
    }
    throw error
  } finally {
    lanes.close()
  }
}

/** When the campaign's latest message went out (to keep a throttle's pace from one job to the next). */
async function lastSentAt(payload: Payload, campaignId: string): Promise<Date | null> {
  const { docs } = await payload.find({
    collection: CAMPAIGN_SENDS as 'campaign-sends',
    depth: 0,
    limit: 1,
    select: { sentAt: true },
    sort: '-sentAt',
    where: { campaign: { equals: campaignId }, sentAt: { exists: true } },
  })
  return docs[0]?.sentAt ? new Date(docs[0].sentAt) : null
}

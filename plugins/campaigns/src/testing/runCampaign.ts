import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'

import { idFromKey, personalizationOptions } from '@kontorwerk/personalization'

import type { Campaign } from '../documents'

import { needsApproval } from '../approval/approvalCheck'
import { approveCampaign } from '../approval/approve'
import { CAMPAIGN_QUEUE, CAMPAIGNS } from '../defaults'
import { expectedRecipients } from '../sending/campaignAudience'
import { campaignAction } from '../utilities/actions'

/** A request as a staff member (of the host's staff collection, option usersSlug), for the campaign actions. */
export async function staffRequest(
  payload: Payload,
  role: 'admin' | 'approver' | 'editor' = 'editor',
): Promise<PayloadRequest> {
  const { usersSlug } = personalizationOptions(payload)
  const user = await payload.create({
    collection: usersSlug as 'users',
    data: {
      email: `${role}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
      password: 'test-password-123',
      // The generated user type learns the approver role with the next `npm run generate`.
      role: role as 'admin',
    },
  })
  return createLocalReq({ user: { ...user, collection: usersSlug as 'users' } }, payload)
}

/** Runs the campaign queue in this process until the campaign settles (done, paused or cancelled). */
export async function runCampaignJobs(payload: Payload, id: number | string, timeoutMs = 60_000): Promise<Campaign> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    const campaign = (await payload.findByID({ id, collection: CAMPAIGNS as 'campaigns', depth: 0 })) as Campaign
    if (['cancelled', 'done', 'paused'].includes(campaign.status)) return campaign
    if (Date.now() > deadline) throw new Error(`Campaign ${id} still ${campaign.status} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Creates a draft campaign and schedules it now; a large one is first approved by a second person (an approver of its own). */
export async function scheduleCampaign(
  payload: Payload,
  req: PayloadRequest,
  data: Omit<Partial<Campaign>, 'audience' | 'newsletter'> & { audience: number | string; newsletter: number | string },
) {
  const ids = {
    audience: idFromKey(payload, String(data.audience)),
    newsletter: idFromKey(payload, String(data.newsletter)),
  }
  const campaign = await payload.create({
    collection: CAMPAIGNS as 'campaigns',
    data: { channel: 'email', name: `Kampagne ${Date.now()}`, ...data, ...ids } as never,
  })
  if (needsApproval(payload, (await expectedRecipients(payload, campaign as Campaign)).recipients))
    await approveCampaign(await staffRequest(payload, 'approver'), String(campaign.id))
  await campaignAction(req, String(campaign.id), 'schedule')
  return campaign as Campaign
}

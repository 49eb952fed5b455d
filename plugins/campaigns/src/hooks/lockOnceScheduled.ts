import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook } from 'payload'

import { APIError } from 'payload'

/** Set by the campaign actions, which alone move the status (and may touch a scheduled campaign). */
export const CAMPAIGN_ACTION = 'campaignAction'

const EDITABLE = ['draft', 'paused']

/**
 * Once scheduled, a campaign's content is what the recipients get: it changes only while it is a
 * draft or paused (e.g. to fix the newsletter the worker paused it for), never under a running send.
 */
export const lockOnceScheduled: CollectionBeforeChangeHook = ({ context, operation, originalDoc }) => {
  if (operation !== 'update' || context[CAMPAIGN_ACTION]) return
  const status = String(originalDoc?.status ?? 'draft')
  if (!EDITABLE.includes(status)) {
    throw new APIError(`A ${status} campaign cannot be edited; pause or cancel it first.`, 409, undefined, true)
  }
}

/** A campaign that is scheduled, sending or paused cannot be deleted: its send records and report would be orphaned. Cancel it first. */
export const keepRunningCampaigns: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const campaign = await req.payload.findByID({
    id,
    collection: 'campaigns',
    depth: 0,
    disableErrors: true,
    req,
    select: { status: true },
  })
  if (campaign && ['paused', 'scheduled', 'sending'].includes(campaign.status))
    throw new APIError(`A ${campaign.status} campaign cannot be deleted; cancel it first.`, 409, undefined, true)
}

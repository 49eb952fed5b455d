import type { Payload, PayloadRequest } from 'payload'

import { CodedError, isPossibleId, requireStaff } from '@kontorwerk/personalization'
import { segmentCount } from '@kontorwerk/segments'

import type { Campaign } from '../documents'

import { requireApproval } from '../approval/approvalCheck'
import { CAMPAIGN_SENDS, CAMPAIGNS } from '../defaults'
import { expectedRecipients } from '../sending/campaignAudience'
import { queueSendJob, queueStartJob } from '../sending/continueOrFinish'
import { cancelPendingRecords } from '../sending/sendRecords'
import { setCampaignStatus } from './campaignStatus'
import { campaignsOptions } from './options'
import { readinessProblems } from './readiness'
import { CONFIRMATION_STATUS, confirmationProblem, readConfirmation } from './sendConfirmation'

export type CampaignAction = 'cancel' | 'pause' | 'resume' | 'schedule'

/** How far ahead a campaign may be scheduled, and how late "now" may be given. */
const MAX_AHEAD_MS = 366 * 24 * 3600 * 1000
const PAST_TOLERANCE_MS = 5 * 60 * 1000
const LOCAL_TIME_LEAD_MS = 14 * 3600 * 1000

/** Recipients of a started campaign not reached yet: whom a resume would still send to. */
export async function pendingRecipients(req: PayloadRequest, campaignId: number | string): Promise<number> {
  const { totalDocs } = await req.payload.count({
    collection: CAMPAIGN_SENDS as 'campaign-sends',
    req,
    where: { campaign: { equals: campaignId }, state: { equals: 'pending' } },
  })
  return totalDocs
}

export async function loadCampaign(req: PayloadRequest, id: string): Promise<Campaign> {
  const campaign = isPossibleId(req.payload, id)
    ? await req.payload.findByID({ id, collection: CAMPAIGNS as 'campaigns', depth: 0, disableErrors: true, req })
    : null
  if (!campaign) throw new CodedError('NOT_FOUND', `Campaign ${id} not found`)
  return campaign as Campaign
}

const refuse = (campaign: Campaign, action: CampaignAction) => {
  throw new CodedError(
    'FAILED_PRECONDITION',
    `A ${campaign.status} campaign cannot be ${{ cancel: 'cancelled', pause: 'paused', resume: 'resumed', schedule: 'scheduled' }[action]}`,
  )
}

/**
 * Schedules a draft: every check the worker makes later is made now, so an editor learns of an
 * empty or missing audience, a slot without fallback, an unusable time or a missing SMTP server
 * before anything is queued. Nothing changes when a check fails.
 */
async function schedule(
  req: PayloadRequest,
  campaign: Campaign,
  sendAt?: null | string,
  /** The recipients the confirmation just counted in this request: one walk of the gate, not two. */
  counted?: number,
): Promise<Campaign> {
  const when = sendAt ?? campaign.sendAt ?? null
  const at = when ? new Date(when) : new Date()
  if (Number.isNaN(at.getTime())) throw new CodedError('BAD_USER_INPUT', `"${when}" is not a date-time`)
  if (at.getTime() < Date.now() - PAST_TOLERANCE_MS)
    throw new CodedError('BAD_USER_INPUT', `The send time ${at.toISOString()} is in the past`)
  if (at.getTime() > Date.now() + MAX_AHEAD_MS)
    throw new CodedError('BAD_USER_INPUT', 'The send time is more than a year ahead')
  const problems = await readinessProblems(req.payload, campaign)
  if (problems.length)
    throw new CodedError('FAILED_PRECONDITION', problems.map((problem) => problem.message).join('; '), { problems })
  const members = await segmentCount(req.payload, String(campaign.audience), new Date(), req)
  if (members === 0)
    throw new CodedError('FAILED_PRECONDITION', 'The audience segment has no members', {
      problems: [{ code: 'AUDIENCE_EMPTY', message: 'The audience segment has no members' }],
    })
  // Four-eyes principle: a large audience goes out only with a second person's approval that still holds.
  await requireApproval(req, campaign, counted ?? (await expectedRecipients(req.payload, campaign)).recipients)
  const updated = await setCampaignStatus(
    req.payload,
    campaign.id,
    { sendAt: at.toISOString(), status: 'scheduled' },
    req,
  )
  // In local time the first zones (UTC+14) reach the planned clock time up to 13 hours before Berlin does.
  const startAt = campaign.localTime ? new Date(Math.max(Date.now(), at.getTime() - LOCAL_TIME_LEAD_MS)) : at
  await queueStartJob(req.payload, String(campaign.id), startAt, req)
  return updated as Campaign
}

/** Runs one action on a campaign for a staff member (REST, GraphQL and the admin buttons all come here). */
/**
 * `confirmation`: what the editor confirmed in the send dialog (see sendConfirmation.ts). Required
 * for a schedule that comes over REST or GraphQL; the Local API is trusted server code (as with
 * Payload's overrideAccess) and is checked only when it passes one.
 */
export type ActionInput = { confirmation?: unknown; sendAt?: null | string }

export async function campaignAction(
  req: PayloadRequest,
  id: string,
  action: CampaignAction,
  input: ActionInput = {},
): Promise<Campaign> {
  requireStaff(req)
  const campaign = await loadCampaign(req, id)
  const { payload } = req
  // An automation's step campaign follows its automation (active: sending, inactive: paused).
  if (campaign.automation)
    throw new CodedError(
      'FAILED_PRECONDITION',
      `This campaign sends a step of automation ${String(campaign.automation)}: switch the automation on or off instead`,
    )
  switch (action) {
    case 'schedule':
      if (campaign.status !== 'draft') refuse(campaign, action)
      return schedule(
        req,
        campaign,
        input.sendAt,
        req.payloadAPI !== 'local' || input.confirmation !== undefined
          ? await requireConfirmation(req, campaign, input.confirmation)
          : undefined,
      )
    case 'pause':
      if (!['scheduled', 'sending'].includes(campaign.status)) refuse(campaign, action)
      return (await setCampaignStatus(
        payload,
        campaign.id,
        { status: 'paused', statusReason: `Paused by ${req.user.email ?? 'staff'}` },
        req,
      )) as Campaign
    case 'resume': {
      if (campaign.status !== 'paused') refuse(campaign, action)
      // Paused before all its recipients were written (`startedAt` comes last): schedule it again, checks
      // and all, at its own time if that is still ahead; the start keeps what was written.
      if (!campaign.startedAt) {
        // Its audience may have been edited while paused: the count confirmed then no longer holds,
        // so a resume that starts it again needs a fresh confirmation, like the first schedule.
        const counted =
          req.payloadAPI !== 'local' || input.confirmation !== undefined
            ? await requireConfirmation(req, campaign, input.confirmation)
            : undefined
        const ahead = campaign.sendAt && new Date(campaign.sendAt).getTime() > Date.now()
        return schedule(req, campaign, ahead ? campaign.sendAt : new Date().toISOString(), counted)
      }
      const problems = (await readinessProblems(payload, campaign)).filter(
        (problem) => problem.code !== 'AUDIENCE_MISSING',
      )
      if (problems.length)
        throw new CodedError('FAILED_PRECONDITION', problems.map((problem) => problem.message).join('; '), { problems })
      // An edit while paused voided the approval: the recipients still waiting would get unapproved content.
      await requireApproval(req, campaign, await pendingRecipients(req, campaign.id), { started: true })
      const updated = await setCampaignStatus(payload, campaign.id, { status: 'sending' }, req)
      await queueSendJob(payload, String(campaign.id))
      return updated as Campaign
    }
    case 'cancel': {
      if (['cancelled', 'done'].includes(campaign.status)) refuse(campaign, action)
      const updated = await setCampaignStatus(
        payload,
        campaign.id,
        { finishedAt: new Date(), status: 'cancelled', statusReason: `Cancelled by ${req.user.email ?? 'staff'}` },
        req,
      )
      await cancelPending(payload, String(campaign.id), req)
      return updated as Campaign
    }
  }
}

/**
 * Counts the recipients again as the dialog did and refuses, changing nothing, unless the editor
 * confirmed that count (and typed it or the name above the threshold). Readiness problems come
 * first, so an unready campaign is refused for the reason that matters. Returns the count.
 */
async function requireConfirmation(req: PayloadRequest, campaign: Campaign, input: unknown): Promise<number> {
  const problems = await readinessProblems(req.payload, campaign)
  if (problems.length)
    throw new CodedError('FAILED_PRECONDITION', problems.map((problem) => problem.message).join('; '), { problems })
  const confirmation = readConfirmation(input)
  if (input != null && !confirmation)
    throw new CodedError('BAD_USER_INPUT', 'confirmation must be { recipients: <whole number ≥ 0>, typed?: <text> }')
  const expected = await expectedRecipients(req.payload, campaign)
  const threshold = campaignsOptions(req.payload).typedConfirmationFrom
  const problem = confirmationProblem(expected.recipients, campaign.name, confirmation, threshold)
  if (problem)
    throw new CodedError(
      problem.code,
      problem.message,
      { recipients: expected.recipients, threshold },
      CONFIRMATION_STATUS[problem.code],
    )
  return expected.recipients
}

/** Recipients not reached yet are marked cancelled, so reports tell them apart from those skipped by the gate. */
export async function cancelPending(payload: Payload, campaignId: string, req?: PayloadRequest) {
  for (;;) {
    const { docs } = await payload.find({
      collection: CAMPAIGN_SENDS as 'campaign-sends',
      depth: 0,
      limit: 500,
      pagination: false,
      req,
      select: {},
      where: { campaign: { equals: campaignId }, state: { equals: 'pending' } },
    })
    if (docs.length === 0) return
    await cancelPendingRecords(
      payload,
      docs.map((doc) => String(doc.id)),
      'campaign cancelled',
    )
  }
}

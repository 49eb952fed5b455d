import type { Payload, PayloadRequest } from 'payload'

import { CodedError, relationKey, relationKeys } from '@kontorwerk/personalization'

import type { Approval, Campaign } from '../documents'

import { campaignsOptions } from '../utilities/options'
import { allowedDrift } from '../utilities/sendConfirmation'

/** Why a send needs an approval it does not have: none yet, or one that no longer holds. */
export type ApprovalProblem = {
  code: 'APPROVAL_OUTDATED' | 'APPROVAL_REQUIRED'
  message: string
}

/** Whether an audience of this size needs a second person's approval (option approvalAbove). */
export const needsApproval = (payload: Pick<Payload, 'collections'>, recipients: number) => {
  const above = campaignsOptions(payload).approvalAbove
  return above !== false && recipients > above
}

const relationIdOf = (relation: unknown) =>
  relation && typeof relation === 'object'
    ? String((relation as { id: unknown }).id)
    : relation == null
      ? null
      : String(relation)

/** The id of the staff member a relation names (stored id or populated user). */
export const staffIdOf = relationIdOf

/** When the approval was given; a save after it changed what was approved. */
const changedSince = (updatedAt: null | string | undefined, approvedAt: number) =>
  Boolean(updatedAt) && new Date(updatedAt!).getTime() > approvedAt

/**
 * What the approved send is made of besides the campaign itself, changed since the approval: the
 * newsletter, any content block it can render (its slots pick from the blocks of the campaign's
 * channel; A/B variants pin blocks), and the audience and exclusion segments (their rules decide
 * who gets it). A superset on purpose: which block a slot takes is decided per reader at send
 * time, so any block the send could take counts. Null when nothing changed.
 */
async function changedContent(
  req: PayloadRequest,
  campaign: CheckedCampaign,
  approvedAt: number,
  started: boolean,
): Promise<null | string> {
  const { payload } = req
  const newsletterId = relationKey(campaign.newsletter as never)
  const newsletter = newsletterId
    ? await payload.findByID({
        id: newsletterId,
        collection: 'newsletters',
        depth: 0,
        disableErrors: true,
        req,
        select: { updatedAt: true },
      })
    : null
  if (changedSince(newsletter?.updatedAt, approvedAt)) return 'The newsletter was changed after the approval'
  const since = new Date(approvedAt).toISOString()
  const pinned = (campaign.abTest?.variants ?? []).map((variant) => relationKey(variant.block as never)).filter(Boolean)
  const blocks = await payload.count({
    collection: 'content-blocks',
    req,
    where: {
      and: [
        { updatedAt: { greater_than: since } },
        {
          or: [{ channels: { in: [campaign.channel] } }, ...(pinned.length ? [{ id: { in: pinned } }] : [])],
        },
      ],
    },
  })
  if (blocks.totalDocs > 0)
    return `${blocks.totalDocs} content block(s) the newsletter can show were changed after the approval`
  // Once started, the recipients are written: the segments no longer decide who gets it.
  const segments = started
    ? []
    : [relationKey(campaign.audience as never), ...relationKeys(campaign.exclusions as never)].filter(Boolean)
  const changedSegments = segments.length
    ? await payload.count({
        collection: 'segments' as never,
        req,
        where: { and: [{ id: { in: segments } }, { updatedAt: { greater_than: since } }] },
      })
    : { totalDocs: 0 }
  if (changedSegments.totalDocs > 0) return 'The audience or an exclusion segment was changed after the approval'
  return null
}

/** What the check reads of a campaign. */
export type CheckedCampaign = Pick<Campaign, 'approval' | 'channel' | 'name' | 'newsletter'> &
  Partial<Pick<Campaign, 'abTest' | 'audience' | 'exclusions'>>

/**
 * What stands between this send and its approval, or null. An approval holds for the campaign as
 * it was (any edit of the campaign clears it, see trackEdits), for its content and audience as
 * they were then (see changedContent), and for about the audience it counted: an audience that
 * grew by more than the confirmation's drift (5 %) since needs a new look. `started`: a resume,
 * whose recipients are already written.
 */
export async function approvalProblem(
  req: PayloadRequest,
  campaign: CheckedCampaign,
  recipients: number,
  { started = false }: { started?: boolean } = {},
): Promise<ApprovalProblem | null> {
  if (!needsApproval(req.payload, recipients)) return null
  const approval: Approval = campaign.approval ?? {}
  const above = campaignsOptions(req.payload).approvalAbove
  if (!approval.approvedAt || !approval.approvedBy)
    return {
      code: 'APPROVAL_REQUIRED',
      message: `${recipients} recipients are more than ${above}: a second person with the approver role (Freigabe) must approve this send first`,
    }
  const changed = await changedContent(req, campaign, new Date(approval.approvedAt).getTime(), started)
  if (changed) return { code: 'APPROVAL_OUTDATED', message: `${changed}: it needs to be approved again` }
  const approved = approval.recipients ?? 0
  if (recipients - approved > allowedDrift(approved))
    return {
      code: 'APPROVAL_OUTDATED',
      message: `The audience grew from ${approved} approved to ${recipients} recipients: it needs to be approved again`,
    }
  return null
}

/** Refuses, changing nothing, a send that needs an approval it does not have (409 with the code). */
export async function requireApproval(
  req: PayloadRequest,
  campaign: CheckedCampaign,
  recipients: number,
  options: { started?: boolean } = {},
) {
  const problem = await approvalProblem(req, campaign, recipients, options)
  if (problem)
    throw new CodedError(
      problem.code,
      problem.message,
      { recipients, threshold: campaignsOptions(req.payload).approvalAbove },
      409,
    )
}

import type { PayloadRequest } from 'payload'

import { mayApprove, personalizationOptions } from '@kontorwerk/personalization'

import type { Campaign } from '../documents'

import { campaignsOptions } from '../utilities/options'
import { type ApprovalProblem, approvalProblem, type CheckedCampaign, needsApproval, staffIdOf } from './approvalCheck'

/** What the send dialog and the sidebar show about the approval. */
export type ApprovalState = {
  approvedAt: null | string
  /** The approver's email address (staff, not personal data of subscribers). */
  approvedBy: null | string
  /** The recipient count an approval now would be for: the live audience, or for a started campaign those still waiting. */
  count: number
  /** The caller may approve now: approver role, and not the last editor. */
  canApprove: boolean
  /** The caller made the last edit, so someone else must approve. */
  lastEditedByCaller: boolean
  needed: boolean
  /** Why the send cannot go ahead yet; null when no approval is needed or it holds. */
  problem: ApprovalProblem | null
  recipients: null | number
  threshold: false | number
}

/** The approval of a campaign as the caller sees it, for this recipient count. */
export async function approvalState(
  req: PayloadRequest,
  campaign: CheckedCampaign & Pick<Campaign, 'lastEditedBy'>,
  recipients: number,
  options: { started?: boolean } = {},
): Promise<ApprovalState> {
  const approverId = staffIdOf(campaign.approval?.approvedBy)
  const approver = approverId
    ? await req.payload.findByID({
        id: approverId,
        collection: personalizationOptions(req.payload).usersSlug as 'users',
        depth: 0,
        disableErrors: true,
        overrideAccess: true,
        req,
        select: { email: true },
      })
    : null
  const lastEditedByCaller = staffIdOf(campaign.lastEditedBy) === String(req.user?.id)
  return {
    approvedAt: campaign.approval?.approvedAt ?? null,
    approvedBy: (approver as null | { email?: string })?.email ?? null,
    canApprove: mayApprove(req) && !lastEditedByCaller,
    count: recipients,
    lastEditedByCaller,
    needed: needsApproval(req.payload, recipients),
    problem: await approvalProblem(req, campaign, recipients, options),
    recipients: campaign.approval?.recipients ?? null,
    threshold: campaignsOptions(req.payload).approvalAbove,
  }
}

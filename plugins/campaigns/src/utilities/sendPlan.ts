import type { PayloadRequest } from 'payload'

import { requireStaff } from '@kontorwerk/personalization'

import type { ApprovalState } from '../approval/approvalState'
import type { ExpectedRecipients } from '../sending/campaignAudience'
import type { Problem } from './readiness'

import { approvalState } from '../approval/approvalState'
import { expectedRecipients } from '../sending/campaignAudience'
import { loadCampaign, pendingRecipients } from './actions'
import { campaignsOptions } from './options'
import { readinessProblems } from './readiness'
import { needsTypedConfirmation } from './sendConfirmation'
import { type AbPlan, abPlanOf } from './sendPlanWords'

export type SendPlan = ExpectedRecipients & {
  abTest: AbPlan | null
  /** The four-eyes approval: needed for this count, who gave it, whether it still holds, whether the caller may give it. */
  approval: ApprovalState
  /** Each recipient at their best hour within 24 hours of sendAt (send-time optimisation). */
  bestTime: boolean
  localTime: boolean
  name: string
  needsTypedConfirmation: boolean
  problems: Problem[]
  /** The planned time (ISO), or null for "now". */
  sendAt: null | string
  status: string
  typedConfirmationFrom: number
}

const NOBODY: ExpectedRecipients = { audience: 0, blocked: [], holdout: 0, recipients: 0, variants: [] }

/**
 * What the send dialog shows before the editor confirms (GET /api/campaigns/:id/send-plan): the
 * live recipient count from the sender's own audience and gate code, the A/B plan, the time and
 * what still stands in the way. Read-only.
 */
export async function sendPlan(req: PayloadRequest, id: string): Promise<SendPlan> {
  requireStaff(req)
  const campaign = await loadCampaign(req, id)
  const problems = await readinessProblems(req.payload, campaign)
  const counted = problems.some((problem) => problem.code === 'AUDIENCE_MISSING')
    ? NOBODY
    : await expectedRecipients(req.payload, campaign)
  const threshold = campaignsOptions(req.payload).typedConfirmationFrom
  return {
    ...counted,
    abTest: abPlanOf(campaign.abTest),
    // A started campaign (paused) is approved for the recipients still waiting, as its resume checks.
    approval: campaign.startedAt
      ? await approvalState(req, campaign, await pendingRecipients(req, campaign.id), { started: true })
      : await approvalState(req, campaign, counted.recipients),
    bestTime: Boolean(campaign.bestTime),
    localTime: Boolean(campaign.localTime),
    name: campaign.name,
    needsTypedConfirmation: needsTypedConfirmation(counted.recipients, threshold),
    problems,
    sendAt: campaign.sendAt ?? null,
    status: campaign.status,
    typedConfirmationFrom: threshold,
  }
}

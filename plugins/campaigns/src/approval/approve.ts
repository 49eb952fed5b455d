import type { PayloadRequest } from 'payload'

import { CodedError, mayApprove, recordAudit, requireStaff, SKIP_AUDIT } from '@kontorwerk/personalization'

import type { Approval, Automation, Campaign } from '../documents'

import { AUTOMATIONS, CAMPAIGNS } from '../defaults'
import { CAMPAIGN_ACTION } from '../hooks/lockOnceScheduled'
import { expectedRecipients } from '../sending/campaignAudience'
import { loadCampaign, pendingRecipients } from '../utilities/actions'
import { withOwnContext } from '../utilities/ownContext'
import { readinessProblems } from '../utilities/readiness'
import { CONFIRMATION_STATUS, confirmationProblem, readConfirmation } from '../utilities/sendConfirmation'
import { staffIdOf } from './approvalCheck'
import { automationAudience, loadAutomation } from './automationActivation'

/** Campaigns that can still be started or resumed, so their approval still means something. */
const APPROVABLE = ['draft', 'paused']

type Staff = { email?: string; id: number | string }
type Approvable = { approval?: Approval | null; id: number | string; lastEditedBy?: unknown; name: string }

/**
 * The approver confirms the count they saw, as in the send dialog (no typed text: that is the
 * sender's step). The Local API without a confirmation is trusted server code, as for schedule.
 */
function requireCountConfirmed(req: PayloadRequest, recipients: number, name: string, input: unknown) {
  if (req.payloadAPI === 'local' && input === undefined) return
  const confirmation = readConfirmation(input)
  if (input != null && !confirmation)
    throw new CodedError('BAD_USER_INPUT', 'confirmation must be { recipients: <whole number ≥ 0> }')
  const problem = confirmationProblem(recipients, name, confirmation, Number.POSITIVE_INFINITY)
  if (problem) throw new CodedError(problem.code, problem.message, { recipients }, CONFIRMATION_STATUS[problem.code])
}

/**
 * Who may approve: an approver (or admin) who did not make the last edit. A refusal is recorded
 * in the audit log although the request fails (outside its transaction).
 */
async function requireSecondPerson(req: PayloadRequest, resource: string, doc: Approvable) {
  const refuse = async (code: string, message: string) => {
    await recordAudit(
      req,
      {
        action: 'approvalRefused',
        changes: [{ after: code, before: null, field: 'approval' }],
        documentId: doc.id,
        resource,
        title: doc.name,
      },
      { outsideTransaction: true },
    )
    throw new CodedError(code, message, undefined, 403)
  }
  if (!mayApprove(req))
    await refuse('APPROVAL_FORBIDDEN', 'Only a member of staff with the approver role (Freigabe) may approve')
  if (staffIdOf(doc.lastEditedBy) === String((req.user as Staff).id))
    await refuse(
      'APPROVAL_SAME_PERSON',
      'You made the last change here: a second person must approve it (four-eyes principle)',
    )
}

/** Writes the approval (an action, not an edit: it neither voids itself nor counts as the last edit) and logs it once. */
async function recordApproval<T>(req: PayloadRequest, resource: string, doc: Approvable, recipients: number) {
  const user = req.user as Staff
  const approval = { approvedAt: new Date().toISOString(), approvedBy: user.id, recipients }
  const updated = await req.payload.update({
    id: doc.id,
    collection: resource as 'campaigns',
    context: { [CAMPAIGN_ACTION]: true, [SKIP_AUDIT]: true },
    data: { approval } as never,
    depth: 0,
    overrideAccess: true,
    req: withOwnContext(req),
  })
  await recordAudit(req, {
    action: 'approve',
    changes: [
      { after: user.id, before: staffIdOf(doc.approval?.approvedBy), field: 'approval.approvedBy' },
      { after: approval.approvedAt, before: doc.approval?.approvedAt ?? null, field: 'approval.approvedAt' },
      { after: recipients, before: doc.approval?.recipients ?? null, field: 'approval.recipients' },
    ],
    documentId: doc.id,
    resource,
    title: doc.name,
  })
  return updated as T
}

/**
 * The second person's approval of a campaign (four-eyes principle, docs/governance.md), for the
 * recipient count the send dialog computes, with who and when.
 */
export async function approveCampaign(req: PayloadRequest, id: string, input?: unknown): Promise<Campaign> {
  requireStaff(req)
  const campaign = await loadCampaign(req, id)
  await requireSecondPerson(req, CAMPAIGNS, campaign)
  if (campaign.automation)
    throw new CodedError('FAILED_PRECONDITION', 'An automation step is approved with its automation')
  if (!APPROVABLE.includes(campaign.status))
    throw new CodedError('FAILED_PRECONDITION', `A ${campaign.status} campaign cannot be approved any more`)
  // A started campaign (paused, edited) has its recipients written: the audience no longer matters, only who still waits.
  const problems = (await readinessProblems(req.payload, campaign)).filter(
    (problem) => !campaign.startedAt || problem.code !== 'AUDIENCE_MISSING',
  )
  if (problems.length)
    throw new CodedError('FAILED_PRECONDITION', problems.map((problem) => problem.message).join('; '), { problems })
  const recipients = campaign.startedAt
    ? await pendingRecipients(req, campaign.id)
    : (await expectedRecipients(req.payload, campaign)).recipients
  requireCountConfirmed(req, recipients, campaign.name, input)
  return recordApproval<Campaign>(req, CAMPAIGNS, campaign, recipients)
}

/** The second person's approval of an automation before it is switched on, for the audience it can reach now. */
export async function approveAutomation(req: PayloadRequest, id: string, input?: unknown): Promise<Automation> {
  requireStaff(req)
  const automation = await loadAutomation(req, id)
  await requireSecondPerson(req, AUTOMATIONS, automation)
  const recipients = await automationAudience(req, automation)
  requireCountConfirmed(req, recipients, automation.name, input)
  return recordApproval<Automation>(req, AUTOMATIONS, automation, recipients)
}

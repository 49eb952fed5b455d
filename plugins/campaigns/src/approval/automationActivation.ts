import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { CodedError, isPossibleId, relationKey } from '@kontorwerk/personalization'
import { segmentCount } from '@kontorwerk/segments'

import type { Approval, Automation } from '../documents'

import { AUTOMATIONS } from '../defaults'
import { campaignsOptions } from '../utilities/options'
import { allowedDrift } from '../utilities/sendConfirmation'
import { needsApproval } from './approvalCheck'
import { isEdit } from './trackEdits'

export async function loadAutomation(req: PayloadRequest, id: string): Promise<Automation> {
  const automation = isPossibleId(req.payload, id)
    ? await req.payload.findByID({ id, collection: AUTOMATIONS as 'automations', depth: 0, disableErrors: true, req })
    : null
  if (!automation) throw new CodedError('NOT_FOUND', `Automation ${id} not found`)
  return automation as Automation
}

/**
 * Whom an automation can reach once switched on: the members of its segment for "segment entry"
 * (they enter at once), otherwise everybody in the subscriber list, since any of them can sign up,
 * change stage, buy or have a birthday. An upper bound, on purpose: approval is about reach.
 */
export async function automationAudience(
  req: PayloadRequest,
  automation: Pick<Automation, 'segment' | 'trigger'>,
): Promise<number> {
  const segment = relationKey(automation.segment as never)
  if (automation.trigger === 'segment_entry') return segment ? segmentCount(req.payload, segment, new Date(), req) : 0
  const { subscribersSlug } = campaignsOptions(req.payload)
  return (await req.payload.count({ collection: subscribersSlug as 'subscribers', req })).totalDocs
}

/**
 * An automation is switched on by a staff member only with an approval that holds when its
 * audience is large (issue 21). Runs after trackEdits: an edit in the same save has cleared the
 * approval already, so "edit and switch on" in one go needs a fresh approval. A field error at
 * `active`, nothing stored.
 */
export const requireApprovalToActivate: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const switchedOn = data.active === true && (operation === 'create' || !originalDoc?.active)
  if (!req.user || !switchedOn) return data
  const merged = { ...originalDoc, ...data } as Automation
  const recipients = await automationAudience(req, merged)
  if (!needsApproval(req.payload, recipients)) return data
  const approval = (data.approval ?? originalDoc?.approval) as Approval | null | undefined
  const approved = approval?.approvedAt ? (approval.recipients ?? 0) : null
  if (approved != null && recipients - approved <= allowedDrift(approved)) return data
  const above = campaignsOptions(req.payload).approvalAbove
  throw new CodedError(
    approved == null ? 'APPROVAL_REQUIRED' : 'APPROVAL_OUTDATED',
    `This automation can reach ${recipients} recipients, more than ${above}: a second person with the approver role (Freigabe) must approve it before it is switched on`,
    { recipients, threshold: above },
    409,
  )
}

/**
 * An active automation keeps what was approved: an edit of its segment, steps or newsletters
 * while it runs would reach its audience unapproved. As in Braze (a live Canvas is edited as a
 * new draft) the edit is refused, nothing stored, with a coded error: switch it off, edit, have
 * it approved, switch it on. Only when its audience needs an approval; switching off is no edit.
 * `system`: the fields whose change is no edit (as for trackEdits).
 */
export const lockActiveAutomation =
  (system: readonly string[]): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    if (!req.user || operation !== 'update' || !originalDoc?.active || data.active === false) return data
    if (!isEdit(system, data, originalDoc)) return data
    const recipients = await automationAudience(req, { ...originalDoc, ...data } as Automation)
    if (!needsApproval(req.payload, recipients)) return data
    throw new CodedError(
      'APPROVAL_REQUIRED',
      'This automation is active and was approved as it is: switch it off, make the change, have it approved by a second person (Freigabe) and switch it on again',
      { recipients, threshold: campaignsOptions(req.payload).approvalAbove },
      409,
    )
  }

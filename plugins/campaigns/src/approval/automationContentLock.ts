import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { CodedError } from '@kontorwerk/personalization'

import type { Automation } from '../documents'

import { AUTOMATIONS } from '../defaults'
import { needsApproval } from './approvalCheck'
import { automationAudience } from './automationActivation'
import { isEdit } from './trackEdits'

/** The active automations that send any of these newsletters and whose reach needs an approval. */
async function approvedAutomationsSending(req: PayloadRequest, newsletters: (number | string)[]) {
  if (newsletters.length === 0) return []
  const { docs } = await req.payload.find({
    collection: AUTOMATIONS as 'automations',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ active: { equals: true } }, { 'steps.newsletter': { in: newsletters } }] },
  })
  const locked: Automation[] = []
  for (const automation of docs as Automation[])
    if (needsApproval(req.payload, await automationAudience(req, automation))) locked.push(automation)
  return locked
}

function refuse(req: PayloadRequest, what: string, automations: Automation[]): never {
  const names = automations.map((automation) => `"${automation.name}"`).join(', ')
  throw new CodedError(
    'APPROVAL_REQUIRED',
    `${what} is sent by the active automation ${names}, approved as it was: switch the automation off, make the change, have it approved by a second person (Freigabe) and switch it on again`,
    { automations: automations.map((automation) => String(automation.id)) },
    409,
  )
}

/**
 * A staff save that changes a newsletter an active, approved automation sends is refused, nothing
 * stored (issue 21: an approval is voided by any later edit, and an active automation's approval
 * cannot be voided without stopping it unnoticed; see lockActiveAutomation). Newsletters have no
 * drafts, so every save is what recipients get.
 */
export const lockAutomationNewsletters: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (!req.user || operation !== 'update' || !originalDoc || !isEdit([], data, originalDoc)) return data
  const automations = await approvedAutomationsSending(req, [originalDoc.id as number | string])
  if (automations.length) refuse(req, `The newsletter "${String(originalDoc.name)}"`, automations)
  return data
}

/**
 * The same for a content block a step newsletter names as a slot's fallback: the automation
 * names it, so it is part of what was approved. Draft saves change nothing recipients get and
 * pass. Blocks a slot picks by their tags are the shared library's and are not locked (see
 * docs/governance.md).
 */
export const lockAutomationFallbacks: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  if (!req.user || operation !== 'update' || !originalDoc || data._status === 'draft') return data
  if (!isEdit(['_status'], data, originalDoc) && originalDoc._status === 'published') return data
  const { docs: newsletters } = await req.payload.find({
    collection: 'newsletters',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { name: true },
    where: { 'slots.fallback': { equals: originalDoc.id } },
  })
  const automations = await approvedAutomationsSending(
    req,
    newsletters.map((newsletter) => newsletter.id),
  )
  if (automations.length) refuse(req, `The content block "${String(originalDoc.title)}"`, automations)
  return data
}

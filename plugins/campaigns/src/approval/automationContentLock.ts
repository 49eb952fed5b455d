import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'

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

/** The approved active automations that send these newsletters, or a newsletter naming this block as a fallback. */
async function automationsLocking(req: PayloadRequest, collection: string, id: number | string) {
  if (collection === 'newsletters') return approvedAutomationsSending(req, [id])
  const { docs: newsletters } = await req.payload.find({
    collection: 'newsletters',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { name: true },
    where: { 'slots.fallback': { equals: id } },
  })
  return approvedAutomationsSending(
    req,
    newsletters.map((newsletter) => newsletter.id),
  )
}

const what = (collection: string, doc: Record<string, unknown>) =>
  collection === 'newsletters' ? `The newsletter "${String(doc.name)}"` : `The content block "${String(doc.title)}"`

/**
 * A staff save that changes a newsletter an active, approved automation sends, or a content block
 * such a newsletter names as a slot's fallback, is refused, nothing stored (issue 21: an approval is
 * voided by any later edit, and an active automation's approval cannot be voided without stopping
 * it unnoticed; see lockActiveAutomation). A draft of a block (saved with `draft`, checked in
 * lockAutomationUnpublishAndDelete) changes nothing recipients get. Blocks a slot picks by their
 * tags are the shared library's and are not locked (see docs/governance.md).
 */
export const lockAutomationContent: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!req.user || operation !== 'update' || !originalDoc || data._status === 'draft') return data
  if (!isEdit(['_status'], data, originalDoc) && (originalDoc._status ?? 'published') === 'published') return data
  const automations = await automationsLocking(req, collection.slug, originalDoc.id as number | string)
  if (automations.length) refuse(req, what(collection.slug, originalDoc), automations)
  return data
}

/**
 * What the change hook cannot tell apart: a save of `_status: 'draft'` without the `draft` flag
 * unpublishes the block (it leaves the library the sends read), and a deletion removes it (the
 * automation's mails would fail without their fallback). Both are refused like an edit.
 */
export const lockAutomationUnpublishAndDelete: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  if (!req.user) return args
  const { data, draft, id, where } = args as {
    data?: { _status?: string }
    draft?: boolean
    id?: number | string
    where?: Where
  }
  const deleting = operation === 'delete'
  const unpublishing = operation === 'update' && !draft && data?._status === 'draft'
  if (!deleting && !unpublishing) return args
  const ids =
    id != null
      ? [id]
      : where
        ? (
            await req.payload.find({
              collection: collection.slug as 'newsletters',
              depth: 0,
              overrideAccess: true,
              pagination: false,
              req,
              select: {},
              where,
            })
          ).docs.map((doc) => doc.id)
        : []
  for (const target of ids) {
    const automations = await automationsLocking(req, collection.slug, target)
    if (!automations.length) continue
    const doc = await req.payload.findByID({ collection: collection.slug as 'newsletters', depth: 0, id: target, req })
    refuse(req, what(collection.slug, doc as unknown as Record<string, unknown>), automations)
  }
  return args
}

import type { CollectionBeforeChangeHook } from 'payload'

import { recordAudit, signature } from '@kontorwerk/personalization'

import type { Approval } from '../documents'

import { CAMPAIGN_ACTION } from '../hooks/lockOnceScheduled'

/** Whether a save changes more than the fields only the system writes (`system`) and the approval's own. */
export function isEdit(
  system: readonly string[],
  data: Record<string, unknown>,
  originalDoc?: Record<string, unknown>,
) {
  const ignored = new Set([...system, 'approval', 'lastEditedBy', 'createdAt', 'updatedAt', 'id'])
  return Object.keys(data).some(
    (key) => !ignored.has(key) && data[key] !== undefined && signature(data[key]) !== signature(originalDoc?.[key]),
  )
}

/**
 * Remembers who edited last and voids an approval on any later edit (issue 21: "voided by any
 * later edit"). Only staff saves count: the actions (status, approval) and the system's writes
 * (no user) leave both as they are. `system`: fields only the system writes, whose change is no edit.
 */
export const trackEdits =
  (system: readonly string[]): CollectionBeforeChangeHook =>
  async ({ collection, context, data, operation, originalDoc, req }) => {
    if (!req.user || context[CAMPAIGN_ACTION]) return data
    if (operation !== 'create' && !isEdit(system, data, originalDoc)) return data
    const approval = originalDoc?.approval as Approval | null | undefined
    if (operation === 'update' && approval?.approvedAt)
      await recordAudit(req, {
        action: 'approvalVoided',
        changes: [{ after: null, before: approval.approvedAt, field: 'approval.approvedAt' }],
        documentId: originalDoc?.id as string,
        resource: collection.slug,
        title: (originalDoc?.name as string | undefined) ?? null,
      })
    return { ...data, approval: { approvedAt: null, approvedBy: null, recipients: null }, lastEditedBy: req.user.id }
  }

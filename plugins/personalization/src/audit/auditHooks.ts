import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  FlattenedField,
  GlobalAfterChangeHook,
  PayloadRequest,
} from 'payload'

import type { AuditedResource } from './options'

import { recordAudit, SKIP_AUDIT } from './auditEntry'
import { fieldChanges } from './diff'

type Doc = Record<string, unknown>

/**
 * Only staff changes are audited: writes without a signed-in user are the system's own (score
 * recomputation, the worker's send progress, seeding), and a write marked with SKIP_AUDIT in its
 * context is bookkeeping done on a staff member's request.
 */
const isStaffChange = (req: PayloadRequest, context: Record<string, unknown>) =>
  Boolean(req.user) && !context[SKIP_AUDIT]

const titleOf = (doc: Doc | null | undefined, field: string | undefined, shown: boolean) => {
  const value = shown && field ? doc?.[field] : undefined
  return value == null || typeof value === 'object' ? null : String(value).slice(0, 200)
}

/**
 * Fields computed when read (virtual): a save cannot change them, and the version before a save is
 * read with access overridden while the saved one is read as the user, so they could differ
 * without anything having changed (a purchase prediction loaded only for admins).
 */
const virtualFieldsOf = (fields: readonly FlattenedField[]) =>
  fields.filter((field) => 'virtual' in field && field.virtual).map((field) => field.name)

const showsTitle = (audited: AuditedResource) => audited.title ?? audited.hideValues !== true

/** The afterChange and afterDelete hooks that log a collection's staff changes with their field-level diff. */
export function auditCollection(
  slug: string,
  audited: AuditedResource,
  useAsTitle?: string,
): { afterChange: CollectionAfterChangeHook; afterDelete: CollectionAfterDeleteHook } {
  const shown = showsTitle(audited)
  return {
    afterChange: async ({ collection, context, doc, operation, previousDoc, req }) => {
      if (!isStaffChange(req, context)) return doc
      const changes = fieldChanges(operation === 'create' ? null : (previousDoc as Doc), doc as Doc, {
        ...audited,
        exclude: [...(audited.exclude ?? []), ...virtualFieldsOf(collection.flattenedFields)],
      })
      // A save that changed nothing audited (only excluded fields, or nothing at all) leaves no entry.
      if (operation === 'update' && changes.length === 0) return doc
      await recordAudit(req, {
        action: operation,
        changes,
        documentId: (doc as Doc).id as string,
        resource: slug,
        title: titleOf(doc as Doc, useAsTitle, shown),
      })
      return doc
    },
    afterDelete: async ({ context, doc, id, req }) => {
      if (!isStaffChange(req, context)) return doc
      await recordAudit(req, {
        action: 'delete',
        documentId: id,
        resource: slug,
        title: titleOf(doc as Doc, useAsTitle, shown),
      })
      return doc
    },
  }
}

/** The afterChange hook that logs a global's staff changes with their field-level diff. */
export function auditGlobal(slug: string, audited: AuditedResource): GlobalAfterChangeHook {
  return async ({ context, doc, previousDoc, req }) => {
    if (!isStaffChange(req, context ?? {})) return doc
    const changes = fieldChanges((previousDoc ?? null) as Doc | null, doc as Doc, {
      ...audited,
      exclude: [...(audited.exclude ?? []), 'globalType'],
    })
    if (changes.length > 0) await recordAudit(req, { action: 'update', changes, resource: slug })
    return doc
  }
}

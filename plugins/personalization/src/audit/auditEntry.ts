import type { PayloadRequest } from 'payload'

import type { FieldChange } from './diff'

export const AUDIT_LOG = 'audit-log'

/** What the log records besides plain saves: steps of workflows (the four-eyes approval). */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'approve', 'approvalRefused', 'approvalVoided'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export type AuditEntry = {
  action: AuditAction
  changes?: FieldChange[]
  documentId?: null | number | string
  /** Collection or global slug. */
  resource: string
  title?: null | string
}

/** A request's context key that keeps a save out of the log: system writes made on a staff member's request. */
export const SKIP_AUDIT = 'kontorwerk.audit.skip'

type Staff = { email?: string; id: number | string }

/**
 * Appends one entry, as the signed-in staff member, with one insert below Payload's API (no
 * hooks, no relation lookups: a save costs one more row, nothing else). Inside the request's
 * transaction when it has one, so a refused save leaves no entry behind; `outsideTransaction` for
 * what must stay although the request fails (a refused approval).
 */
export async function recordAudit(
  req: PayloadRequest,
  entry: AuditEntry,
  { outsideTransaction = false } = {},
): Promise<void> {
  const user = req.user as null | Staff
  const changes = entry.changes ?? []
  await req.payload.db.create({
    collection: AUDIT_LOG as never,
    data: {
      action: entry.action,
      at: new Date().toISOString(),
      changes,
      documentId: entry.documentId == null ? null : String(entry.documentId),
      fields: changes.map((change) => change.field).join(', ') || null,
      resource: entry.resource,
      title: entry.title ?? null,
      user: user?.id ?? null,
      userEmail: user?.email ?? null,
    },
    // A refusal is recorded although the request fails: outside its transaction, so the rollback keeps it.
    req: outsideTransaction ? ({ payload: req.payload, user: req.user } as PayloadRequest) : req,
  })
}

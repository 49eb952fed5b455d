import type { CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { ValidationError } from 'payload'

import type { TranslatedLabel } from '../i18n/translations'

import { hasRole } from './roles'

type Doc = Record<string, unknown>

/** What a stored value means, without the row ids Payload and the admin UI hand out afresh: equal signatures, same meaning. */
export const signature = (value: unknown) =>
  JSON.stringify(value ?? null, (key, entry) => (key === 'id' ? undefined : entry))

const isPlainObject = (value: unknown): value is Doc =>
  value != null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)

/** The document an update leaves behind: the sent fields over the stored ones (groups field by field, lists as sent). */
function afterUpdate(stored: Doc | undefined, sent: Doc): Doc {
  const result: Doc = { ...stored }
  for (const [key, value] of Object.entries(sent)) {
    if (value === undefined) continue
    result[key] = isPlainObject(value) && isPlainObject(result[key]) ? afterUpdate(result[key], value) : value
  }
  return result
}

/**
 * A beforeChange hook for collections editors may write, but not every part of: what `guarded`
 * picks out of a document (null: nothing there is guarded) only admins may create or change,
 * e.g. a persona's attribute profile. Editors may still save such a document as long as that part
 * comes back as stored, e.g. to rename it. Otherwise the save is refused with a field error at
 * `path`, and nothing is stored. Server code without a user (seeding, jobs) is not an editor.
 */
export function adminOnlyChanges(
  guarded: (doc: Doc | undefined, req: PayloadRequest) => Promise<unknown> | unknown,
  { path, refusal }: { path: string; refusal: TranslatedLabel },
): CollectionBeforeChangeHook {
  return async ({ collection, data, operation, originalDoc, req }) => {
    if (!req.user || hasRole(req, 'admin')) return data
    const before = operation === 'create' ? null : await guarded(originalDoc, req)
    const after = await guarded(afterUpdate(operation === 'create' ? undefined : originalDoc, data), req)
    if ((before ?? null) === null && (after ?? null) === null) return data
    if (signature(before) === signature(after)) return data
    throw new ValidationError(
      { collection: collection.slug, errors: [{ message: refusal({ t: req.t }), path }] },
      req.t,
    )
  }
}

import type { FieldHook, FlattenedField, PayloadRequest } from 'payload'

import { getTranslation } from '@payloadcms/translations'

/** `steps.1.wait` as the editor sees it: each named step by its label, row numbers counted from 1. */
function labelledPath(fields: readonly FlattenedField[] | undefined, path: string, req: PayloadRequest): string {
  const parts: string[] = []
  let current = fields
  for (const segment of path.split('.')) {
    if (/^\d+$/.test(segment)) {
      parts.push(String(Number(segment) + 1))
      continue
    }
    const field = current?.find((candidate) => candidate.name === segment)
    parts.push(field ? String(getTranslation(field.label || segment, req.i18n)) : segment)
    current = field && 'flattenedFields' in field ? field.flattenedFields : undefined
  }
  return parts.join(' › ')
}

/**
 * The audit log's "changed fields" column stores field paths (`subject`, `steps.1.wait`), which
 * stay searchable and go into the CSV export; read in the admin, they show as the fields' labels
 * in the reader's language ("Betreff", "Schritte › 2 › Wartezeit"). A path the config no longer
 * knows (a removed field) stays as stored.
 */
export const labelChangedFields: FieldHook = ({ req, siblingData, value }) => {
  if (typeof value !== 'string' || !value) return value
  const resource = (siblingData as { resource?: string }).resource ?? ''
  const fields =
    req.payload.collections[resource as 'users']?.config.flattenedFields ??
    req.payload.config.globals.find((global) => global.slug === resource)?.flattenedFields
  return value
    .split(', ')
    .map((path) => labelledPath(fields, path, req))
    .join(', ')
}

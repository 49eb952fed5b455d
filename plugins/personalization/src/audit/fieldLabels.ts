import type { FieldHook, FlattenedField, PayloadRequest } from 'payload'

type Label = unknown

/** A field's label in the reader's language: a translation function, a per-language record or a string. */
function labelText(label: Label, req: PayloadRequest, fallback: string): string {
  const { i18n } = req
  if (typeof label === 'function') return String((label as (args: object) => unknown)({ i18n, t: i18n?.t }))
  if (label && typeof label === 'object') {
    const byLanguage = label as Record<string, string>
    return byLanguage[i18n?.language ?? 'de'] ?? byLanguage.de ?? Object.values(byLanguage)[0] ?? fallback
  }
  return typeof label === 'string' && label ? label : fallback
}

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
    parts.push(field ? labelText(field.label, req, segment) : segment)
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

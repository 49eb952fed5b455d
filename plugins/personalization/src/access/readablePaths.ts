import type { FlattenedField, PayloadRequest } from 'payload'

/**
 * Whether the signed-in user may read the field a dotted path leads to (`attributes.role` is read
 * through the `attributes` field, `score.fitAttributes` through `score` and `fitAttributes`).
 * Every field on the way counts with its read access; a path that names no field is not readable,
 * so nothing unknown slips through. Conditions written by a user may only test what that user may
 * read: whatever they compute (scores, fits, counts) would otherwise reveal it sideways.
 */
export async function mayReadPath(req: PayloadRequest, fields: FlattenedField[], path: string[]): Promise<boolean> {
  const [name, ...rest] = path
  const field = fields.find((candidate) => candidate.name === name)
  if (!field) return false
  if (field.access?.read && !(await field.access.read({ req }))) return false
  if (!rest.length) return true
  // Groups and arrays have fields of their own; anything else (JSON, text) holds the rest of the path as data.
  return 'flattenedFields' in field ? mayReadPath(req, field.flattenedFields, rest) : true
}

/**
 * The field-level difference of two versions of a document, as the audit log stores it: one entry
 * per changed leaf (`steps.1.wait`), values summarised so that a long text or a rich-text body does
 * not copy the whole document into the log. Pure: no I/O.
 */

export type FieldChange = {
  /** After, summarised; absent when values are hidden (personal data, secrets). */
  after?: unknown
  /** Before, summarised; absent when values are hidden. */
  before?: unknown
  /** Dotted path of the changed field, array rows by position (`steps.1.wait`). */
  field: string
}

export type DiffOptions = {
  /** Top-level fields or dotted paths never compared: system-maintained ones (counters, timestamps). */
  exclude?: readonly string[]
  /** Name the changed fields without their values: everywhere (`true`) or for these paths (secrets). */
  hideValues?: readonly string[] | boolean
  /**
   * Paths whose values may be personal data although the field around them is not (a segment
   * rule's value: an email domain, an attribute's value): the change is logged at that path with
   * the marker VALUE_CHANGED instead of the values, so the structure around it (a rule's field and
   * operator) stays readable. Dotted patterns; `*` is one step, `**` any number of steps
   * (`rules.**.value` covers every rule value of a nested tree, and everything below it).
   */
  maskValues?: readonly string[]
}

/** What the log shows instead of a masked value. */
export const VALUE_CHANGED = 'Wert geändert'

/** Characters of a value the log keeps; the rest is cut with its length noted. */
export const SUMMARY_LENGTH = 200
/** Changes one entry keeps; a bulk rewrite of a huge document is noted as cut. */
export const MAX_CHANGES = 100

/** Fields every Payload document has, changed by every save: never a change of their own. */
const ALWAYS_EXCLUDED = ['updatedAt', 'createdAt', 'id', '_status']

type Doc = Record<string, unknown>

const isPlainObject = (value: unknown): value is Doc =>
  value != null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)

/** A populated relation (a document with timestamps) stands for its id, as the stored version does. */
const isPopulatedDocument = (value: Doc) => 'id' in value && ('createdAt' in value || 'updatedAt' in value)

const isRichText = (value: Doc) => isPlainObject(value.root)

/** The visible words of a Lexical rich-text value. */
function richTextWords(node: unknown): string {
  if (!isPlainObject(node)) return ''
  const own = typeof node.text === 'string' ? node.text : ''
  const children = Array.isArray(node.children) ? node.children.map(richTextWords).filter(Boolean).join(' ') : ''
  return [own, children].filter(Boolean).join(' ')
}

const cut = (text: string) =>
  text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH)}… (${text.length} Zeichen)` : text

/** A value as the log keeps it: short ones as they are, long texts, rich text and structures cut to a summary. */
export function summarise(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return cut(value)
  if (typeof value !== 'object') return value
  if (isPlainObject(value) && isPopulatedDocument(value)) return value.id
  if (isPlainObject(value) && isRichText(value)) return cut(richTextWords(value.root))
  const json = JSON.stringify(normalise(value))
  return json.length > SUMMARY_LENGTH ? cut(json) : normalise(value)
}

/** Comparable form: populated relations as ids, array rows without their generated ids. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(normalise)
  if (!isPlainObject(value)) return value ?? null
  if (isPopulatedDocument(value)) return value.id
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, entry]) => key !== 'id' && entry !== undefined)
      .map(([key, entry]) => [key, normalise(entry)]),
  )
}

const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b))

/** Whether a leaf is compared as a whole (rich text, lists of values, relations) rather than walked into. */
const isLeaf = (value: unknown) =>
  !(isPlainObject(value) && !isRichText(value) && !isPopulatedDocument(value)) &&
  !(Array.isArray(value) && value.some(isPlainObject))

function walk(before: unknown, after: unknown, path: string[], out: string[][]) {
  if (same(before, after)) return
  if (isLeaf(before ?? after) && isLeaf(after ?? before)) {
    out.push(path)
    return
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const rows = Math.max(Array.isArray(before) ? before.length : 0, Array.isArray(after) ? after.length : 0)
    for (let index = 0; index < rows; index++)
      walk(
        Array.isArray(before) ? before[index] : undefined,
        Array.isArray(after) ? after[index] : undefined,
        [...path, String(index)],
        out,
      )
    return
  }
  const keys = new Set([
    ...Object.keys(isPlainObject(before) ? before : {}),
    ...Object.keys(isPlainObject(after) ? after : {}),
  ])
  for (const key of keys) {
    if (key === 'id') continue
    walk((before as Doc | undefined)?.[key], (after as Doc | undefined)?.[key], [...path, key], out)
  }
}

const valueAt = (doc: unknown, path: string[]) =>
  path.reduce<unknown>((value, key) => (value == null ? undefined : (value as Doc)[key]), doc)

const coveredBy = (path: string, prefixes: readonly string[]) =>
  prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`))

/** The part of `path` a mask pattern covers (the masked value's own path), or null. */
function maskedPrefix(path: string[], pattern: string[]): null | string[] {
  if (!pattern.length) return []
  if (!path.length) return null
  const [step, ...rest] = pattern
  if (step === '**') {
    for (let skip = 0; skip <= path.length; skip++) {
      const covered = maskedPrefix(path.slice(skip), rest)
      if (covered) return [...path.slice(0, skip), ...covered]
    }
    return null
  }
  if (step !== '*' && step !== path[0]) return null
  const covered = maskedPrefix(path.slice(1), rest)
  return covered && [path[0]!, ...covered]
}

const maskOf = (path: string[], patterns: readonly string[] = []) =>
  patterns.map((pattern) => maskedPrefix(path, pattern.split('.'))).find(Boolean) ?? null

/**
 * What changed from `before` to `after` (null before: created), field by field. A field the
 * reader may not see comes back undefined in `after` and counts as unchanged, so hidden fields
 * (password hashes, fields without read access) never show up as "removed".
 */
export function fieldChanges(before: Doc | null, after: Doc, options: DiffOptions = {}): FieldChange[] {
  const exclude = [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])]
  const paths: string[][] = []
  for (const key of Object.keys({ ...before, ...after })) {
    if (exclude.includes(key) || after[key] === undefined) continue
    walk(before?.[key], after[key], [key], paths)
  }
  const changes: FieldChange[] = []
  const masked = new Set<string>()
  for (const path of paths) {
    const field = path.join('.')
    if (coveredBy(field, exclude)) continue
    const mask = maskOf(path, options.maskValues)
    if (mask) {
      // Several leaves below one masked value (an attribute's key and value) are one change.
      const maskedField = mask.join('.')
      if (!masked.has(maskedField)) changes.push({ after: VALUE_CHANGED, field: maskedField })
      masked.add(maskedField)
      continue
    }
    const hidden =
      options.hideValues === true || (Array.isArray(options.hideValues) && coveredBy(field, options.hideValues))
    changes.push(
      hidden ? { field } : { after: summarise(valueAt(after, path)), before: summarise(valueAt(before, path)), field },
    )
  }
  return changes.length > MAX_CHANGES
    ? [...changes.slice(0, MAX_CHANGES), { field: `… ${changes.length - MAX_CHANGES} weitere` }]
    : changes
}

import type { Payload } from 'payload'

import { CodedError, writeAtomically } from '@kontorwerk/personalization'

import type { ColumnMap } from '../import/columns'
import type { ImportRow, RejectCode } from '../import/importRow'

import { readImportRow } from '../import/importRow'
import { planRows, subscribersNamed } from '../import/planRows'
import { isUniqueConflict } from './uniqueConflict'

/** Rows per call: one transaction's worth that answers within a request's time. */
export const BULK_UPSERT_LIMIT = 1000
/** As the subscribers collection allows (attributes validation). */
const MAX_ATTRIBUTE_KEYS = 50
/** Names JavaScript objects give a meaning of their own. */
const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype']
const FIELDS = ['email', 'externalId', 'firstName', 'lastName', 'attributes'] as const
/** The profile cells in the import's order, so its row check (readImportRow) reads them. */
const COLUMNS: ColumnMap = { email: 0, externalId: 1, firstName: 2, lastName: 3 }

export type UpsertCode =
  | 'attributes_invalid'
  | 'duplicate_in_request'
  | 'field_not_allowed'
  | 'value_invalid'
  | Exclude<RejectCode, 'duplicate_in_file'>
export type UpsertResult =
  /**
   * `byStoredState`: internal, never sent; the refusal depends on what is stored about someone (an
   * identity conflict, attributes that overflow once merged), so it would tell a key about them.
   */
  | { byStoredState?: boolean; code: UpsertCode; index: number; message: string; status: 'rejected' }
  | { id: number | string; index: number; status: 'created' | 'unchanged' | 'updated' }
  /** The answer to callers who are not admins (discreetResults): no ids, whatever happened to the row. */
  | { index: number; status: 'accepted' }

type Attributes = Record<string, unknown>
type Row = { attributes?: Attributes; index: number; row: ImportRow }
type Results = (UpsertResult | undefined)[]

const MESSAGES: Record<UpsertCode, string> = {
  attributes_invalid: `attributes must be an object of at most ${MAX_ATTRIBUTE_KEYS} keys`,
  cleaned_in_source: 'The address was cleaned in the source system',
  duplicate_in_request: 'Another row of this call names the same email or externalId',
  email_invalid: 'email is not a valid address',
  email_missing: 'email is required',
  erased: 'The person asked to be erased (GDPR Art. 17); only their own double opt-in sign-up brings them back',
  external_id_invalid: 'externalId is longer than 100 characters',
  field_not_allowed:
    'Only email, externalId, firstName, lastName and attributes can be written; consent goes through the ledger (sign-up, import with proof)',
  identity_conflict:
    'externalId and email name different subscribers, or the row would move a subscriber to another address (needs an import with consent proof)',
  name_too_long: 'firstName or lastName is longer than 100 characters',
  value_invalid: 'email, externalId, firstName and lastName must be strings',
}

const rejected = (
  index: number,
  code: UpsertCode,
  message = MESSAGES[code],
): Extract<UpsertResult, { status: 'rejected' }> => ({
  code,
  index,
  message,
  status: 'rejected',
})
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The body's rows, or a coded error for a body that is not `{ subscribers: [objects] }` of at most 1,000: nothing is stored then. */
export function rowsOf(body: unknown): Record<string, unknown>[] {
  if (!isObject(body) || !Array.isArray(body.subscribers))
    throw new CodedError('BAD_USER_INPUT', 'The body must be { "subscribers": [ … ] }')
  if (body.subscribers.length > BULK_UPSERT_LIMIT)
    throw new CodedError('BODY_TOO_LARGE', `At most ${BULK_UPSERT_LIMIT} subscribers per call`, {
      limit: BULK_UPSERT_LIMIT,
      received: body.subscribers.length,
    })
  const notObjects = body.subscribers.flatMap((row, index) => (isObject(row) ? [] : [index]))
  if (notObjects.length)
    throw new CodedError('BAD_USER_INPUT', 'Every entry of subscribers must be an object', { indexes: notObjects })
  return body.subscribers as Record<string, unknown>[]
}

/** A row's own problem (before the database is asked), or its attributes. */
function checkRow(row: Record<string, unknown>): { attributes?: Attributes } | { code: UpsertCode; message?: string } {
  if (Object.keys(row).some((key) => !(FIELDS as readonly string[]).includes(key))) return { code: 'field_not_allowed' }
  if (['email', 'externalId', 'firstName', 'lastName'].some((key) => row[key] != null && typeof row[key] !== 'string'))
    return { code: 'value_invalid' }
  if (row.attributes == null) return {}
  if (!isObject(row.attributes) || Object.keys(row.attributes).length > MAX_ATTRIBUTE_KEYS)
    return { code: 'attributes_invalid' }
  // A plain object cannot hold these as data (`__proto__` would set its prototype): refused, not dropped.
  const reserved = Object.keys(row.attributes).find((key) => RESERVED_KEYS.includes(key))
  if (reserved)
    return { code: 'attributes_invalid', message: `The attribute name "${reserved}" is reserved; use another name` }
  return { attributes: row.attributes }
}

/**
 * Attributes merge: keys sent replace the stored ones, a key sent as null is removed, keys not sent
 * stay (a shop sending its own attributes does not erase the CRM's). Null when nothing changes,
 * 'too_many' when the merge would exceed the collection's limit.
 */
function mergedAttributes(
  stored: Attributes | null | undefined,
  sent: Attributes | undefined,
): Attributes | 'too_many' | null {
  if (!sent) return null
  const merged: Attributes = { ...(stored ?? {}) }
  for (const [key, value] of Object.entries(sent)) {
    if (value === null) delete merged[key]
    else merged[key] = value
  }
  if (Object.keys(merged).length > MAX_ATTRIBUTE_KEYS) return 'too_many'
  return JSON.stringify(merged) === JSON.stringify(stored ?? {}) ? null : merged
}

async function storedAttributes(payload: Payload, ids: (number | string)[]): Promise<Map<string, Attributes>> {
  if (!ids.length) return new Map()
  const { docs } = await payload.find({
    collection: 'subscribers',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { attributes: true },
    where: { id: { in: ids } },
  })
  return new Map(docs.map((doc) => [String(doc.id), (doc.attributes ?? {}) as Attributes]))
}

/**
 * Creates or updates subscribers by externalId, else by normalised email, with the import's row
 * check and planning (import/importRow.ts, import/planRows.ts): the same normalisation, the same
 * identity conflicts. Profile fields and attributes only; consent never. All rows' writes in one
 * atomic batch; the stored subscribers are read in two queries whatever the number of rows.
 * Answers per row, in the order sent, with ids only (no personal data: integration keys).
 */
export async function bulkUpsert(payload: Payload, body: unknown, now = new Date()): Promise<UpsertResult[]> {
  const { results, rows } = checkedRows(rowsOf(body), now)
  try {
    return await planAndWrite(payload, rows, [...results])
  } catch (error) {
    if (!isUniqueConflict(error)) throw error
  }
  // A call running at the same time created a person this one planned as new; planned again, this
  // call finds and updates them. Still conflicting (a third call?): a coded answer to retry, never a 500.
  try {
    return await planAndWrite(payload, rows, [...results])
  } catch (error) {
    if (!isUniqueConflict(error)) throw error
    throw new CodedError(
      'CONFLICT',
      'Another call wrote the same subscribers at the same time; nothing of this call was stored, send it again',
      undefined,
      409,
    )
  }
}

/** Each row's own check and the duplicates within the call: rejections by index, and the rows to plan. */
function checkedRows(input: Record<string, unknown>[], now: Date): { results: Results; rows: Row[] } {
  const results: Results = new Array(input.length)
  const rows: Row[] = []
  const seen = new Set<string>()
  for (const [index, raw] of input.entries()) {
    const checked = checkRow(raw)
    if ('code' in checked) {
      results[index] = rejected(index, checked.code, checked.message)
      continue
    }
    const cells = ['email', 'externalId', 'firstName', 'lastName'].map((key) => (raw[key] as string | undefined) ?? '')
    const read = readImportRow(cells, index, COLUMNS, { now, requireDoubleOptIn: true, sourceSystem: 'other' })
    if (!read.ok) {
      // The row check never finds duplicates (the file scan does); the narrowing keeps one name for them here.
      results[index] = rejected(index, read.code === 'duplicate_in_file' ? 'duplicate_in_request' : read.code)
      continue
    }
    const keys = [`email:${read.row.email}`, ...(read.row.externalId ? [`external:${read.row.externalId}`] : [])]
    if (keys.some((key) => seen.has(key))) {
      results[index] = rejected(index, 'duplicate_in_request')
      continue
    }
    keys.forEach((key) => seen.add(key))
    rows.push({ attributes: checked.attributes, index, row: read.row })
  }
  return { results, rows }
}

/** Plans the rows against the stored subscribers and writes all of them in one atomic batch. */
async function planAndWrite(payload: Payload, rows: Row[], results: Results): Promise<UpsertResult[]> {
  // No topics: the plan never adds ledger entries (a row carries no proof, and no unsubscribe).
  const plans = await planRows(
    payload,
    rows.map(({ row }) => row),
    [],
  )
  const attributes = await storedAttributes(
    payload,
    plans.flatMap((plan) => (plan.subscriberId != null ? [plan.subscriberId] : [])),
  )
  const inserts: Record<string, unknown>[] = []
  const updates: { collection: string; data: Record<string, unknown>; id: string }[] = []
  const created: { email: string; index: number }[] = []
  for (const [at, plan] of plans.entries()) {
    const { index, attributes: sent } = rows[at]!
    if (plan.outcome === 'rejected') {
      // The plan refuses a row for its identity: erased on request, or naming two people (planRows).
      results[index] =
        plan.code === 'erased'
          ? rejected(index, 'erased')
          : { ...rejected(index, 'identity_conflict'), byStoredState: true }
      continue
    }
    if (plan.outcome === 'new') {
      // Null values mean "remove": a new subscriber simply does not get those keys.
      inserts.push({ ...plan.changes, ...(sent ? { attributes: mergedAttributes({}, sent) ?? {} } : {}) })
      created.push({ email: plan.email!, index })
      continue
    }
    const id = plan.subscriberId!
    const merged = mergedAttributes(attributes.get(String(id)), sent)
    if (merged === 'too_many') {
      // Too many only together with what is stored: a key must not learn that a profile exists (discreetResults).
      results[index] = { ...rejected(index, 'attributes_invalid'), byStoredState: true }
      continue
    }
    const data = { ...plan.changes, ...(merged ? { attributes: merged } : {}) }
    if (Object.keys(data).length) updates.push({ collection: 'subscribers', data, id: String(id) })
    results[index] = { id, index, status: Object.keys(data).length ? 'updated' : 'unchanged' }
  }
  await writeAtomically(payload, { inserts: [{ collection: 'subscribers', docs: inserts }], updates })
  if (created.length) {
    const ids = new Map(
      (
        await subscribersNamed(
          payload,
          created.map((row) => row.email),
        )
      ).map((doc) => [doc.email, doc.id]),
    )
    for (const { email, index } of created) results[index] = { id: ids.get(email)!, index, status: 'created' }
  }
  return results as UpsertResult[]
}

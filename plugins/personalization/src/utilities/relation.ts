/** A relationship field's value as Payload returns it: an id, or the populated document. */
export type RelationValue = null | number | string | undefined | { id: number | string }

/** The id behind a relationship value, whether populated or not. */
export const relationId = (ref: RelationValue): null | number | string =>
  ref != null && typeof ref === 'object' ? ref.id : (ref ?? null)

/** The id as a string, for comparing ids of any database (numbers on SQL, strings on MongoDB). */
export const relationKey = (ref: RelationValue): null | string => {
  const id = relationId(ref)
  return id == null ? null : String(id)
}

/** The string ids of a hasMany relationship, leaving out empty entries. */
export const relationKeys = (refs: null | RelationValue[] | undefined): string[] =>
  (refs ?? []).flatMap((ref) => {
    const key = relationKey(ref)
    return key == null ? [] : [key]
  })

/** A string id back in the database's own id type (numbers on SQL, strings on MongoDB), for writes. */
export const idFromKey = (payload: { db: { defaultIDType: 'number' | 'text' } }, key: string): number | string =>
  payload.db.defaultIDType === 'number' ? Number(key) : key

/** Numeric ids of the SQL adapters are 32-bit integers. */
export const MAX_SQL_ID = 2 ** 31 - 1

/** Whether a string can be an id of this database at all; anything else must not reach a query (PostgreSQL would fail on it). */
export const isPossibleId = (payload: { db: { defaultIDType: 'number' | 'text' } }, key: string): boolean =>
  payload.db.defaultIDType === 'number'
    ? /^\d{1,10}$/.test(key) && Number(key) <= MAX_SQL_ID
    : /^[0-9a-f]{24}$/i.test(key)

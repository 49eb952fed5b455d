/** A relationship field's value as Payload returns it: an id, or the populated document. */
export type RelationValue = null | number | string | undefined | { id: number | string }

/** The id behind a relationship value, whether populated or not. */
export const relationId = (ref: RelationValue): null | number | string => (ref != null && typeof ref === 'object' ? ref.id : (ref ?? null))

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

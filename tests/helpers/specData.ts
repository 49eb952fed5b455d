import type { CollectionSlug, RequiredDataFromCollectionSlug } from 'payload'

/** Ids are numbers on the SQL adapters and strings on MongoDB; the generated types know only the numbers. */
type AnyId<T> = T extends number ? number | string : T extends (infer U)[] ? AnyId<U>[] : T

/** The fields a spec gives: any subset, each of its generated type (with ids of either kind). */
export type SpecData<TSlug extends CollectionSlug> = {
  [K in keyof RequiredDataFromCollectionSlug<TSlug>]?: AnyId<RequiredDataFromCollectionSlug<TSlug>[K]>
}

/**
 * Data for `payload.create`/`update` in a spec that gives only the fields it is about. The collection fills in the
 * rest (defaults, hooks) and its validation refuses what is still missing, which Payload's generated types cannot
 * know: they require every field that has a default. Field names and value types stay checked.
 */
export const specData = <TSlug extends CollectionSlug>(_collection: TSlug, data: SpecData<TSlug>) =>
  data as RequiredDataFromCollectionSlug<TSlug>

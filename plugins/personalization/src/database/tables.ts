import type { Payload } from 'payload'

/** The Drizzle table Payload created for a collection (SQL adapters), for the bulk reads and writes. */
export function sqlTable<T extends Record<string, unknown>>(payload: Payload, collection: string): T {
  const table = (payload.db as unknown as { tables: Record<string, T> }).tables[collection.replaceAll('-', '_')]
  if (!table) throw new Error(`No table for collection ${collection}`)
  return table
}

/**
 * The SQL type to cast a value to for a table's id column: a serial id is an integer once stored,
 * and `serial` itself is no type a value can be cast to.
 */
export const idCastType = (table: Record<string, unknown>): string =>
  (table.id as { getSQLType: () => string })
    .getSQLType()
    .replace(/^(small|big)?serial$/, (_, size = '') =>
      size === 'small' ? 'smallint' : size === 'big' ? 'bigint' : 'integer',
    )

const groups = new WeakMap<Payload, Map<string, Set<string>>>()

/** Names of a collection's group fields: stored as `group_field` columns (SQL) or sub-documents (MongoDB). Read once per collection: bulk writes ask per row. */
export function groupFields(payload: Payload, collection: string): Set<string> {
  let byCollection = groups.get(payload)
  if (!byCollection) groups.set(payload, (byCollection = new Map()))
  let names = byCollection.get(collection)
  if (!names) {
    const fields = payload.collections[collection as keyof typeof payload.collections]?.config.flattenedFields ?? []
    byCollection.set(
      collection,
      (names = new Set(fields.filter((field) => field.type === 'group').map((field) => field.name))),
    )
  }
  return names
}

const generated = new WeakMap<Payload, Map<string, [string, () => unknown][]>>()

/**
 * Top-level fields whose default is computed (`defaultValue: () => …`, e.g. a subscriber's link key):
 * bulk inserts skip Payload's hooks, but a row must not miss a value that only such a default gives.
 */
export function generatedDefaults(payload: Payload, collection: string): [string, () => unknown][] {
  let byCollection = generated.get(payload)
  if (!byCollection) generated.set(payload, (byCollection = new Map()))
  let defaults = byCollection.get(collection)
  if (!defaults) {
    const fields = payload.collections[collection as keyof typeof payload.collections]?.config.fields ?? []
    defaults = fields.flatMap((field) => {
      const computed =
        'defaultValue' in field && typeof field.defaultValue === 'function'
          ? (field.defaultValue as () => unknown)
          : null
      return computed && 'name' in field ? [[field.name, computed] as [string, () => unknown]] : []
    })
    byCollection.set(collection, defaults)
  }
  return defaults
}

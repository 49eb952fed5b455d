import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-sqlite'

import { idFromKey } from '../utilities/relation'
import { groupFields, sqlTable } from './tables'

/** Rows to insert and partial updates by id, written together or not at all. */
export type BulkWrite = {
  /** Rows whose relationship `field` points at the document `value` (e.g. all events of an erased subscriber). */
  deletes?: { collection: string; field: string; value: number | string }[]
  /** `ignoreConflicts`: rows that hit the unique index on `conflictKey` (e.g. a retried event id) are skipped, not an error. */
  inserts?: { collection: string; conflictKey?: string; docs: Record<string, unknown>[]; ignoreConflicts?: boolean }[]
  /** Only the given fields change; a nested object is a group field (`{ score: { fitEvents } }`). */
  updates?: { collection: string; data: Record<string, unknown>; id: string }[]
}

const CHUNK = 200

type Table = Record<string, unknown>
type SqlDatabase = {
  batch?: (queries: unknown[]) => Promise<unknown>
  delete: (table: Table) => { where: (condition: unknown) => unknown }
  insert: (table: Table) => { values: (rows: Record<string, unknown>[]) => { onConflictDoNothing: () => unknown } & PromiseLike<unknown> }
  transaction: <T>(run: (tx: SqlDatabase) => Promise<T>) => Promise<T>
  update: (table: Table) => { set: (values: Record<string, unknown>) => { where: (condition: unknown) => unknown } }
}

/**
 * High-volume writes (events, score hits, score columns) beside Payload's one-document API:
 * one statement per chunk of rows instead of one operation per document, in one transaction.
 * Hooks do not run; callers write only collections they own. Tables and columns come from
 * Payload's own schema, so the SQL stays what the migrations created.
 */
export async function writeAtomically(payload: Payload, ...writes: BulkWrite[]): Promise<void> {
  const inserts = writes.flatMap((write) => write.inserts ?? []).filter((insert) => insert.docs.length > 0)
  const updates = writes.flatMap((write) => write.updates ?? [])
  const deletes = writes.flatMap((write) => write.deletes ?? [])
  if (inserts.length === 0 && updates.length === 0 && deletes.length === 0) return
  if (payload.db.name === 'mongoose') return writeMongo(payload, inserts, updates, deletes)

  const db = payload.db as unknown as { drizzle: SqlDatabase }
  const now = new Date().toISOString()
  const table = (collection: string) => sqlTable<Table>(payload, collection)
  const columnsOf = (collection: string, doc: Record<string, unknown>) => columns(doc, groupFields(payload, collection))
  const sqlValue = (id: number | string) => idFromKey(payload, String(id))
  const statements = (tx: SqlDatabase) => [
    ...deletes.map(({ collection, field, value }) => {
      const target = table(collection)
      return tx.delete(target).where(sql`${target[field]} = ${sqlValue(value)}`)
    }),
    ...inserts.flatMap(({ collection, docs, ignoreConflicts }) =>
      chunks(docs).map((rows) => {
        const query = tx.insert(table(collection)).values(rows.map((doc) => ({ ...columnsOf(collection, doc), createdAt: now, updatedAt: now })))
        return ignoreConflicts ? query.onConflictDoNothing() : query
      }),
    ),
    ...groupedUpdates(updates, columnsOf).flatMap(({ collection, rows }) =>
      chunks(rows).map((chunk) => {
        const target = table(collection) as Table & { id: unknown }
        // One statement per chunk: SET column = CASE id WHEN … THEN … END, cast to the column's type.
        const values = Object.fromEntries(
          Object.keys(chunk[0].values).map((key) => {
            const column = target[key] as { getSQLType: () => string; mapToDriverValue: (value: unknown) => unknown }
            const driverValue = (value: unknown) => (value == null ? null : column.mapToDriverValue(value))
            const cases = chunk.map(({ id, values }) => sql`when ${sqlValue(id)} then cast(${driverValue(values[key])} as ${sql.raw(column.getSQLType())})`)
            return [key, sql`case ${target.id} ${sql.join(cases, sql` `)} end`]
          }),
        )
        return tx.update(target).set(values).where(sql`${target.id} in (${sql.join(chunk.map(({ id }) => sql`${sqlValue(id)}`), sql`, `)})`)
      }),
    ),
  ]
  if (payload.db.name === 'sqlite' && db.drizzle.batch) {
    // libsql runs a batch as one transaction without yielding, so no other query of this process interleaves.
    await db.drizzle.batch(statements(db.drizzle))
    return
  }
  await db.drizzle.transaction(async (tx) => {
    for (const statement of statements(tx)) await statement
  })
}

/** Updates of one collection that set the same columns, so each group can be one statement. */
function groupedUpdates(updates: NonNullable<BulkWrite['updates']>, columnsOf: (collection: string, doc: Record<string, unknown>) => Record<string, unknown>) {
  const groups = new Map<string, { collection: string; rows: { id: string; values: Record<string, unknown> }[] }>()
  for (const { collection, data, id } of updates) {
    const values = columnsOf(collection, data)
    const key = `${collection}:${Object.keys(values).sort().join(',')}`
    const group = groups.get(key) ?? { collection, rows: [] }
    group.rows.push({ id, values })
    groups.set(key, group)
  }
  return [...groups.values()]
}

/** Payload's column keys: top-level fields by name, group fields as `group_field`; dates as ISO text. */
function columns(doc: Record<string, unknown>, groups: Set<string>, prefix = ''): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(doc)) {
    const name = prefix ? `${prefix}_${key}` : key
    if (value instanceof Date) row[name] = value.toISOString()
    else if (prefix === '' && isGroup(groups, key, value)) Object.assign(row, columns(value as Record<string, unknown>, groups, name))
    else row[name] = value
  }
  return row
}

// JSON fields hold objects too: only the collection's group fields are flattened.
const isGroup = (groups: Set<string>, key: string, value: unknown) => groups.has(key) && value != null && typeof value === 'object'

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += CHUNK) result.push(items.slice(index, index + CHUNK))
  return result
}

type MongoModel = {
  bulkWrite: (ops: unknown[], options: unknown) => Promise<unknown>
  deleteMany: (filter: unknown, options: unknown) => Promise<unknown>
  insertMany: (docs: unknown[], options: unknown) => Promise<unknown>
}

/**
 * MongoDB: the same writes, in one multi-document transaction on a replica set (as Payload's own
 * transactions); on a standalone server, which Payload runs without transactions, one after another.
 * Conflicting inserts are skipped by an upsert on the unique key, which a transaction survives
 * (a duplicate-key error would abort it).
 */
async function writeMongo(
  payload: Payload,
  inserts: NonNullable<BulkWrite['inserts']>,
  updates: NonNullable<BulkWrite['updates']>,
  deletes: NonNullable<BulkWrite['deletes']>,
) {
  const adapter = payload.db as unknown as {
    collections: Record<string, MongoModel>
    connection: { transaction: (run: (session: unknown) => Promise<void>) => Promise<void> }
    transactionOptions: false | object
  }
  const now = new Date()
  const insert = async ({ collection, conflictKey, docs, ignoreConflicts }: NonNullable<BulkWrite['inserts']>[number], session: unknown) => {
    const stamped: Record<string, unknown>[] = docs.map((doc) => ({ ...doc, createdAt: now, updatedAt: now }))
    if (stamped.length === 0) return
    if (ignoreConflicts && conflictKey) {
      await adapter.collections[collection].bulkWrite(
        stamped.map((doc) => ({ updateOne: { filter: { [conflictKey]: doc[conflictKey] }, update: { $setOnInsert: doc }, upsert: true } })),
        { session },
      )
    } else {
      await adapter.collections[collection].insertMany(stamped, { ordered: true, session })
    }
  }
  // Without a transaction the rows that make a retry a duplicate (keyed inserts: event ids) go last:
  // a crash before them repeats the work on retry instead of losing it.
  const write = async (session: unknown) => {
    for (const { collection, field, value } of deletes) await adapter.collections[collection].deleteMany({ [field]: value }, { session })
    for (const entry of inserts.filter((entry) => !entry.conflictKey)) await insert(entry, session)
    for (const collection of new Set(updates.map((update) => update.collection))) {
      const list = updates.filter((update) => update.collection === collection)
      await adapter.collections[collection].bulkWrite(
        list.map(({ data, id }) => ({ updateOne: { filter: { _id: id }, update: { $set: dotted(data, groupFields(payload, collection)) } } })),
        { session },
      )
    }
    for (const entry of inserts.filter((entry) => entry.conflictKey)) await insert(entry, session)
  }
  if (adapter.transactionOptions === false) await write(undefined)
  else await adapter.connection.transaction(write)
}

function dotted(doc: Record<string, unknown>, groups: Set<string>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc).flatMap(([key, value]) =>
      prefix === '' && isGroup(groups, key, value) ? Object.entries(dotted(value as Record<string, unknown>, groups, `${key}.`)) : [[`${prefix}${key}`, value]],
    ),
  )
}

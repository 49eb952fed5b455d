import type { Payload, PayloadRequest } from 'payload'

import { idFromKey } from '../utilities/relation'
import { sql } from './sql'
import { generatedDefaults, groupFields, sqlTable } from './tables'

/** Rows to insert and partial updates by id, written together or not at all. */
export type BulkWrite = {
  /**
   * Rows matching every `where` entry get `set`; `renameUnique` gives each row's unique key the
   * value `<prefix><row id>`, so a key that named a person (e.g. `<campaign>:<subscriber>`) stops naming them.
   */
  anonymise?: {
    collection: string
    renameUnique?: { field: string; prefix: string }
    set: Record<string, unknown>
    where: Record<string, number | string>
  }[]
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
  insert: (table: Table) => {
    values: (rows: Record<string, unknown>[]) => { onConflictDoNothing: () => unknown } & PromiseLike<unknown>
  }
  transaction: <T>(run: (tx: SqlDatabase) => Promise<T>) => Promise<T>
  update: (table: Table) => { set: (values: Record<string, unknown>) => { where: (condition: unknown) => unknown } }
  /** A raw statement: `execute` on PostgreSQL, `run` (batchable) on SQLite. */
  execute?: (query: unknown) => PromiseLike<unknown>
  run?: (query: unknown) => PromiseLike<unknown>
}

/**
 * High-volume writes (events, score hits, score columns) beside Payload's one-document API:
 * one statement per chunk of rows instead of one operation per document, in one transaction.
 * Hooks do not run; callers write only collections they own. Tables and columns come from
 * Payload's own schema, so the SQL stays what the migrations created.
 */
export async function writeAtomically(payload: Payload, ...writes: BulkWrite[]): Promise<void> {
  const parts = collect(payload, writes)
  if (isEmpty(parts)) return
  if (payload.db.name === 'mongoose') return writeMongo(payload, parts)

  const db = payload.db as unknown as { drizzle: SqlDatabase }
  if (payload.db.name === 'sqlite' && db.drizzle.batch) {
    // libsql runs a batch as one transaction without yielding, so no other query of this process interleaves.
    await db.drizzle.batch(sqlStatements(payload, db.drizzle, parts))
    return
  }
  await db.drizzle.transaction(async (tx) => {
    for (const statement of sqlStatements(payload, tx, parts)) await statement
  })
}

/**
 * The same writes inside the transaction of a running Payload operation (`req`), so they commit or
 * roll back with it (PostgreSQL; MongoDB on a replica set). Without such a transaction — SQLite,
 * where Payload opens none — this is `writeAtomically`: one atomic batch of its own.
 */
export async function writeWithinOperation(req: PayloadRequest, ...writes: BulkWrite[]): Promise<void> {
  const { payload } = req
  const parts = collect(payload, writes)
  if (isEmpty(parts)) return
  const transactionID = await req.transactionID
  const session =
    transactionID == null
      ? undefined
      : (payload.db as unknown as { sessions: Record<string, { db?: SqlDatabase } & Record<string, unknown>> })
          .sessions[String(transactionID)]
  if (!session) return writeAtomically(payload, ...writes)
  // Payload keeps a MongoDB ClientSession per transaction, a Drizzle transaction (`db`) per SQL one.
  if (payload.db.name === 'mongoose') return writeMongoParts(payload, parts, session)
  for (const statement of sqlStatements(payload, session.db as SqlDatabase, parts)) await statement
}

type Parts = {
  anonymise: NonNullable<BulkWrite['anonymise']>
  deletes: NonNullable<BulkWrite['deletes']>
  inserts: NonNullable<BulkWrite['inserts']>
  updates: NonNullable<BulkWrite['updates']>
}

function collect(payload: Payload, writes: BulkWrite[]): Parts {
  return {
    anonymise: writes.flatMap((write) => write.anonymise ?? []),
    deletes: writes.flatMap((write) => write.deletes ?? []),
    inserts: writes
      .flatMap((write) => write.inserts ?? [])
      .filter((insert) => insert.docs.length > 0)
      .map((insert) => withGeneratedDefaults(payload, insert)),
    updates: writes.flatMap((write) => write.updates ?? []),
  }
}

/** Inserted rows get what a computed default would have given them (e.g. a new subscriber's link key). */
function withGeneratedDefaults(payload: Payload, insert: Parts['inserts'][number]): Parts['inserts'][number] {
  const defaults = generatedDefaults(payload, insert.collection)
  if (defaults.length === 0) return insert
  return {
    ...insert,
    // After the doc's own keys: a key the doc leaves undefined or null gets the computed value.
    docs: insert.docs.map((doc) => ({
      ...doc,
      ...Object.fromEntries(defaults.filter(([name]) => doc[name] == null).map(([name, value]) => [name, value()])),
    })),
  }
}

const isEmpty = (parts: Parts) => Object.values(parts).every((list) => list.length === 0)

/** One statement per delete, per chunk of inserted rows and per group of like updates; anonymising goes first, deletes next. */
function sqlStatements(payload: Payload, tx: SqlDatabase, { anonymise, deletes, inserts, updates }: Parts): unknown[] {
  const now = new Date().toISOString()
  const table = (collection: string) => sqlTable<Table>(payload, collection)
  const columnsOf = (collection: string, doc: Record<string, unknown>) => columns(doc, groupFields(payload, collection))
  const sqlValue = (id: number | string) => idFromKey(payload, String(id))
  const matching = (target: Table, where: Record<string, number | string>) =>
    sql.join(
      Object.entries(where).map(
        ([field, value]) =>
          sql`${target[field]} = ${field === 'id' || typeof value === 'number' ? sqlValue(value) : value}`,
      ),
      sql` and `,
    )
  return [
    ...anonymise.map(({ collection, renameUnique, set, where }) => {
      const target = table(collection)
      const renamed = renameUnique ? { [renameUnique.field]: sql`${renameUnique.prefix} || ${target.id}` } : {}
      return tx
        .update(target)
        .set({ ...columnsOf(collection, set), ...renamed, updatedAt: now })
        .where(matching(target, where))
    }),
    ...deletes.map(({ collection, field, value }) => {
      const target = table(collection)
      return tx.delete(target).where(sql`${target[field]} = ${sqlValue(value)}`)
    }),
    ...inserts.flatMap(({ collection, docs, ignoreConflicts }) =>
      chunks(docs).map((rows) => {
        const target = table(collection)
        // An undefined value is a key not given (drizzle writes the column's default for it).
        const values = rows.map((doc) => ({
          ...withoutUndefined(columnsOf(collection, doc)),
          createdAt: now,
          updatedAt: now,
        }))
        const asJson = insertFromJson(payload, tx, target, values, ignoreConflicts)
        if (asJson) return asJson
        const query = tx.insert(target).values(values)
        return ignoreConflicts ? query.onConflictDoNothing() : query
      }),
    ),
    ...groupedUpdates(updates, columnsOf).flatMap(({ collection, rows }) =>
      chunks(rows).map((chunk) =>
        updateFromValues(payload, tx, table(collection) as Table & { id: unknown }, chunk, sqlValue),
      ),
    ),
  ]
}

type SqlColumn = { getSQLType: () => string; mapToDriverValue: (value: unknown) => unknown; name: string }

/**
 * One statement for a chunk of rows that set the same columns, joined on id, so each row costs one
 * lookup (a `CASE id WHEN …` per column costs a comparison with every row of the chunk). The rows
 * travel as one JSON parameter, as in `insertFromJson`; PostgreSQL types them by the table's own
 * row type, SQLite's columns convert by their affinity.
 */
function updateFromValues(
  payload: Payload,
  tx: SqlDatabase,
  target: Table & { id: unknown },
  chunk: { id: string; values: Record<string, unknown> }[],
  sqlValue: (id: number | string) => unknown,
): unknown {
  const keys = Object.keys(chunk[0].values)
  const { json, names } = jsonRows(
    payload,
    target,
    keys,
    chunk.map(({ values }) => values),
    chunk.map(({ id }) => sqlValue(id)),
  )
  // The unpacked rows are named like the table's columns: one SET list serves both databases.
  const set = sql.join(
    names.map((name) => sql`${sql.identifier(name)} = v.${sql.identifier(name)}`),
    sql`, `,
  )
  if (payload.db.name === 'sqlite') {
    const fields = names.map((name) => sql`${jsonField(name)} as ${sql.identifier(name)}`)
    return tx.run!(
      sql`with v as (select ${jsonField('id')} as id, ${sql.join(fields, sql`, `)} from json_each(${json}))
        update ${target} set ${set} from v where ${target.id} = v.id`,
    )
  }
  return tx.execute!(
    sql`update ${target} set ${set}
      from json_populate_recordset(null::${target}, ${json}::json) as v where ${target.id} = v.id`,
  )
}

/**
 * An INSERT of rows that all set the same columns, with the rows as one JSON parameter that the
 * database unpacks (`json_populate_recordset` on PostgreSQL, `json_each` on SQLite). Drizzle spends
 * ~4.6 µs building each bound parameter, as long as the database takes to store the row
 * (docs/benchmarks.md#event-intake); one parameter per statement takes that away and keeps the
 * values bound, never spliced into the SQL. Null (drizzle's own INSERT instead) when the rows set
 * different columns, or when a column they leave out has a default that drizzle computes (UUID ids).
 */
function insertFromJson(
  payload: Payload,
  tx: SqlDatabase,
  target: Table,
  rows: Record<string, unknown>[],
  ignoreConflicts: boolean | undefined,
): unknown {
  const keys = Object.keys(rows[0])
  const sameColumns = rows.every((row) => {
    const rowKeys = Object.keys(row)
    return rowKeys.length === keys.length && rowKeys.every((key) => key in rows[0])
  })
  if (!sameColumns || keys.some((key) => !isColumn(target[key]))) return null
  const left = Object.entries(target).filter(([key, column]) => isColumn(column) && !keys.includes(key))
  if (left.some(([, column]) => (column as { defaultFn?: unknown }).defaultFn)) return null
  const { json, names } = jsonRows(payload, target, keys, rows)
  const list = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  )
  const conflicts = ignoreConflicts ? sql` on conflict do nothing` : sql``
  if (payload.db.name === 'sqlite')
    // SQLite needs the WHERE to tell an upsert's ON from a join's.
    return tx.run!(
      sql`insert into ${target} (${list}) select ${sql.join(names.map(jsonField), sql`, `)} from json_each(${json}) where true${conflicts}`,
    )
  return tx.execute!(
    sql`insert into ${target} (${list}) select ${list} from json_populate_recordset(null::${target}, ${json}::json)${conflicts}`,
  )
}

const wellFormed = (text: string): string => (text as unknown as { toWellFormed: () => string }).toWellFormed()

const withoutUndefined = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined))

/** One field of a `json_each` row (SQLite), as the SQL value it holds. */
const jsonField = (name: string) => sql`json_extract(value, ${sql.raw(`'$."${name}"'`)})`

/**
 * The rows as a JSON array keyed by column name, each value as drizzle would bind it (booleans as
 * 0/1 and JSON as its text on SQLite); PostgreSQL's JSON columns take the value itself, which
 * json_populate_recordset keeps as it is.
 */
function jsonRows(payload: Payload, target: Table, keys: string[], rows: Record<string, unknown>[], ids?: unknown[]) {
  const columns = keys.map((key) => target[key] as SqlColumn)
  const names = columns.map((column) => column.name)
  const driverValue = (column: SqlColumn, value: unknown) => {
    if (value == null) return null
    if (payload.db.name !== 'sqlite' && /^jsonb?$/.test(column.getSQLType())) return value
    const mapped = column.mapToDriverValue(value)
    // A lone surrogate (an emoji cut in half by a slice) would reach the database as a JSON escape
    // that PostgreSQL refuses and SQLite stores as invalid UTF-8; the driver made it U+FFFD before.
    return typeof mapped === 'string' ? wellFormed(mapped) : mapped
  }
  const json = JSON.stringify(
    rows.map((row, position) => {
      const values = Object.fromEntries(keys.map((key, index) => [names[index], driverValue(columns[index], row[key])]))
      // An update's row says which row it is under `id` (updates never set the id column itself).
      return ids ? { ...values, id: ids[position] } : values
    }),
  )
  return { json, names }
}

const isColumn = (value: unknown): value is SqlColumn =>
  value != null && typeof (value as SqlColumn).getSQLType === 'function'

/** Updates of one collection that set the same columns, so each group can be one statement. */
function groupedUpdates(
  updates: NonNullable<BulkWrite['updates']>,
  columnsOf: (collection: string, doc: Record<string, unknown>) => Record<string, unknown>,
) {
  const groups = new Map<string, { collection: string; rows: Map<string, Record<string, unknown>> }>()
  for (const { collection, data, id } of updates) {
    const values = columnsOf(collection, data)
    const key = `${collection}:${Object.keys(values).sort().join(',')}`
    const group = groups.get(key) ?? { collection, rows: new Map() }
    // The same row twice in one statement: the databases would each keep a different one; the last given wins.
    group.rows.set(id, values)
    groups.set(key, group)
  }
  return [...groups.values()].map(({ collection, rows }) => ({
    collection,
    rows: [...rows].map(([id, values]) => ({ id, values })),
  }))
}

/** Payload's column keys: top-level fields by name, group fields as `group_field`; dates as ISO text. */
function columns(doc: Record<string, unknown>, groups: Set<string>, prefix = ''): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(doc)) {
    const name = prefix ? `${prefix}_${key}` : key
    if (value instanceof Date) row[name] = value.toISOString()
    else if (prefix === '' && isGroup(groups, key, value))
      Object.assign(row, columns(value as Record<string, unknown>, groups, name))
    else row[name] = value
  }
  return row
}

// JSON fields hold objects too: only the collection's group fields are flattened.
const isGroup = (groups: Set<string>, key: string, value: unknown) =>
  groups.has(key) && value != null && typeof value === 'object'

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += CHUNK) result.push(items.slice(index, index + CHUNK))
  return result
}

type MongoModel = {
  bulkWrite: (ops: unknown[], options: unknown) => Promise<unknown>
  deleteMany: (filter: unknown, options: unknown) => Promise<unknown>
  find: (filter: unknown, projection: unknown) => { lean: () => Promise<{ _id: unknown }[]> }
  insertMany: (docs: unknown[], options: unknown) => Promise<unknown>
}

/**
 * MongoDB: the same writes, in one multi-document transaction on a replica set (as Payload's own
 * transactions); on a standalone server, which Payload runs without transactions, one after another.
 * Conflicting inserts are skipped by an upsert on the unique key, which a transaction survives
 * (a duplicate-key error would abort it).
 */
async function writeMongo(payload: Payload, parts: Parts) {
  const adapter = payload.db as unknown as {
    connection: { transaction: (run: (session: unknown) => Promise<void>) => Promise<void> }
    transactionOptions: false | object
  }
  if (adapter.transactionOptions === false) await writeMongoParts(payload, parts, undefined)
  else await adapter.connection.transaction((session) => writeMongoParts(payload, parts, session))
}

async function writeMongoParts(payload: Payload, { anonymise, deletes, inserts, updates }: Parts, session: unknown) {
  const models = (payload.db as unknown as { collections: Record<string, MongoModel> }).collections
  const key = (field: string) => (field === 'id' ? '_id' : field)
  const now = new Date()
  const insert = async ({ collection, conflictKey, docs, ignoreConflicts }: Parts['inserts'][number]) => {
    const stamped: Record<string, unknown>[] = docs.map((doc) => ({ ...doc, createdAt: now, updatedAt: now }))
    if (stamped.length === 0) return
    if (ignoreConflicts && conflictKey) {
      await models[collection].bulkWrite(
        stamped.map((doc) => ({
          updateOne: { filter: { [conflictKey]: doc[conflictKey] }, update: { $setOnInsert: doc }, upsert: true },
        })),
        { session },
      )
    } else {
      await models[collection].insertMany(stamped, { ordered: true, session })
    }
  }
  // Without a transaction the rows that make a retry a duplicate (keyed inserts: event ids) go last:
  // a crash before them repeats the work on retry instead of losing it.
  for (const { collection, renameUnique, set, where } of anonymise) {
    const filter = Object.fromEntries(Object.entries(where).map(([field, value]) => [key(field), value]))
    const rows = await models[collection].find(filter, { _id: 1 }).lean()
    const fields = dotted(set, groupFields(payload, collection))
    await models[collection].bulkWrite(
      rows.map((row) => ({
        updateOne: {
          filter: { _id: row._id },
          update: {
            $set: {
              ...fields,
              ...(renameUnique && { [renameUnique.field]: `${renameUnique.prefix}${String(row._id)}` }),
              updatedAt: now,
            },
          },
        },
      })),
      { session },
    )
  }
  for (const { collection, field, value } of deletes)
    await models[collection].deleteMany({ [key(field)]: value }, { session })
  for (const entry of inserts.filter((entry) => !entry.conflictKey)) await insert(entry)
  for (const collection of new Set(updates.map((update) => update.collection))) {
    const list = updates.filter((update) => update.collection === collection)
    await models[collection].bulkWrite(
      list.map(({ data, id }) => ({
        updateOne: { filter: { _id: id }, update: { $set: dotted(data, groupFields(payload, collection)) } },
      })),
      { session },
    )
  }
  for (const entry of inserts.filter((entry) => entry.conflictKey)) await insert(entry)
}

function dotted(doc: Record<string, unknown>, groups: Set<string>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc).flatMap(([key, value]) =>
      prefix === '' && isGroup(groups, key, value)
        ? Object.entries(dotted(value as Record<string, unknown>, groups, `${key}.`))
        : [[`${prefix}${key}`, value]],
    ),
  )
}

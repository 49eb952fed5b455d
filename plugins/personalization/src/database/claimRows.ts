import type { Payload } from 'payload'

import { sql } from './sql'

type SQL = ReturnType<typeof sql>
type Identifier = ReturnType<typeof sql.identifier>
import { randomUUID } from 'node:crypto'

import { runSql } from './runSql'
import { sqlTable } from './tables'

type Column = { name: string }
type Table = Record<string, Column>
type MongoModel = {
  find: (
    filter: unknown,
    projection?: unknown,
  ) => {
    lean: () => Promise<Record<string, unknown>[]>
    sort: (s: unknown) => { limit: (n: number) => { lean: () => Promise<Record<string, unknown>[]> } }
  }
  updateMany: (filter: unknown, update: unknown) => Promise<unknown>
}

export type ClaimQuery = {
  collection: string
  /** Only rows matching this (SQL, with the table's columns) can be claimed; the lease condition is added. */
  filter: (column: (field: string) => Identifier) => SQL
  /** The same for MongoDB. */
  mongoFilter: Record<string, unknown>
  /** Fields to return (Payload names); `id` always comes back. */
  fields: string[]
  leaseSeconds: number
  limit: number
  now: Date
}

/**
 * Hands up to `limit` matching rows to one worker: each gets a fresh `claim` and a `leaseUntil`,
 * atomically (SQLite has one writer; PostgreSQL skips rows another worker is claiming). A row whose
 * lease ran out (its worker died) can be claimed again. The collection needs `claim` (text) and
 * `leaseUntil` (date) fields; later writes should check the claim.
 */
export async function claimRows(
  payload: Payload,
  { collection, fields, filter, leaseSeconds, limit, mongoFilter, now }: ClaimQuery,
): Promise<{ claim: string; rows: Record<string, unknown>[] }> {
  const claim = randomUUID()
  const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000)
  if (payload.db.name === 'mongoose') {
    const model = (payload.db as unknown as { collections: Record<string, MongoModel> }).collections[collection]
    const free = { $and: [mongoFilter, { $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] }] }
    const candidates = await model.find(free, { _id: 1 }).sort({ _id: 1 }).limit(limit).lean()
    // The filter is repeated in the update: a row another worker claimed in between is not taken.
    await model.updateMany({ ...free, _id: { $in: candidates.map((row) => row._id) } }, { $set: { claim, leaseUntil } })
    const rows = await model.find({ claim }).lean()
    return { claim, rows: rows.map((row) => ({ ...row, id: String(row._id) })) }
  }
  const table = sqlTable<Table>(payload, collection)
  const tableName = sql.identifier(collection.replaceAll('-', '_'))
  const column = (field: string) => sql.identifier(table[field].name)
  const lock = payload.db.name === 'postgres' ? sql` for update skip locked` : sql``
  const rows = await runSql(
    payload,
    sql`update ${tableName} set ${column('claim')} = ${claim}, ${column('leaseUntil')} = ${leaseUntil.toISOString()}
      where ${column('id')} in (
        select ${column('id')} from ${tableName}
        where ${filter(column)} and (${column('leaseUntil')} is null or ${column('leaseUntil')} < ${now.toISOString()})
        order by ${column('id')} limit ${limit}${lock})
      returning ${sql.join([sql`${column('id')} as id`, ...fields.map((field) => sql`${column(field)} as ${sql.identifier(field)}`)], sql`, `)}`,
  )
  return { claim, rows: rows.sort((a, b) => Number(a.id) - Number(b.id)) }
}

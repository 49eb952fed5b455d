import type { Payload } from 'payload'

import { sql } from './sql'
import { sqlTable } from './tables'

/** Rows whose column is one of `in`, or (`atLeast`) not before a date. */
export type RowFilter = { field: string; in: (number | string)[] } | { atLeast: Date; field: string }

type Table = Record<string, unknown> & { id: unknown }
type Rows = Promise<Record<string, unknown>[]>
type SqlQuery = Rows & { orderBy: (order: unknown) => SqlQuery & { limit: (count: number) => Rows } }
type SqlDatabase = {
  select: (columns: Record<string, unknown>) => { from: (table: Table) => { where: (condition: unknown) => SqlQuery } }
}
type MongoQuery = { lean: () => Rows; limit: (count: number) => MongoQuery; sort: (order: unknown) => MongoQuery }
type MongoModel = { find: (filter: unknown, projection: unknown) => MongoQuery }

/** The newest rows first, by a date column, and at most `limit` of them. */
export type RowOrder = { limit: number; newestBy: string }

/**
 * The hot path's reads (a batch's subscribers, scores, cap counts): named columns of the rows
 * matching every filter, straight from the tables, without Payload's per-document hooks.
 * Columns use Payload's keys: `score_fitEvents` for a group field, `subscriber` for a relationship id.
 * Ids in filters must be of the database's own type (see idFromKey); values come back as stored (dates as text).
 */
export async function readRows(
  payload: Payload,
  collection: string,
  columns: string[],
  filters: RowFilter[],
  order?: RowOrder,
): Promise<Record<string, unknown>[]> {
  if (filters.some((filter) => 'in' in filter && filter.in.length === 0)) return []
  if (payload.db.name === 'mongoose') {
    const model = (payload.db as unknown as { collections: Record<string, MongoModel> }).collections[collection]
    const path = (column: string) => (column === 'id' ? '_id' : column.replace('_', '.'))
    const query = model.find(
      Object.fromEntries(
        filters.map((filter) => [path(filter.field), 'in' in filter ? { $in: filter.in } : { $gte: filter.atLeast }]),
      ),
      Object.fromEntries(columns.map((column) => [path(column), 1])),
    )
    const docs = await (order ? query.sort({ [path(order.newestBy)]: -1 }).limit(order.limit) : query).lean()
    return docs.map((doc) =>
      Object.fromEntries(
        columns.map((column) => [
          column,
          path(column)
            .split('.')
            .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc),
        ]),
      ),
    )
  }
  const db = payload.db as unknown as { drizzle: SqlDatabase }
  const table = sqlTable<Table>(payload, collection)
  const conditions = filters.map((filter) =>
    'in' in filter
      ? sql`${table[filter.field]} in (${sql.join(
          filter.in.map((value) => sql`${value}`),
          sql`, `,
        )})`
      : sql`${table[filter.field]} >= ${filter.atLeast.toISOString()}`,
  )
  const query = db.drizzle
    .select(Object.fromEntries(columns.map((column) => [column, table[column]])))
    .from(table)
    .where(sql.join(conditions, sql` and `))
  return order ? query.orderBy(sql`${table[order.newestBy]} desc`).limit(order.limit) : query
}

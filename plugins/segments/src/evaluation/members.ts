import type { Payload, PayloadRequest, Where } from 'payload'

import { sql } from '@kontorwerk/personalization'

import type { RuleGroup } from '../rules/types'
import type { Environment } from './environment'

import { compileTree, type Dialect } from './compileSql'
import { loadFacts } from './facts'
import { evaluate } from './matches'
import { whereSuperset } from './whereSuperset'

type SqlDatabase = {
  all?: (query: unknown) => Promise<Record<string, unknown>[]>
  execute?: (query: unknown) => Promise<{ rows: Record<string, unknown>[] }>
  transaction?: <T>(run: (tx: SqlDatabase) => Promise<T>) => Promise<T>
}

/** SQLite and PostgreSQL get the compiled query; MongoDB (and anything else) the in-memory form, page by page. */
export const dialectOf = (payload: Payload): Dialect | null =>
  payload.db.name === 'sqlite' ? 'sqlite' : payload.db.name === 'postgres' ? 'postgres' : null

/**
 * Runs a compiled segment query. On PostgreSQL without JIT: the correlated subqueries push the
 * planner's cost estimate far over the JIT thresholds, and compiling then took longer (0.2–0.5 s)
 * than running the query (measured in bench/segments.ts).
 */
async function rows(payload: Payload, query: unknown): Promise<Record<string, unknown>[]> {
  const db = (payload.db as unknown as { drizzle: SqlDatabase }).drizzle
  if (db.all) return db.all(query)
  return db.transaction!(async (tx) => {
    await tx.execute!(sql`set local jit = off`)
    return (await tx.execute!(query)).rows
  })
}

/** How many subscribers the tree selects. */
export async function countMembers(
  payload: Payload,
  tree: RuleGroup,
  env: Environment,
  req?: PayloadRequest,
): Promise<number> {
  const dialect = dialectOf(payload)
  if (dialect) {
    const [row] = await rows(
      payload,
      sql`select count(*) as count from subscribers s where ${compileTree(tree, env, dialect)}`,
    )
    return Number(row.count)
  }
  let count = 0
  for await (const page of scanMembers(payload, tree, env, req)) count += page.length
  return count
}

/** One page of member ids in id order, after a given id (keyset paging: stable while members change). */
export async function memberIds(
  payload: Payload,
  tree: RuleGroup,
  env: Environment,
  { after, limit, offset = 0 }: { after?: null | string; limit: number; offset?: number },
  req?: PayloadRequest,
): Promise<string[]> {
  const dialect = dialectOf(payload)
  if (dialect) {
    const from = after == null ? sql`` : sql` and s.id > ${Number(after)}`
    const found = await rows(
      payload,
      sql`select s.id as id from subscribers s where ${compileTree(tree, env, dialect)}${from} order by s.id limit ${limit} offset ${offset}`,
    )
    return found.map((row) => String(row.id))
  }
  const ids: string[] = []
  for await (const page of scanMembers(payload, tree, env, req, after)) {
    ids.push(...page)
    if (ids.length >= offset + limit) break
  }
  return ids.slice(offset, offset + limit)
}

/** Every member, page by page, for exports and freezing. */
export async function* allMembers(
  payload: Payload,
  tree: RuleGroup,
  env: Environment,
  pageSize: number,
  req?: PayloadRequest,
): AsyncGenerator<string[]> {
  let after: null | string = null
  for (;;) {
    const page = await memberIds(payload, tree, env, { after, limit: pageSize }, req)
    if (page.length) yield page
    if (page.length < pageSize) return
    after = page[page.length - 1]
  }
}

/**
 * The form for databases without the SQL compiler (MongoDB): Payload's `where` narrows to the
 * candidates it can recognise, and the in-memory evaluator decides on each, in id order, with
 * facts read in bulk per page. Exported for the tests, which hold it to the SQL form.
 */
export async function* scanMembers(
  payload: Payload,
  tree: RuleGroup,
  env: Environment,
  req?: PayloadRequest,
  after?: null | string,
  pageSize = 500,
): AsyncGenerator<string[]> {
  let cursor = after ?? null
  const narrowed = whereSuperset(tree, env)
  for (;;) {
    const page: Where[] = [
      ...(cursor == null ? [] : [{ id: { greater_than: cursor } }]),
      ...(narrowed ? [narrowed] : []),
    ]
    const { docs } = await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: pageSize,
      pagination: false,
      req,
      select: {},
      sort: 'id',
      where: page.length ? { and: page } : {},
    })
    if (!docs.length) return
    const ids = docs.map((doc) => String(doc.id))
    const facts = await loadFacts(payload, ids, tree, env, req)
    yield facts
      .filter((each) => evaluate(tree, each, env))
      .map((each) => each.id)
      .sort(byId(payload))
    if (docs.length < pageSize) return
    cursor = ids[ids.length - 1]
  }
}

const byId = (payload: Payload) => (a: string, b: string) =>
  payload.db.defaultIDType === 'number' ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0

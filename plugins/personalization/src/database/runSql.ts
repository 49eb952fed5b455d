import type { Payload } from 'payload'

type SqlDatabase = {
  all?: (query: unknown) => Promise<Record<string, unknown>[]>
  execute?: (query: unknown) => Promise<{ rows: Record<string, unknown>[] }>
}

/** One raw SQL statement (Drizzle's `sql`) on SQLite (`all`) or PostgreSQL (`execute`), its rows as plain objects. */
export async function runSql(payload: Payload, query: unknown): Promise<Record<string, unknown>[]> {
  const db = (payload.db as unknown as { drizzle: SqlDatabase }).drizzle
  if (db.all) return db.all(query)
  return (await db.execute!(query)).rows
}

/**
 * Several raw statements in one transaction: one libsql batch on SQLite (it does not yield to
 * other queries of the process), a Drizzle transaction on PostgreSQL.
 */
export async function runSqlAtomically(payload: Payload, queries: unknown[]): Promise<void> {
  const db = (payload.db as unknown as { drizzle: AtomicDatabase }).drizzle
  if (db.batch && db.run) {
    await db.batch(queries.map((query) => db.run!(query)))
    return
  }
  await db.transaction(async (tx) => {
    for (const query of queries) await tx.execute!(query)
  })
}

type AtomicDatabase = {
  batch?: (queries: unknown[]) => Promise<unknown>
  execute?: (query: unknown) => Promise<unknown>
  run?: (query: unknown) => unknown
  transaction: (run: (tx: AtomicDatabase) => Promise<void>) => Promise<void>
}

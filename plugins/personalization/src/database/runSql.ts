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

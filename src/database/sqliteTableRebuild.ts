import type { MigrateUpArgs } from '@payloadcms/db-sqlite'

import { sql } from '@payloadcms/db-sqlite'

type SqliteMigrationDb = MigrateUpArgs['db']

/**
 * Runs a generated SQLite migration that rebuilds tables (create `__new_x`, copy, drop `x`, rename),
 * the way SQLite's documentation prescribes for changes ALTER TABLE cannot make: foreign keys off
 * for the whole rebuild and everything in one transaction, the keys checked before the commit.
 *
 * Why not as generated: drizzle-kit switches foreign keys back on after the first table, so
 * dropping a parent table later would cascade-delete its children's rows (data loss), and without
 * a transaction a crash would leave half the tables rebuilt. Payload runs SQLite migrations without
 * a transaction of its own, so this one is ours to open and close.
 */
export async function rebuildTables(db: SqliteMigrationDb, statements: () => Promise<void>): Promise<void> {
  // Has no effect inside a transaction, so it comes first.
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`BEGIN IMMEDIATE;`)
  try {
    const sequences = await autoincrementSequences(db)
    await statements()
    await restoreSequences(db, sequences)
    const violations = await db.all(sql`PRAGMA foreign_key_check;`)
    if (violations.length > 0)
      throw new Error(
        `Table rebuild would break ${violations.length} foreign keys: ${JSON.stringify(violations.slice(0, 5))}`,
      )
    await db.run(sql`COMMIT;`)
  } catch (error) {
    await db.run(sql`ROLLBACK;`)
    throw error
  } finally {
    await db.run(sql`PRAGMA foreign_keys=ON;`)
  }
}

type Sequence = { name: string; seq: number }

/** Each AUTOINCREMENT table's highest id ever handed out (`sqlite_sequence`; absent before the first such table). */
async function autoincrementSequences(db: SqliteMigrationDb): Promise<Sequence[]> {
  const [exists] = await db.all(sql`select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'`)
  if (!exists) return []
  return ((await db.all(sql`select name, seq from sqlite_sequence`)) as Sequence[]).map(({ name, seq }) => ({
    name,
    seq: Number(seq),
  }))
}

/**
 * Dropping a table drops its `sqlite_sequence` row, and the rebuilt one counts on from its highest
 * remaining id: ids of deleted rows (an erased subscriber's) would be handed out again, against the
 * rule that ids are never reused (decisions.md). The counters go back to where they were.
 */
async function restoreSequences(db: SqliteMigrationDb, sequences: Sequence[]): Promise<void> {
  for (const { name, seq } of sequences) {
    const [table] = await db.all(sql`select 1 from sqlite_master where type = 'table' and name = ${name}`)
    if (!table) continue
    const [current] = (await db.all(sql`select seq from sqlite_sequence where name = ${name}`)) as { seq: number }[]
    if (!current) await db.run(sql`insert into sqlite_sequence (name, seq) values (${name}, ${seq})`)
    else if (Number(current.seq) < seq) await db.run(sql`update sqlite_sequence set seq = ${seq} where name = ${name}`)
  }
}

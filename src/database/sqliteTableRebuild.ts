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
    await statements()
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

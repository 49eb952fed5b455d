import type { DatabaseAdapterObj, Migration, Payload } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import path from 'node:path'

import { databaseUri } from '../config/env'
import { migrations as postgresMigrations } from './migrations/postgres/index'
import { migrations as sqliteMigrations } from './migrations/sqlite/index'

export type DatabaseKind = 'mongodb' | 'postgres' | 'sqlite'

const migrationsRoot = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'src/database/migrations')

/** The one place that maps DATABASE_URI to a database kind. */
export function databaseKind(uri: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(uri)) return 'postgres'
  if (/^mongodb(\+srv)?:\/\//i.test(uri)) return 'mongodb'
  if (/^(file:|libsql:)/i.test(uri)) return 'sqlite'
  throw new Error(`DATABASE_URI "${redact(uri)}" is not supported: use file:… (SQLite), postgres://… or mongodb://…`)
}

export type AdapterOptions = {
  /** Derive the schema from the config instead of migrating (only to compare the two in tests). */
  push?: boolean
}

/**
 * SQL schemas come from the committed migrations in every environment (dev, test, production),
 * so a database never mixes Payload's dev-mode push with migrations; see `runMigrations`.
 */
export function databaseAdapter(uri = databaseUri(), { push = false }: AdapterOptions = {}): DatabaseAdapterObj {
  switch (databaseKind(uri)) {
    case 'postgres':
      return postgresAdapter({
        migrationDir: path.join(migrationsRoot, 'postgres'),
        pool: { connectionString: uri },
        push,
      })
    case 'mongodb':
      // Schemaless: MongoDB needs no migrations for the core model.
      return mongooseAdapter({ url: uri })
    case 'sqlite':
      // WAL: readers never wait for the writer, and one sync per commit instead of two (journal + file).
      // AUTOINCREMENT: an id is never handed out twice, even after its row was deleted (an erased
      // subscriber's id must not become the next sign-up's; PostgreSQL sequences and ObjectIds never repeat).
      return sqliteAdapter({
        autoIncrement: true,
        busyTimeout: 5_000,
        client: { url: uri },
        migrationDir: path.join(migrationsRoot, 'sqlite'),
        push,
        wal: true,
      })
  }
}

/** Applies the migrations the database has not seen yet; a no-op for MongoDB. */
export async function runMigrations(payload: Payload): Promise<void> {
  const migrations = MIGRATIONS[payload.db.name as DatabaseKind]
  if (migrations) await payload.db.migrate({ migrations })
}

/** The names of the migrations this code ships for the payload's database; null for MongoDB (none). */
export function expectedMigrations(payload: Payload): null | string[] {
  return MIGRATIONS[payload.db.name as DatabaseKind]?.map((migration) => migration.name) ?? null
}

// Generated migrations type their arguments per adapter; Payload's Migration is the common shape.
const MIGRATIONS: Partial<Record<DatabaseKind, Migration[]>> = {
  postgres: postgresMigrations as unknown as Migration[],
  sqlite: sqliteMigrations as unknown as Migration[],
}

function redact(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')
}

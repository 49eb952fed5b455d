import type { DatabaseAdapterObj } from 'payload'

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
  throw new Error(
    `DATABASE_URI "${redact(uri)}" is not supported: use file:… (SQLite), postgres://… or mongodb://…`,
  )
}

export function databaseAdapter(uri = databaseUri()): DatabaseAdapterObj {
  switch (databaseKind(uri)) {
    case 'postgres':
      return postgresAdapter({
        migrationDir: path.join(migrationsRoot, 'postgres'),
        pool: { connectionString: uri },
        prodMigrations: postgresMigrations,
      })
    case 'mongodb':
      // Schemaless: MongoDB needs no migrations for the core model.
      return mongooseAdapter({ url: uri })
    case 'sqlite':
      return sqliteAdapter({
        client: { url: uri },
        migrationDir: path.join(migrationsRoot, 'sqlite'),
        prodMigrations: sqliteMigrations,
      })
  }
}

function redact(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@')
}

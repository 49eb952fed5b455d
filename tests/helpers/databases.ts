import { randomBytes } from 'node:crypto'
import pg from 'pg'

export type DatabaseKind = 'mongodb' | 'postgres' | 'sqlite'

/**
 * The databases this run can test against: SQLite always, PostgreSQL when scripts/postgres.sh
 * provided TEST_POSTGRES_URI, MongoDB when MONGODB_URI is set (no server can be installed here).
 */
export function testedDatabases(): DatabaseKind[] {
  const kinds: DatabaseKind[] = ['sqlite']
  if (process.env.TEST_POSTGRES_URI) kinds.push('postgres')
  if (process.env.MONGODB_URI) kinds.push('mongodb')
  return kinds
}

export function reportSkippedDatabases(): void {
  if (!process.env.TEST_POSTGRES_URI)
    console.warn('PostgreSQL suites skipped: TEST_POSTGRES_URI is not set (npm test sets it up)')
  if (!process.env.MONGODB_URI) console.warn('MongoDB suites skipped: set MONGODB_URI to run them')
}

export type ThrowawayDatabase = { drop: () => Promise<void>; uri: string }

/**
 * A fresh database of the given kind that `drop` removes again: empty, or for PostgreSQL a copy of
 * the `template` database (tests/helpers/demoTemplates.ts).
 */
export async function throwawayDatabase(
  kind: DatabaseKind,
  dir: string,
  template?: string,
): Promise<ThrowawayDatabase> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  switch (kind) {
    case 'sqlite':
      return { drop: async () => {}, uri: `file:${dir}/${name}.db` }
    case 'postgres': {
      const admin = process.env.TEST_POSTGRES_URI as string
      await withPg(admin, (client) => createPostgres(client, name, template))
      const uri = withDatabaseName(admin, name)
      return { drop: () => dropPostgres(admin, name), uri }
    }
    case 'mongodb': {
      const uri = withDatabaseName(process.env.MONGODB_URI as string, name)
      const drop = async () => {
        const { MongoClient } = await import('mongodb')
        const client = await MongoClient.connect(uri)
        await client.db().dropDatabase()
        await client.close()
      }
      return { drop, uri }
    }
  }
}

/**
 * Drops a test database, ending its connections. FORCE may not end a server process of another
 * role (autovacuum, which starts on a busy new database): that is answered 42501, so wait for it.
 */
async function dropPostgres(admin: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withPg(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
      return
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt >= 20) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

/**
 * CREATE DATABASE, from a template when given. PostgreSQL refuses to copy a template while another
 * session is connected to it (55006), which a clone in the other worker briefly is: try again.
 */
async function createPostgres(client: pg.Client, name: string, template?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
      return
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 40) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

export function withDatabaseName(uri: string, name: string): string {
  const url = new URL(uri)
  url.pathname = `/${name}`
  return url.toString()
}

export async function withPg<T>(uri: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

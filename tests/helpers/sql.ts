import { createClient } from '@libsql/client'
import pg from 'pg'

/** One SQL query against a test server's database (SQLite or PostgreSQL), its rows as plain objects; `?` placeholders on both. */
export async function query(
  databaseUri: string,
  text: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  if (databaseUri.startsWith('file:')) {
    const client = createClient({ url: databaseUri })
    try {
      return (await client.execute({ args: params as never, sql: text })).rows.map((row) => ({ ...row }))
    } finally {
      client.close()
    }
  }
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  try {
    let index = 0
    return (
      await client.query(
        text.replace(/\?/g, () => `$${++index}`),
        params,
      )
    ).rows
  } finally {
    await client.end()
  }
}

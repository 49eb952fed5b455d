import { runSql, sql } from '@kontorwerk/personalization'

import { expectedMigrations } from '../../database/adapter'
import { type ReadinessCheck } from './check'

/**
 * Every migration this code ships has been applied (`payload_migrations`). The server applies them
 * when it starts; a worker started before the server of a new release reports them pending until
 * then. A database newer than the code (a rollback) is named but not failed: its extra migrations
 * are additive as long as the release notes do not say otherwise.
 */
export const migrationsCheck: ReadinessCheck = {
  name: 'migrations',
  run: async (payload) => {
    const expected = expectedMigrations(payload)
    if (!expected) return { detail: 'no migrations (MongoDB)', ok: true }
    if ((payload.db as { push?: boolean }).push)
      return { detail: 'development push mode: the schema follows the config, no migrations', ok: true }
    const rows = await runSql(payload, sql`select name, batch from payload_migrations`)
    if (rows.some((row) => Number(row.batch) === -1))
      return { detail: 'the schema was pushed in development mode (batch -1): migrate a fresh database', ok: false }
    const applied = new Set(rows.map((row) => String(row.name)))
    const pending = expected.filter((name) => !applied.has(name))
    if (pending.length) return { detail: `pending: ${pending.join(', ')}`, ok: false }
    const known = new Set(expected)
    const unknown = [...applied].filter((name) => !known.has(name))
    return unknown.length
      ? { detail: `applied, and newer ones this code does not know: ${unknown.join(', ')}`, ok: true }
      : { detail: `${expected.length} applied`, ok: true }
  },
}

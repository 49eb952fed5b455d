import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-sqlite'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { buildConfig, getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Subscriber } from '../payload-types'

import { subscriberFromToken } from '@kontorwerk/consent'
import { type DatabaseKind, testedDatabases, throwawayDatabase, type ThrowawayDatabase } from '../../tests/helpers/databases'
import { query } from '../../tests/helpers/sql'
import { signClaims } from '@kontorwerk/personalization'
import { closeDatabase } from './close'
import { runSql } from '@kontorwerk/personalization'

const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/upgrade')

/** A database exactly as the product left it at d42aea0 (demo data, a sent A/B campaign, scores, an automation run). */
async function restoreFixture(kind: DatabaseKind, dir: string): Promise<ThrowawayDatabase> {
  const database = await throwawayDatabase(kind, dir)
  if (kind === 'sqlite') {
    fs.writeFileSync(database.uri.slice('file:'.length), zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, 'd42aea0.sqlite.db.gz'))))
  } else {
    const dump = zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, 'd42aea0.postgres.sql.gz')))
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', database.uri, '-f', '-'], { input: dump, stdio: ['pipe', 'ignore', 'inherit'] })
  }
  return database
}

async function tableCounts(kind: DatabaseKind, uri: string): Promise<Record<string, number>> {
  const tables = await query(uri, kind === 'sqlite' ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'" : "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")
  const counts: Record<string, number> = {}
  for (const { name } of tables) counts[String(name)] = Number((await query(uri, `select count(*) as n from "${String(name)}"`))[0].n)
  return counts
}

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('upgrading a database made by the previous version (%s)', (kind) => {
  let dir: string
  let database: ThrowawayDatabase
  let before: Record<string, number>
  let payload: Payload

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `upgrade-${kind}-`))
    process.env.DATA_DIR ??= dir
    database = await restoreFixture(kind, dir)
    before = await tableCounts(kind, database.uri)
    const { appConfig } = await import('../config/appConfig')
    // Booting applies the pending migrations, as `npm start` does after an update.
    payload = await getPayload({ config: await buildConfig(appConfig({ databaseUri: database.uri })), key: `upgrade-${database.uri}` })
  })
  afterAll(async () => {
    if (payload) await closeDatabase(payload)
    await database?.drop()
    fs.rmSync(dir, { force: true, recursive: true })
  })

  it('keeps every row of every table', async () => {
    expect(before.subscribers).toBe(201)
    expect(before.campaign_sends).toBe(92)
    expect(before.automation_runs).toBe(1)
    const after = await tableCounts(kind, database.uri)
    for (const [table, count] of Object.entries(before)) {
      if (table === 'payload_migrations') expect(after[table], table).toBeGreaterThan(count)
      else expect(after[table], table).toBe(count)
    }
  })

  it('gives every existing subscriber its own legacy link key, so links already mailed keep working', async () => {
    const rows = await query(database.uri, 'select id, link_key from subscribers')
    expect(rows.every((row) => String(row.link_key).startsWith('legacy:'))).toBe(true)
    expect(new Set(rows.map((row) => row.link_key)).size).toBe(rows.length)
    // An unsubscribe link from a mail sent before the update (no key in it) still works.
    const oldLink = signClaims(payload, { e: Math.floor(Date.now() / 1000) + 3600, p: 'unsubscribe', s: String(rows[0].id) }, 'subscriber-token')
    expect((await subscriberFromToken(payload, oldLink, 'unsubscribe'))?.id).toBe(rows[0].id)
  })

  it('never hands out an id again, not even that of the last subscriber deleted', async () => {
    const highest = (await payload.find({ collection: 'subscribers', limit: 1, sort: '-id' })).docs[0] as Subscriber
    await payload.delete({ id: highest.id, collection: 'subscribers' })
    const next = await payload.create({ collection: 'subscribers', data: { email: `nach-dem-update-${kind}@example.com` } as never })
    expect(Number(next.id)).toBeGreaterThan(Number(highest.id))
    if (kind === 'sqlite') {
      const [table] = await runSql(payload, sql`select sql from sqlite_master where name = 'subscribers'`)
      expect(String(table.sql)).toMatch(/AUTOINCREMENT/)
    }
  })
})

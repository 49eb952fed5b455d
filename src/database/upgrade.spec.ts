import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-sqlite'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { buildConfig, getPayload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { subscriberFromToken } from '@kontorwerk/consent'
import { runSql, signClaims, signSubscriberToken } from '@kontorwerk/personalization'

import type { Subscriber } from '../payload-types'

import {
  type DatabaseKind,
  testedDatabases,
  throwawayDatabase,
  type ThrowawayDatabase,
} from '../../tests/helpers/databases'
import { query } from '../../tests/helpers/sql'
import { closeDatabase } from './close'

const FIXTURES = path.resolve(import.meta.dirname, '../../tests/fixtures/upgrade')

/**
 * Databases exactly as earlier versions left them (demo data, a sent A/B campaign, consent records,
 * scores, an automation run): d42aea0 before link keys and never-reused ids, 73c3d4c the last
 * version before the code moved into installable packages.
 */
const RELEASES = [
  { commit: 'd42aea0', legacyLinkKeys: true },
  { commit: '73c3d4c', legacyLinkKeys: false },
]

async function restoreFixture(kind: DatabaseKind, commit: string, dir: string): Promise<ThrowawayDatabase> {
  const database = await throwawayDatabase(kind, dir)
  if (kind === 'sqlite') {
    fs.writeFileSync(
      database.uri.slice('file:'.length),
      zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, `${commit}.sqlite.db.gz`))),
    )
  } else {
    const dump = zlib.gunzipSync(fs.readFileSync(path.join(FIXTURES, `${commit}.postgres.sql.gz`)))
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-d', database.uri, '-f', '-'], {
      input: dump,
      stdio: ['pipe', 'ignore', 'inherit'],
    })
  }
  return database
}

async function tableCounts(kind: DatabaseKind, uri: string): Promise<Record<string, number>> {
  const tables = await query(
    uri,
    kind === 'sqlite'
      ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
      : "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  )
  const counts: Record<string, number> = {}
  for (const { name } of tables)
    counts[String(name)] = Number((await query(uri, `select count(*) as n from "${String(name)}"`))[0].n)
  return counts
}

const cases = testedDatabases()
  .filter((kind) => kind !== 'mongodb')
  .flatMap((kind) => RELEASES.map((release) => ({ ...release, kind })))

describe.each(cases)('upgrading a database made by $commit ($kind)', ({ commit, kind, legacyLinkKeys }) => {
  let dir: string
  let database: ThrowawayDatabase
  let before: Record<string, number>
  let payload: Payload

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `upgrade-${commit}-${kind}-`))
    process.env.DATA_DIR ??= dir
    database = await restoreFixture(kind, commit, dir)
    before = await tableCounts(kind, database.uri)
    const { appConfig } = await import('../config/appConfig')
    // Booting applies the pending migrations, as `npm start` does after an update.
    payload = await getPayload({
      config: await buildConfig(appConfig({ databaseUri: database.uri })),
      key: `upgrade-${database.uri}`,
    })
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
    expect(before.consent_records).toBe(851)
    expect(before.score_hits).toBe(141)
    const after = await tableCounts(kind, database.uri)
    // Issue 15: stored purchases moved into the events, their table is gone.
    const purchases = before.subscribers_purchases ?? 0
    for (const [table, count] of Object.entries(before)) {
      if (table === 'payload_migrations') expect(after[table], table).toBeGreaterThanOrEqual(count)
      else if (table === 'subscribers_purchases') expect(after[table], table).toBeUndefined()
      else if (table === 'events') expect(after[table], table).toBe(count + purchases)
      else expect(after[table], table).toBe(count)
    }
  })

  it('turns every purchase stored on a profile into a purchase event of that subscriber', async () => {
    const [{ migrated }] = await query(
      database.uri,
      "select count(*) as migrated from events where type = 'purchase' and event_id like 'migrated-purchase:%'",
    )
    expect(before.subscribers_purchases).toBeGreaterThan(0)
    expect(Number(migrated)).toBe(before.subscribers_purchases)
  })

  it.runIf(legacyLinkKeys)(
    'gives every existing subscriber its own legacy link key, so links already mailed keep working',
    async () => {
      const rows = await query(database.uri, 'select id, link_key from subscribers')
      expect(rows.every((row) => String(row.link_key).startsWith('legacy:'))).toBe(true)
      expect(new Set(rows.map((row) => row.link_key)).size).toBe(rows.length)
      // An unsubscribe link from a mail sent before the update (no key in it) still works.
      const oldLink = signClaims(
        payload,
        { e: Math.floor(Date.now() / 1000) + 3600, p: 'unsubscribe', s: String(rows[0].id) },
        'subscriber-token',
      )
      expect((await subscriberFromToken(payload, oldLink, 'unsubscribe'))?.id).toBe(rows[0].id)
    },
  )

  it.runIf(!legacyLinkKeys)(
    'opens the preference center from a link mailed before the update, with the consent history intact',
    async () => {
      const [row] = await query(
        database.uri,
        'select s.id, s.link_key, count(c.id) as records from subscribers s join consent_records c on c.subscriber_id = s.id group by s.id, s.link_key order by s.id limit 1',
      )
      const mailedLink = signSubscriberToken(
        payload,
        { id: row.id as number, linkKey: String(row.link_key) },
        'preferences',
        3600,
      )
      const subscriber = await subscriberFromToken(payload, mailedLink, 'preferences')
      expect(subscriber?.id).toBe(row.id)
      const { totalDocs } = await payload.count({
        collection: 'consent-records',
        where: { subscriber: { equals: row.id } },
      })
      expect(totalDocs).toBe(Number(row.records))
    },
  )

  it('never hands out an id again, not even that of the last subscriber deleted', async () => {
    const highest = (await payload.find({ collection: 'subscribers', limit: 1, sort: '-id' })).docs[0] as Subscriber
    await payload.delete({ id: highest.id, collection: 'subscribers' })
    const next = await payload.create({
      collection: 'subscribers',
      data: { email: `nach-dem-update-${kind}@example.com` } as never,
    })
    expect(Number(next.id)).toBeGreaterThan(Number(highest.id))
    if (kind === 'sqlite') {
      const [table] = await runSql(payload, sql`select sql from sqlite_master where name = 'subscribers'`)
      expect(String(table.sql)).toMatch(/AUTOINCREMENT/)
    }
  })
})

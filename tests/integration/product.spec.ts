import { createClient } from '@libsql/client'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

import { migrations as postgresMigrations } from '../../src/database/migrations/postgres/index'
import { migrations as sqliteMigrations } from '../../src/database/migrations/sqlite/index'
import { anonymous, graphql, login, rest } from '../helpers/http'
import { type LocalPayload, startLocalPayload } from '../helpers/localPayload'

const servers = inject('servers')

describe.each(servers)('the running product on $kind', ({ dataDir, url }) => {
  it('serves the admin UI, REST and GraphQL, but no playground in production', async () => {
    const admin = await fetch(`${url}/admin/login`)
    expect(admin.status).toBe(200)
    expect(await admin.text()).toContain('<html')
    const gql = await fetch(`${url}/api/graphql`, {
      body: JSON.stringify({ query: '{ Personas { totalDocs } }' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    expect(await gql.json()).toEqual({ data: { Personas: { totalDocs: 3 } } })
    // The GraphQL playground is off in production (Payload's default), the endpoint is not.
    expect((await fetch(`${url}/api/graphql-playground`)).status).toBe(404)
  })

  it('serves the public sign-up form and the preference center (by signed link only)', async () => {
    const form = await fetch(`${url}/subscribe`)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('value="wochen-update"')
    const forged = await fetch(`${url}/preferences?token=v1.e30.AAAA`)
    expect(forged.status).toBe(400)
    expect(await forged.text()).toContain('Dieser Link ist ungültig oder abgelaufen')

    // The server logs a signed link for a demo subscriber, so the preference center can be tried at once.
    // (The log is JSON lines in production: the link ends at the message's closing quote.)
    const link = /Preference center of a demo subscriber: ([^\s\u001b"]+)/.exec(
      fs.readFileSync(path.join(dataDir, 'server.log'), 'utf8'),
    )?.[1]
    expect(link).toMatch(/\/preferences\?token=v1\./)
    const center = await fetch(link!)
    expect(center.status).toBe(200)
    expect(await center.text()).toContain('Ihre Newsletter-Einstellungen')
  })

  it('comes with the demo: personas, two-level interests, stages, 40+ blocks, 200 subscribers', async () => {
    const admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    const total = async (path: string) =>
      (await rest(url, admin, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=1`)).body.totalDocs
    expect(await total('/personas')).toBe(3)
    expect(await total('/interests')).toBe(16)
    expect(await total('/interests?where[parent][exists]=false')).toBe(4)
    expect(await total('/lifecycle-stages')).toBe(8)
    expect(await total('/content-blocks?draft=true')).toBeGreaterThanOrEqual(40)
    expect(await total('/content-blocks?where[isFallback][equals]=true')).toBeGreaterThanOrEqual(4)
    expect(await total('/subscribers')).toBeGreaterThanOrEqual(200) // 200 seeded; sign-up tests add more
  })

  it('serves email and web sizes of uploaded images publicly', async () => {
    const { body } = await rest(url, anonymous, 'GET', '/media?limit=1&where[filename][equals]=demo-team.jpg')
    const sizes = body.docs[0].sizes
    expect(sizes.email).toMatchObject({ mimeType: 'image/jpeg', width: 600 })
    expect(sizes.emailRetina).toMatchObject({ mimeType: 'image/jpeg', width: 1200 })
    expect(sizes.web).toMatchObject({ mimeType: 'image/webp', width: 1200 })
    for (const size of [sizes.email, sizes.web]) {
      const file = await fetch(`${url}${new URL(size.url, url).pathname}`)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe(size.mimeType)
    }
  })

  it('shows a feed import in the recommendations at once, though REST and GraphQL run different copies of the code', async () => {
    const admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    const sku = `000-sofort-${Date.now()}`
    const trending = async () =>
      (
        await graphql(
          url,
          anonymous,
          '{ personalizedRecommendations(filter: { strategy: "trending", categories: ["lohnabrechnung"] }, limit: 12) { products { sku } } }',
        )
      ).data?.personalizedRecommendations.products.map((product: { sku: string }) => product.sku)
    // GraphQL reads the catalog first, so it holds one when the import (a REST route) changes it.
    const before = await trending()
    expect(before).toBeInstanceOf(Array)
    expect(before).not.toContain(sku)
    const imported = await fetch(`${url}/api/catalog-products/import`, {
      body: `sku;name;price;currency;categories;promoted\n${sku};Sofort sichtbar;12,00;EUR;lohnabrechnung;ja`,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      method: 'POST',
    })
    expect(await imported.json()).toMatchObject({ created: 1, status: 'imported' })
    // Before, GraphQL's copy kept its catalog until it aged out (10 s), so the product was missing here.
    expect(await trending()).toContain(sku)
  })
})

type Columns = Set<string>

async function sqliteColumns(uri: string): Promise<Columns> {
  const client = createClient({ url: uri })
  const { rows } = await client.execute(
    `SELECT m.name AS tbl, p.name AS col FROM sqlite_master m JOIN pragma_table_info(m.name) p
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
  )
  client.close()
  return new Set(rows.map((row) => `${row.tbl}.${row.col}`))
}

async function postgresColumns(uri: string): Promise<Columns> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  const { rows } = await client.query(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
  )
  await client.end()
  return new Set(rows.map((row: { column_name: string; table_name: string }) => `${row.table_name}.${row.column_name}`))
}

async function appliedMigrations(kind: string, uri: string): Promise<string[]> {
  const sql = 'SELECT name FROM payload_migrations WHERE batch > 0 ORDER BY name'
  if (kind === 'sqlite') {
    const client = createClient({ url: uri })
    const { rows } = await client.execute(sql)
    client.close()
    return rows.map((row) => String(row.name))
  }
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  const { rows } = await client.query(sql)
  await client.end()
  return rows.map((row: { name: string }) => row.name)
}

describe.each(servers)('database migrations on $kind', ({ databaseUri, kind }) => {
  let pushed: LocalPayload
  const columnsOf = (uri: string) => (kind === 'sqlite' ? sqliteColumns(uri) : postgresColumns(uri))

  beforeAll(async () => {
    pushed = await startLocalPayload(kind, { pushSchema: true }) // the schema Payload derives from the config right now
  })
  afterAll(() => pushed?.close())

  it('were all applied by the production server', async () => {
    const expected = (kind === 'sqlite' ? sqliteMigrations : postgresMigrations)
      .map((migration) => migration.name)
      .sort()
    expect(expected.length).toBeGreaterThan(0)
    expect(await appliedMigrations(kind, databaseUri)).toEqual(expected)
  })

  it('create exactly the schema the collections need (run `npm run migrate:create -- <name>` after a schema change)', async () => {
    const fromMigrations = await columnsOf(databaseUri)
    const fromConfig = await columnsOf(pushed.databaseUri)
    expect(
      [...fromConfig].filter((column) => !fromMigrations.has(column)),
      'columns missing from the migrations',
    ).toEqual([])
    expect(
      [...fromMigrations].filter((column) => !fromConfig.has(column)),
      'columns only in the migrations',
    ).toEqual([])
    expect(fromMigrations.has('content_blocks.valid_until')).toBe(true)
  })
})

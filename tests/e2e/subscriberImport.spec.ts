import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { chooseOption, openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { login, rest, type Session } from '../helpers/http'
import { cleverReachGermanExcel } from '../helpers/importFixtures'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

/** The upload as a browser or an integration sends it: multipart, the fields as JSON in `_payload`. */
async function uploadImport(session: Session, name: string, file: Buffer, fields: Record<string, unknown>) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type: 'text/csv' }), name)
  form.append('_payload', JSON.stringify(fields))
  const response = await fetch(`${server.url}/api/subscriber-imports`, {
    body: form,
    headers: { ...session.headers, 'accept-language': 'de' },
    method: 'POST',
  })
  return { body: await response.json(), status: response.status }
}

const runImport = async (session: Session, id: number | string) => {
  const response = await fetch(`${server.url}/api/subscriber-imports/${id}/run`, {
    headers: session.headers,
    method: 'POST',
  })
  return { body: await response.json(), status: response.status }
}

describe('subscriber import over REST on the production server (SQLite)', () => {
  let admin: Session
  let editor: Session
  let topic: number | string

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(server.url, 'editor@example.com', 'editor-demo-2026')
    topic = (await rest(server.url, admin, 'GET', '/topics?where[slug][equals]=wochen-update')).body.docs[0].id
  })

  it('dry-runs a German Excel export on upload, runs it for admins only, and carries the proof over', async () => {
    const file = cleverReachGermanExcel([
      ['grete.schäfer@example.de', '01.02.2024 10:05', '01.02.2024 10:00', '0', 'Formular', 'Grete', 'Schäfer'],
      ['ohne.nachweis@example.de', '0', '02.02.2024 10:00', '0', 'Formular', 'Otto', 'Öhler'],
      ['kaputt', '0', '0', '0', '', '', ''],
    ])
    const uploaded = await uploadImport(admin, 'cleverreach.csv', file, { topics: [topic] })
    expect(uploaded.status).toBe(201)
    const id = uploaded.body.doc.id
    expect(uploaded.body.doc).toMatchObject({ sourceSystem: 'cleverreach', status: 'checked' })
    expect(uploaded.body.doc.dryRun.counts).toMatchObject({ new: 2, rejected: 1, withoutProof: 1, withProof: 1 })
    expect(
      (await rest(server.url, admin, 'GET', '/subscribers?where[email][equals]=grete.schäfer@example.de')).body
        .totalDocs,
    ).toBe(0)

    expect((await runImport(editor, id)).status).toBe(403)
    expect(await runImport(admin, id)).toEqual({ body: { status: 'queued' }, status: 202 })
    const again = await runImport(admin, id)
    expect(again, JSON.stringify(again)).toMatchObject({
      body: { error: { code: 'IMPORT_NOT_STARTABLE' } },
      status: 409,
    })

    // The server's job runner takes the import's queue every five seconds.
    await expect
      .poll(async () => (await rest(server.url, admin, 'GET', `/subscriber-imports/${id}`)).body.status, {
        timeout: 30_000,
      })
      .toBe('done')
    const grete = (await rest(server.url, admin, 'GET', '/subscribers?where[email][equals]=grete.schäfer@example.de'))
      .body.docs[0]
    expect(grete).toMatchObject({ firstName: 'Grete', lastName: 'Schäfer' })
    const ledger = (
      await rest(server.url, admin, 'GET', `/consent-records?where[subscriber][equals]=${grete.id}&sort=occurredAt`)
    ).body.docs
    expect(
      ledger.map((record: { action: string; occurredAt: string; source: string }) => [
        record.action,
        record.source,
        record.occurredAt,
      ]),
    ).toEqual([
      // The export's German times are Berlin's (UTC+1 in February).
      ['requested', 'import', '2024-02-01T09:00:00.000Z'],
      ['confirmed', 'import', '2024-02-01T09:05:00.000Z'],
    ])
  })

  it('refuses a file without an email column with a coded field error and stores nothing', async () => {
    const before = (await rest(server.url, admin, 'GET', '/subscriber-imports?limit=0')).body.totalDocs
    const refused = await uploadImport(admin, 'namen.csv', Buffer.from('Vorname;Nachname\nAnna;Berger\n'), {
      topics: [topic],
    })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].data.errors[0]).toMatchObject({
      message: expect.stringContaining('(no_email_column)'),
      path: 'file',
    })
    expect((await rest(server.url, admin, 'GET', '/subscriber-imports?limit=0')).body.totalDocs).toBe(before)
    expect(
      (await uploadImport(editor, 'e.csv', Buffer.from('email\na@example.de\n'), { topics: [topic] })).status,
    ).toBe(403)
  })
})

describe('subscriber import in the admin (Chromium, German)', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await openGermanAdmin(server.url, 'admin@example.com', 'admin-demo-2026'))
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it('uploads an export, shows the dry run as a table and runs it with "Import ausführen"', async () => {
    await page.goto('/admin/collections/subscriber-imports/create')
    await page.locator('input[type=file]').setInputFiles({
      buffer: cleverReachGermanExcel([
        ['jörg.kühn@example.de', '03.03.2024 09:05', '03.03.2024 09:00', '0', 'Formular', 'Jörg', 'Kühn'],
        ['doppelt@example.de', '0', '03.03.2024 09:00', '0', 'Formular', 'Dora', 'Doppelt'],
        ['DOPPELT@example.de', '0', '03.03.2024 09:00', '0', 'Formular', 'Dora', 'Doppelt'],
      ]),
      mimeType: 'text/csv',
      name: 'cleverreach-admin.csv',
    })
    await chooseOption(page, page.locator('#field-topics'), 'Kontorwerk-Update')
    await page.getByRole('button', { name: 'Speichern' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Probelauf' }).isVisible()).toBe(true)
    const table = page.locator('.import-report table')
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3)
    await expect.poll(() => table.locator('tbody tr').nth(2).innerText()).toContain('Doppelt in der Datei')
    await expect.poll(() => table.locator('tbody tr').nth(1).innerText()).toContain('kein Bestätigungszeitpunkt')
    await page.getByRole('button', { name: 'Import ausführen' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Ergebnis' }).isVisible(), { timeout: 40_000 }).toBe(true)
    await expect.poll(() => page.locator('.import-report').innerText()).toContain('Neu: 2')
    // The sidebar's status follows (the page reloads when the run ends).
    await expect.poll(() => page.locator('#field-status').innerText()).toContain('Abgeschlossen')
  })
})

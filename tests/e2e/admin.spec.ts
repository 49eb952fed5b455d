import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { chooseOption, launchChromium, logIntoAdmin, openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { anonymous, login, rest } from '../helpers/http'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

describe('an editor in the admin UI (Chromium, German)', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'de-DE',
      viewport: { height: 1000, width: 1440 },
    })
    page = await context.newPage()
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  const choose = (container: ReturnType<Page['locator']>, text: string) => chooseOption(page, container, text)

  const title = `Datenschutz-Tipp ${Date.now()}`

  it('logs in with the demo editor account', async () => {
    await logIntoAdmin(page, 'editor@example.com', 'editor-demo-2026')
    await expect(page.getByRole('link', { name: 'Content-Blöcke' }).first().isVisible()).resolves.toBe(true)
  })

  it('creates a block tagged with a persona, an interest and a stage, and publishes it', async () => {
    await page.goto('/admin/collections/content-blocks/create')
    await page.fill('#field-title', title)
    await page.locator('.tabs-field__tab-button', { hasText: 'Zielgruppe' }).click()
    await choose(page.locator('#field-personas'), 'IT-Administratorin')
    await choose(page.locator('#field-interests'), 'DSGVO')
    await choose(page.locator('#field-stages'), 'MQL')
    await page.getByRole('button', { name: 'Änderungen veröffentlichen' }).click()
    await page.waitForURL(/\/content-blocks\/[\w-]+$/)

    // Published means the public API serves it, with its tags.
    const { body } = await rest(
      server.url,
      anonymous,
      'GET',
      `/content-blocks?depth=1&where[title][equals]=${encodeURIComponent(title)}`,
    )
    expect(body.docs).toHaveLength(1)
    const [block] = body.docs
    expect(block._status).toBe('published')
    expect(block.personas.map((persona: { slug: string }) => persona.slug)).toEqual(['it-administration'])
    expect(block.interests.map((interest: { slug: string }) => interest.slug)).toEqual(['dsgvo'])
    expect(block.stages.map((stage: { key: string }) => stage.key)).toEqual(['mql'])
  })

  it('finds the block through the list filter by persona, interest and stage', async () => {
    await page.goto('/admin/collections/content-blocks')
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    await page.getByRole('button', { name: 'Filter hinzufügen' }).click()

    const conditions = [
      ['Personas', 'IT-Administratorin', /personas/],
      ['Interessen', 'DSGVO', /interests/],
      ['Lebenszyklusphasen', 'MQL', /stages/],
    ] as const
    for (const [index, [field, value, inUrl]] of conditions.entries()) {
      if (index > 0)
        await page
          .locator('.condition__actions-add')
          .nth(index - 1)
          .click()
      const condition = page.locator('.condition').nth(index)
      await choose(condition.locator('.condition__field'), field)
      await choose(condition.locator('.condition__value'), value)
      await page.waitForURL(inUrl)
    }

    await expect
      .poll(async () =>
        (await page.locator('table tbody tr td:nth-child(2)').allInnerTexts()).map((cell) => cell.trim()),
      )
      .toEqual([title])
    // The tag columns resolve their labels after the rows render.
    await expect
      .poll(() => page.locator('table tbody tr').first().innerText())
      .toMatch(/IT-Administratorin[\s\S]*DSGVO[\s\S]*MQL[\s\S]*Veröffentlicht/)
  })
})

describe('the personalized preview in the admin UI', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await openGermanAdmin(server.url, 'editor@example.com', 'editor-demo-2026'))
  })
  afterAll(() => browser?.close())

  it('shows an editor which blocks a persona, stage and interest would get, and why', async () => {
    await page.goto('/admin/collections/newsletters')
    await page.getByRole('link', { name: 'Kontorwerk-Update (wöchentlich)' }).click()
    await page.locator('#preview-persona').selectOption({ label: 'IT-Administratorin' })
    await page.locator('#preview-stage').selectOption({ label: 'Lead' })
    await page.locator('#preview-interest').selectOption({ label: 'DSGVO' })
    await page.getByRole('button', { name: 'Vorschau erstellen' }).click()

    const rows = page.locator('table.preview-reasons tbody tr')
    await expect.poll(() => rows.count()).toBe(5)
    await expect(rows.first().innerText()).resolves.toMatch(
      /Aufmacher\s+DSGVO in der Buchhaltung: die Checkliste\s+Score [\d,]+ aus Interessen .*Persona .*Phase Lead/,
    )
    // The subject as the reader sees it, in the inbox line above the mail.
    await expect(page.locator('.preview-subject').innerText()).resolves.toBe('Ihr Kontorwerk-Update für Sie')
    const preview = page.frameLocator('iframe[title="Vorschau"]')
    await expect(preview.locator('body').innerText()).resolves.toContain('Sehr geehrte Damen und Herren,')
  })
})

describe("an admin on a subscriber's page", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await openGermanAdmin(server.url, 'admin@example.com', 'admin-demo-2026'))
  })
  afterAll(() => browser?.close())

  it('sees the consent state per topic and channel and the ledger, read-only', async () => {
    const admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const records = async (action: string) =>
      (
        await rest(
          server.url,
          admin,
          'GET',
          `/consent-records?where[action][equals]=${action}&where[purpose][equals]=marketing&limit=500&depth=0`,
        )
      ).body.docs as { subscriber: number | string }[]
    // Someone who confirmed and never withdrew (other files unsubscribe people on the shared server).
    const withdrawn = new Set((await records('withdrawn')).map((record) => String(record.subscriber)))
    const subscriberId = (await records('confirmed')).find(
      (record) => !withdrawn.has(String(record.subscriber)),
    )!.subscriber
    await page.goto(`/admin/collections/subscribers/${subscriberId}`)
    const state = page.locator('table.consent-state')
    // Channels, purposes, actions and sources by their German names, not as stored (email, marketing, requested, form).
    await expect.poll(() => state.innerText()).toMatch(/Thema\s+E-Mail[\s\S]*erteilt/)
    const ledgerRows = page.locator('table.consent-ledger tbody tr')
    await expect.poll(() => ledgerRows.count()).toBeGreaterThanOrEqual(2)
    await expect(ledgerRows.first().innerText()).resolves.toMatch(
      /Werbung\s+.+\s+E-Mail\s+Angefordert\s+Formular\s+newsletter-2026-01/,
    )
    await expect(page.locator('table.consent-ledger input, table.consent-ledger button').count()).resolves.toBe(0)
  })

  it('sees the lead score with every rule hit and what it is worth today', async () => {
    const admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    // A demo subscriber who asked for a demo and whose clicks were tracked (consent), so there are several hits.
    const requests = (
      await rest(
        server.url,
        admin,
        'GET',
        '/events?where[source][equals]=demo&where[type][equals]=form_submitted&limit=0&depth=0',
      )
    ).body.docs
    const clicks = (
      await rest(
        server.url,
        admin,
        'GET',
        '/events?where[source][equals]=demo&where[type][equals]=email_clicked&limit=0&depth=0',
      )
    ).body.docs
    const subscriberId = requests
      .map((event: { subscriber: number | string }) => event.subscriber)
      .find((id: number | string) => clicks.some((click: { subscriber: number | string }) => click.subscriber === id))
    await page.goto(`/admin/collections/subscribers/${subscriberId}`)
    const score = page.locator('section.lead-score')
    await expect.poll(() => score.locator('table.lead-score-hits tbody tr').count()).toBeGreaterThanOrEqual(5)
    await expect(score.locator('table.lead-score-hits').innerText()).resolves.toMatch(
      /Demo oder Webinar angefragt\s+Formular abgeschickt\s+Engagement\s+25\s+2[0-9,]+/,
    )
    // German numbers: "114,6" (a thousands separator only from 1.000 on, which scores do not reach here).
    const shown = async (axis: string) =>
      Number((await score.locator(`[data-score="${axis}"]`).innerText()).replace(/\./g, '').replace(',', '.'))
    const [total, fit, engagement] = [await shown('total'), await shown('fit'), await shown('engagement')]
    expect(total).toBeCloseTo(fit + engagement, 0)
    expect(engagement).toBeGreaterThan(25)
  })

  it('changes a scoring rule in the admin UI', async () => {
    const admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const rule = (await rest(server.url, admin, 'GET', '/scoring-rules?where[name][equals]=Preisseite besucht&depth=0'))
      .body.docs[0]
    await page.goto(`/admin/collections/scoring-rules/${rule.id}`)
    await page.fill('#field-points', '20')
    await page.getByRole('button', { name: 'Speichern' }).click()
    await expect
      .poll(async () => (await rest(server.url, admin, 'GET', `/scoring-rules/${rule.id}?depth=0`)).body.points)
      .toBe(20)
    await rest(server.url, admin, 'PATCH', `/scoring-rules/${rule.id}`, { points: 15 })
  })
})

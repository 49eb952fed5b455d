import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { login, rest, type Session } from '../helpers/http'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

/**
 * The same sideways paths as editorPersonalData.spec.ts, in the admin UI an editor actually uses
 * (Chromium, German): a subscriber's page shows no score computed from personal data, and the
 * segment builder shows an admin's segment on personal data with its count, but with no examples
 * of who is in it and without letting the editor change its rules.
 */
describe('the admin UI for an editor (Chromium, German)', () => {
  let admin: Session
  let editorBrowser: Browser
  let editorPage: Page
  let adminBrowser: Browser
  let adminPage: Page
  let subscriber: number | string
  let hotLeads: number | string

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    subscriber = (await rest(server.url, admin, 'GET', '/subscribers?limit=1&depth=0&sort=id')).body.docs[0].id
    hotLeads = (
      await rest(server.url, admin, 'GET', `/segments?depth=0&where[name][equals]=${encodeURIComponent('Heiße Leads')}`)
    ).body.docs[0].id
    ;({ browser: editorBrowser, page: editorPage } = await openGermanAdmin(
      server.url,
      'editor@example.com',
      'editor-demo-2026',
    ))
    ;({ browser: adminBrowser, page: adminPage } = await openGermanAdmin(
      server.url,
      'admin@example.com',
      'admin-demo-2026',
    ))
  })
  afterEach(async (test) => {
    await screenshotIfFailed(editorPage, test)
  })
  afterAll(async () => {
    await editorBrowser?.close()
    await adminBrowser?.close()
  })

  it("shows no fit or persona fits on a subscriber's page", async () => {
    // Payload renders fields once they scroll into view; the score group comes right after the preferences.
    const openToTheEnd = async (page: Page) => {
      await page.goto(`/admin/collections/subscribers/${subscriber}`)
      await page.locator('#field-preferences').scrollIntoViewIfNeeded()
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      await expect.poll(() => page.locator('#field-preferences__pausedUntil').count()).toBe(1)
      await page.waitForLoadState('networkidle')
    }
    await openToTheEnd(adminPage)
    await expect.poll(() => adminPage.locator('#field-score__fitAttributes').count()).toBe(1)

    await openToTheEnd(editorPage)
    // What the admin's page showed by now (a second for slow machines) the editor's page must never show.
    await editorPage.waitForTimeout(1000)
    expect(await editorPage.locator('#field-score__fitAttributes').count()).toBe(0)
    expect(await editorPage.getByText('Fit aus Profil').count()).toBe(0)
    expect(await editorPage.getByText('Persona-Fit (%)').count()).toBe(0)
    expect(await editorPage.locator('.lead-score').count()).toBe(0)
  })

  it("shows an admin's segment on personal data with its count, but no examples, and read-only", async () => {
    const samples = (page: Page) => page.locator('.segment-preview-sample a')
    await adminPage.goto(`/admin/collections/segments/${hotLeads}`)
    await expect.poll(() => samples(adminPage).count()).toBeGreaterThan(0)
    const shownToAdmin = await adminPage.locator('.segment-preview-count [data-count]').getAttribute('data-count')

    await editorPage.goto(`/admin/collections/segments/${hotLeads}`)
    await expect.poll(() => editorPage.locator('.segment-preview-withheld').count()).toBe(1)
    expect(await editorPage.locator('.segment-preview-withheld').innerText()).toBe(
      'Dieses Segment wählt nach personenbezogenen Daten aus: Beispiele sehen und Regeln ändern nur Admins.',
    )
    expect(
      await editorPage.locator('.segment-preview-count[aria-busy="false"] [data-count]').getAttribute('data-count'),
    ).toBe(shownToAdmin)
    expect(await samples(editorPage).count()).toBe(0)
    // The stored condition shows as the admin wrote it ("Gesamtscore"), and nothing in the builder can be changed.
    const fieldSelects = editorPage.locator('.segment-rule-builder .rule-fields')
    expect(
      await fieldSelects.evaluateAll((selects) =>
        selects.map((select) => (select as HTMLSelectElement).selectedOptions[0]?.text),
      ),
    ).toContain('Gesamtscore')
    expect(
      await fieldSelects.evaluateAll((selects) => selects.every((select) => (select as HTMLSelectElement).disabled)),
    ).toBe(true)
  })
})

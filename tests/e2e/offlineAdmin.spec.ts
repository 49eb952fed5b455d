import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, logIntoAdmin, screenshotIfFailed } from '../helpers/browser'
import { login, rest, type Session } from '../helpers/http'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** The lines a Monaco editor shows (it renders spaces as non-breaking ones). */
async function editorText(page: Page, fieldId: string): Promise<string> {
  const lines = page.locator(`#${fieldId} .monaco-editor .view-lines`)
  await lines.waitFor({ state: 'visible', timeout: 20_000 })
  return (await lines.innerText()).replace(/\u00a0/g, ' ')
}

/**
 * Issue 17: behind a company proxy or offline, the code and JSON fields (subscriber attributes, a
 * newsletter's MJML layout) were empty grey boxes, because Monaco came from a CDN. With every request
 * to another host refused, the admin still shows them filled: the editor comes from this server.
 */
describe('the admin without internet access (Chromium, German, every non-local request blocked)', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  /** Every request the pages tried to send anywhere but this server. */
  const offsite: string[] = []
  /** Monaco's files as this server answered them. */
  const editorAssets: { status: number; url: string }[] = []
  const stamp = Date.now()
  const attributes = { branche: 'Steuerberatung', mitarbeitende: 42, standort: `Offline-Test ${stamp}` }
  const layoutMarker = `Kopfzeile Offline-Test ${stamp}`
  let subscriberId: number | string
  let newsletterId: number | string
  let persona: { id: number | string; profile: { attribute: string }[] }

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const subscriber = await rest(server.url, admin, 'POST', '/subscribers', {
      attributes,
      email: `offline-${stamp}@example.com`,
    })
    expect(subscriber.status, JSON.stringify(subscriber.body)).toBe(201)
    subscriberId = subscriber.body.doc.id

    // A copy of the demo newsletter with a custom layout (the demo one stays as the other specs expect it).
    const demo = (await rest(server.url, admin, 'GET', '/newsletters?where[slug][equals]=wochen-update&depth=0')).body
      .docs[0]
    const slots = (demo.slots as Record<string, unknown>[]).map(({ id: _id, ...slot }) => slot)
    const newsletter = await rest(server.url, admin, 'POST', '/newsletters', {
      customLayout: `<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-text>${layoutMarker}</mj-text>\n      </mj-column>\n    </mj-section>\n    %%SECTIONS%%\n  </mj-body>\n</mjml>`,
      name: `Offline-Layout ${stamp}`,
      preheader: demo.preheader,
      slots,
      slug: `offline-layout-${stamp}`,
      subject: demo.subject,
    })
    expect(newsletter.status, JSON.stringify(newsletter.body)).toBe(201)
    newsletterId = newsletter.body.doc.id

    persona = (await rest(server.url, admin, 'GET', '/personas?limit=1&depth=0&where[profile.attribute][exists]=true'))
      .body.docs[0]
    expect(persona.profile.length).toBeGreaterThan(0)

    browser = await launchChromium()
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'de-DE',
      viewport: { height: 1200, width: 1440 },
    })
    // Refused before it leaves the browser: what a proxy that lets nothing out does.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (LOCAL_HOSTS.has(url.hostname)) return route.continue()
      offsite.push(url.href)
      return route.abort('blockedbyclient')
    })
    // Also what never reaches the router: a request the page's Content Security Policy refused is still an attempt.
    context.on('request', (request) => {
      const url = new URL(request.url())
      if (/^https?:$/.test(url.protocol) && !LOCAL_HOSTS.has(url.hostname) && !offsite.includes(url.href))
        offsite.push(url.href)
    })
    page = await context.newPage()
    page.on('response', (response) => {
      if (response.url().includes('/vendor/monaco-editor/'))
        editorAssets.push({ status: response.status(), url: response.url() })
    })
    await logIntoAdmin(page, 'admin@example.com', 'admin-demo-2026')
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it("shows a subscriber's own attributes (JSON) in the editor", async () => {
    await page.goto(`/admin/collections/subscribers/${subscriberId}`)
    await expect.poll(() => editorText(page, 'field-attributes')).toContain(`"standort": "Offline-Test ${stamp}"`)
    const text = await editorText(page, 'field-attributes')
    expect(text).toContain('"branche": "Steuerberatung"')
    expect(text).toContain('"mitarbeitende": 42')
    expect(text).toContain(`"standort": "Offline-Test ${stamp}"`)
  })

  it("shows a persona's profile", async () => {
    await page.goto(`/admin/collections/personas/${persona.id}`)
    const first = page.locator('#field-profile__0__attribute')
    await first.waitFor({ state: 'attached' })
    await expect(first.inputValue()).resolves.toBe(persona.profile[0].attribute)
    await expect(page.locator('#field-profile .array-field__row').count()).resolves.toBe(persona.profile.length)
  })

  it("shows a newsletter's custom MJML layout in the editor", async () => {
    await page.goto(`/admin/collections/newsletters/${newsletterId}`)
    // Monaco fills its lines after the first paint: wait for the whole text.
    await expect.poll(() => editorText(page, 'field-customLayout')).toContain(`<mj-text>${layoutMarker}</mj-text>`)
    expect(await editorText(page, 'field-customLayout')).toContain('%%SECTIONS%%')
  })

  it('needed nothing from another host: the editor came from this server', () => {
    expect(offsite).toEqual([])
    expect(editorAssets.map(({ url }) => new URL(url).pathname)).toContain('/vendor/monaco-editor/vs/loader.js')
    expect(editorAssets.filter(({ status }) => status >= 400)).toEqual([])
  })
})

import type { Browser, BrowserContext, Page, Request } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotIfFailed } from '../helpers/browser'
import { graphql, login, rest, type Session } from '../helpers/http'
import { mailTo } from '../helpers/mailbox'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!
const mailDir = inject('mailDir')
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/
const GOBD_ARTICLES = ['verfahrensdokumentation', 'aufbewahrungsfristen', 'betriebspruefung']

/**
 * Issue 22, "Done when": the demo frontend (public/demo/) with the browser SDK in Chromium against
 * the production server. Before consent nothing identifies the visitor; after it, three GoBD
 * articles put GoBD first on the landing page; sign-up with DOI makes the reading the subscriber's,
 * once — a second tab of the same browser does not merge it again.
 */
describe('the demo frontend with the browser SDK in Chromium: consent, reading, landing page, sign-up', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let admin: Session
  const sent: { body: string; url: string }[] = []
  const email = `sdk-${Date.now()}@example.com`
  let visitor: string
  let anonymousFirst: string

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' })
    context.on('request', (request: Request) => {
      if (new URL(request.url()).pathname.startsWith('/api/'))
        sent.push({ body: request.postData() ?? '', url: request.url() })
    })
    page = await context.newPage()
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  const count = async (collection: string, where: string) =>
    (await rest(server.url, admin, 'GET', `/${collection}?limit=0&${where}`)).body.totalDocs as number
  const storage = () => page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }))
  const firstTopics = async () => {
    await page.locator('[data-blocks] .block').first().waitFor()
    return page.locator('[data-blocks] .block').first().getAttribute('data-interests')
  }
  const read = async (articles: string[], tab = page) => {
    for (const article of articles) {
      await tab.goto(`/demo/ratgeber/gobd/${article}.html`)
      await tab.getByRole('heading', { level: 1 }).waitFor()
    }
  }

  it('sets no identifier, stores nothing and sends no event before consent', async () => {
    const before = await count('visitor-events', '')
    await page.goto('/demo/index.html')
    await expect.poll(() => page.locator('#consent-banner').isVisible()).toBe(true)
    anonymousFirst = (await firstTopics()) ?? ''
    await read(GOBD_ARTICLES.slice(0, 1))
    await page.goto('/demo/index.html')
    await firstTopics()
    expect(await storage()).toEqual({ local: {}, session: {} })
    expect(await context.cookies()).toEqual([])
    expect(sent.filter((request) => request.url.includes('/api/events/browser'))).toEqual([])
    expect(sent.filter((request) => UUID.test(request.url + request.body))).toEqual([])
    expect(await count('visitor-events', '')).toBe(before)
  })

  it('after consent, three GoBD articles put GoBD first on the landing page', async () => {
    await page.getByRole('button', { name: 'Zustimmen' }).click()
    visitor = (await storage()).local['kontorwerk.visitor']
    expect(visitor).toMatch(UUID)
    await read(GOBD_ARTICLES)
    const views = `where[visitor][equals]=${visitor}&where[type][equals]=page_viewed`
    // The last article's beacon leaves as the page is left: wait until the server has it, as a reader would take a moment.
    await page.goto('/demo/index.html')
    await expect.poll(() => count('visitor-events', views)).toBe(GOBD_ARTICLES.length + 2) // and the start page twice
    await page.reload()
    expect(await firstTopics()).toContain('gobd')
    expect(anonymousFirst).not.toContain('gobd')
  })

  it('after sign-up and DOI the subscriber has the GoBD interest and the anonymous events, and the newsletter ranks GoBD', async () => {
    await page.getByLabel('E-Mail-Adresse').fill(email)
    await page.getByLabel(/Meine Lektüre auf dieser Website/).check()
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Bitte bestätigen Sie')
    const link = /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec((await mailTo(mailDir, email)).text ?? '')![0]
    await page.goto(link)
    await page.getByRole('button', { name: 'Anmeldung bestätigen' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Anmeldung bestätigt')

    const subscriber = (await rest(server.url, admin, 'GET', `/subscribers?depth=1&where[email][equals]=${email}`)).body
      .docs[0]
    expect(
      subscriber.interests.map((entry: { interest: { slug: string }; source: string }) => [
        entry.interest.slug,
        entry.source,
      ]),
    ).toContainEqual(['gobd', 'implicit'])
    const events = (
      await rest(server.url, admin, 'GET', `/events?limit=0&where[subscriber][equals]=${subscriber.id}`)
    ).body.docs.map((event: { eventId: string }) => event.eventId)
    expect(events.filter((id: string) => id.startsWith(`web:${visitor}:`)).length).toBeGreaterThanOrEqual(5)
    expect(await count('visitor-events', `where[visitor][equals]=${visitor}`)).toBe(0)
    expect(await count('visitor-merges', `where[visitor][equals]=${visitor}`)).toBe(1)

    const newsletter = await graphql(
      server.url,
      admin,
      'query($id: ID) { personalizedNewsletter(newsletter: "wochen-update", subscriber: $id) { slots { key blocks { title reason { matchedInterests } } } } }',
      { id: subscriber.id },
    )
    expect(newsletter.data!.personalizedNewsletter.slots[0].blocks[0].reason.matchedInterests).toContain('gobd')
  })

  it('a second tab with the same visitor id does not merge the history twice, not even into another sign-up', async () => {
    const tab = await context.newPage()
    await read(GOBD_ARTICLES.slice(0, 1), tab)
    expect(await tab.evaluate(() => localStorage.getItem('kontorwerk.visitor'))).toBe(visitor)
    const other = `sdk-zweiter-tab-${Date.now()}@example.com`
    await tab.goto('/demo/index.html')
    await tab.getByLabel('E-Mail-Adresse').fill(other)
    await tab.getByLabel(/Meine Lektüre auf dieser Website/).check()
    await tab.getByRole('button', { name: 'Anmelden' }).click()
    const link = /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec((await mailTo(mailDir, other)).text ?? '')![0]
    await tab.goto(link)
    await tab.getByRole('button', { name: 'Anmeldung bestätigen' }).click()
    await expect.poll(() => tab.getByRole('heading', { level: 1 }).innerText()).toBe('Anmeldung bestätigt')

    expect(await count('visitor-merges', `where[visitor][equals]=${visitor}`)).toBe(1)
    const second = (await rest(server.url, admin, 'GET', `/subscribers?where[email][equals]=${other}`)).body.docs[0]
    expect(await count('events', `where[subscriber][equals]=${second.id}&where[eventId][like]=web:`)).toBe(0)
    await tab.close()
  })
})

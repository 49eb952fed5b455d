import type { Browser, Page } from 'playwright-core'

import axe from 'axe-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, logIntoAdmin, screenshotIfFailed } from '../helpers/browser'
import { scheduleConfirmed } from '../helpers/confirmedSend'
import { login, rest, type Session } from '../helpers/http'
import { signedToken, trackedLink } from '../helpers/links'
import { mailTo } from '../helpers/mailbox'
import { signUpAndConfirm } from '../helpers/signup'

const servers = inject('servers')
const mailDir = inject('mailDir')
const sqlite = servers.find((candidate) => candidate.kind === 'sqlite')!

type Id = number | string

/** The demo's landing pages (src/seed/data/layouts.ts). */
const DEMO_PAGES = [
  'fuer-sie',
  'finanzen',
  'digitalisierung',
  'recht-und-steuern',
  'it-sicherheit',
  'kundenservice',
  'demo',
]

/** axe-core in the page: WCAG 2.1 A/AA violations, as rule ids with the offending elements. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source)
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    }),
  )
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
}

/** A reader who signed up through the form and confirmed, with the profile an admin completed. */
async function reader(url: string, admin: Session, email: string, firstName: string, profile: Record<string, unknown>) {
  await signUpAndConfirm(url, mailDir, email, firstName)
  const { body } = await rest(url, admin, 'GET', `/subscribers?where[email][equals]=${encodeURIComponent(email)}`)
  const id = body.docs[0].id as Id
  const patched = await rest(url, admin, 'PATCH', `/subscribers/${id}`, profile)
  expect([patched.status, patched.body?.errors]).toEqual([200, undefined])
  return { email, id }
}

describe.each(servers)('landing pages a link can open ($kind)', (server) => {
  const { url } = server
  let admin: Session

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
  })

  it('serves every demo landing page at /p/<slug>, neutral without a token, in the brand with legal links; HEAD like GET', async () => {
    for (const slug of DEMO_PAGES) {
      const response = await fetch(`${url}/p/${slug}`)
      expect(response.status, slug).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      const html = await response.text()
      expect(html).toContain('<html lang="de">')
      expect(html).toMatch(/<h1>[^<]+<\/h1>/)
      expect(html).toMatch(/usgewählt für Sie[:.]/)
      expect(html).toContain('<article class="block"')
      expect(html).toContain('data-legal="privacy">Datenschutzerklärung</a>')
      expect(html).toContain('data-legal="imprint">Impressum</a>')
      expect(html).not.toContain('%%')
      expect(html).not.toContain('{{')

      const head = await fetch(`${url}/p/${slug}`, { method: 'HEAD' })
      expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([
        200,
        'text/html; charset=utf-8',
        '',
      ])
    }
  })

  it('answers an unknown slug with a German 404 page, for HEAD too', async () => {
    const missing = await fetch(`${url}/p/gibt-es-nicht`)
    expect(missing.status).toBe(404)
    const html = await missing.text()
    expect(html).toContain('<html lang="de">')
    expect(html).toContain('<h1>Seite nicht gefunden</h1>')
    expect((await fetch(`${url}/p/gibt-es-nicht`, { method: 'HEAD' })).status).toBe(404)
    // A context naming something unknown is a bad link, not an error of the server.
    const bad = await fetch(`${url}/p/fuer-sie?interest=gibt-es-nicht`)
    expect([bad.status, (await bad.text()).includes('<h1>Link fehlerhaft</h1>')]).toEqual([400, true])
  })

  it('follows the context a link names for anonymous visitors', async () => {
    const titlesOf = (html: string) => [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((match) => match[1])
    const neutral = titlesOf(await (await fetch(`${url}/p/fuer-sie`)).text())
    const cloud = titlesOf(await (await fetch(`${url}/p/fuer-sie?interest=cloud-umstieg&stage=lead`)).text())
    expect(cloud).toContain('Whitepaper: Buchhaltung in der Cloud')
    expect(neutral).not.toEqual(cloud)
  })

  it('resolves every demo call to action to a page of the CMS (200)', async () => {
    const { body } = await rest(url, admin, 'GET', '/content-blocks?limit=0&depth=0&where[cta.url][exists]=true')
    const links = [...new Set((body.docs as { cta?: { url?: string } }[]).map((block) => block.cta!.url!))]
    expect(links.length).toBeGreaterThanOrEqual(6)
    for (const link of links) {
      const target = new URL(link, url)
      expect(target.origin, link).toBe(new URL(url).origin)
      expect((await fetch(target)).status, link).toBe(200)
    }
  })

  it('personalizes the page for the reader of a signed link, and opens it neutral once the link is forged', async () => {
    const { id } = await reader(url, admin, `landing-${server.kind}-${Date.now()}@kunde.example`, 'Anna', {
      academicTitle: 'Dr.',
      addressForm: 'formal',
      gender: 'female',
      lastName: 'Berger',
    })
    const token = await signedToken(server, id, 'personalize')
    const personal = await fetch(`${url}/p/fuer-sie?token=${encodeURIComponent(token)}`)
    expect(personal.status).toBe(200)
    expect(await personal.text()).toContain('Ausgewählt für Frau Dr. Berger:')
    const forged = await fetch(`${url}/p/fuer-sie?token=${encodeURIComponent(`${token.slice(0, -4)}AAAA`)}`)
    expect(forged.status).toBe(200)
    const neutral = await forged.text()
    expect(neutral).toContain('Ausgewählt für Sie:')
    expect(neutral).not.toContain('Berger')
  })
})

describe('mails that address readers consistently, and the click that ends on the landing page (sqlite)', () => {
  const { url } = sqlite
  const stamp = Date.now()
  let admin: Session
  let editor: Session
  let formal: { email: string; id: Id }
  let informal: { email: string; id: Id }
  const created: { collection: string; id: Id }[] = []

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(url, 'editor@example.com', 'editor-demo-2026')
    formal = await reader(url, admin, `berger-${stamp}@kunde.example`, 'Anna', {
      academicTitle: 'Dr.',
      addressForm: 'formal',
      gender: 'female',
      lastName: 'Berger',
    })
    informal = await reader(url, admin, `jonas-${stamp}@kunde.example`, 'Jonas', {
      addressForm: 'informal',
      gender: 'male',
      lastName: 'Keller',
    })
  })
  afterAll(async () => {
    for (const { collection, id } of created.reverse()) await rest(url, admin, 'DELETE', `/${collection}/${id}`)
  })

  it("greets in the double-opt-in mail by the name the form took, in the brand's form of address (Sie)", async () => {
    const mail = await mailTo(mailDir, formal.email)
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung')
    expect(mail.text?.startsWith('Guten Tag Anna,\n')).toBe(true)
    expect(mail.html).toContain('Guten Tag Anna,')
  })

  it('sends the demo newsletter with address_name in the subject, agreeing with the salutation, and CTA links that open the personal landing page through the click redirect', async () => {
    const create = async (collection: string, data: Record<string, unknown>) => {
      const { body, status } = await rest(url, editor, 'POST', `/${collection}`, data)
      expect([status, body?.errors]).toEqual([201, undefined])
      created.push({ collection, id: body.doc.id })
      return body.doc.id as Id
    }
    const docs = async (path: string) => (await rest(url, admin, 'GET', path)).body.docs as { id: Id }[]
    const segment = await create('segments', { kind: 'static', name: `Anrede ${stamp}` })
    const imported = await fetch(`${url}/api/segments/${segment}/import`, {
      body: `email\n${formal.email}\n${informal.email}\n`,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      method: 'POST',
    })
    expect(imported.status).toBe(200)
    const campaign = await create('campaigns', {
      audience: segment,
      channel: 'email',
      name: `Anrede ${stamp}`,
      newsletter: (await docs('/newsletters?where[slug][equals]=wochen-update&depth=0'))[0].id,
      topic: (await docs('/topics?where[slug][equals]=wochen-update&depth=0'))[0].id,
    })
    expect((await scheduleConfirmed(url, editor, campaign)).status).toBe(200)
    const newsletterTo = (email: string) =>
      mailTo(mailDir, email, 90_000, (mail) => mail.subject?.startsWith('Ihr Kontorwerk-Update') ?? false)

    const toBerger = await newsletterTo(formal.email)
    expect(toBerger.subject).toBe('Ihr Kontorwerk-Update für Frau Dr. Berger')
    expect(toBerger.text).toContain('Sehr geehrte Frau Dr. Berger,')
    expect(toBerger.subject).not.toContain('Anna')
    const toJonas = await newsletterTo(informal.email)
    expect(toJonas.subject).toBe('Ihr Kontorwerk-Update für Jonas')
    expect(toJonas.text).toContain('Hallo Jonas,')

    // The mail's call to action: a demo landing page with the reader's signed token.
    const cta = /href="(https?:\/\/[^"]+\/p\/[a-z-]+\?token=[^"]+)"/
      .exec(toBerger.html ?? '')?.[1]
      ?.replaceAll('&amp;', '&')
    expect(cta, 'a landing page link in the mail').toBeTruthy()
    // Absolute to the server's public URL (PUBLIC_URL, here localhost), as every link of a mail.
    expect(new URL(cta!).port).toBe(new URL(url).port)
    // Through the click redirect a tracked mail wraps it in: it ends on the page, assembled for her.
    const click = await fetch(await trackedLink(sqlite, formal.id, cta!), { redirect: 'manual' })
    expect(click.status).toBe(302)
    expect(click.headers.get('location')).toBe(cta)
    const landing = await fetch(click.headers.get('location')!)
    expect(landing.status).toBe(200)
    expect(await landing.text()).toMatch(/ausgewählt für Frau Dr\. Berger/i)
  })
})

describe('public pages in Chromium: landing page and preference center (sqlite)', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    page = await (await browser.newContext({ baseURL: sqlite.url, locale: 'de-DE' })).newPage()
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it('shows a landing page that passes axe (WCAG A/AA) at 1440 and 375 px, with legal links that are real links', async () => {
    for (const width of [1440, 375]) {
      await page.setViewportSize({ height: 900, width })
      const response = await page.goto('/p/fuer-sie')
      expect(response?.status()).toBe(200)
      expect(await page.getAttribute('html', 'lang')).toBe('de')
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Buchhaltung, die zu Ihnen passt')
      expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(2)
      expect(await accessibilityViolations(page)).toEqual([])
      const privacy = page.getByRole('link', { name: 'Datenschutzerklärung' })
      expect(await privacy.getAttribute('href')).toMatch(/^https:\/\//)
      expect(await page.getByRole('link', { name: 'Impressum' }).getAttribute('href')).toMatch(/^https:\/\//)
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    }
    await page.goto('/p/gibt-es-nicht')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Seite nicht gefunden')
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it('ticks only email for a reader who signed up by email, passes axe, and links privacy policy and imprint', async () => {
    await page.setViewportSize({ height: 900, width: 1440 })
    const token = await signUpAndConfirm(sqlite.url, mailDir, `nur-email-${Date.now()}@kunde.example`, 'Eva')
    await page.goto(`/preferences?token=${encodeURIComponent(token)}`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Ihre Newsletter-Einstellungen')
    expect(await page.getByLabel('E-Mail', { exact: true }).isChecked()).toBe(true)
    for (const channel of ['SMS', 'Push-Nachrichten', 'Post'])
      expect(await page.getByLabel(channel, { exact: true }).isChecked(), channel).toBe(false)
    expect(await accessibilityViolations(page)).toEqual([])
    expect(await page.getByRole('link', { name: 'Datenschutzerklärung' }).getAttribute('href')).toMatch(/^https:\/\//)
    expect(await page.getByRole('link', { name: 'Impressum' }).getAttribute('href')).toMatch(/^https:\/\//)

    await page.goto('/subscribe')
    // The consent text names the privacy policy as a link, and the footer links both.
    expect(await page.locator('p.hint a', { hasText: 'Datenschutzerklärung' }).count()).toBe(1)
    expect(await page.locator('footer nav a').count()).toBe(2)
  })
})

describe('the first-name warning on save, in the admin (sqlite)', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  let newsletter: Id | undefined

  beforeAll(async () => {
    admin = await login(sqlite.url, 'admin@example.com', 'admin-demo-2026')
    browser = await launchChromium()
    page = await (
      await browser.newContext({ baseURL: sqlite.url, locale: 'de-DE', viewport: { height: 1200, width: 1440 } })
    ).newPage()
    await logIntoAdmin(page, 'editor@example.com', 'editor-demo-2026')
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(async () => {
    if (newsletter) await rest(sqlite.url, admin, 'DELETE', `/newsletters/${newsletter}`)
    await browser?.close()
  })

  it('warns, without refusing the save, when the subject uses the first name and formal readers exist', async () => {
    const demo = (await rest(sqlite.url, admin, 'GET', '/newsletters?where[slug][equals]=wochen-update&depth=0')).body
      .docs[0]
    const { body, status } = await rest(sqlite.url, admin, 'POST', '/newsletters', {
      name: `Anrede-Warnung ${Date.now()}`,
      slots: demo.slots.map(({ id: _id, ...slot }: Record<string, unknown>) => slot),
      subject: 'Neu für {{ subscriber.address_name }}',
    })
    expect([status, body?.errors]).toEqual([201, undefined])
    newsletter = body.doc.id
    await page.goto(`/admin/collections/newsletters/${newsletter}`)
    await page.locator('#field-subject').waitFor()
    expect(await page.getByText('Hinweis zur Anrede').count()).toBe(0)

    await page.fill('#field-subject', '{{ subscriber.first_name }}, drei Praxistipps für Sie')
    await page.getByRole('button', { name: 'Speichern' }).click()
    const warning = page.locator('#field-addressWarning')
    await expect.poll(() => warning.inputValue(), { timeout: 15_000 }).toMatch(/Abonnenten werden gesiezt/)
    expect(await warning.inputValue()).toContain('{{ subscriber.address_name }}')
    // Saved all the same: a note, not an error.
    const saved = (await rest(sqlite.url, admin, 'GET', `/newsletters/${newsletter}?depth=0`)).body
    expect(saved.subject).toBe('{{ subscriber.first_name }}, drei Praxistipps für Sie')

    await page.fill('#field-subject', 'Drei Praxistipps für {{ subscriber.address_name }}')
    await page.getByRole('button', { name: 'Speichern' }).click()
    await expect.poll(() => warning.count(), { timeout: 15_000 }).toBe(0)
  })
})

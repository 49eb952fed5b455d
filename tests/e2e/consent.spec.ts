import type { Browser, Page } from 'playwright-core'

import axe from 'axe-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, screenshotIfFailed } from '../helpers/browser'
import { login, rest } from '../helpers/http'
import { mailTo } from '../helpers/mailbox'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!
const mailDir = inject('mailDir')

/** axe-core in the page: WCAG 2.1 A/AA violations, as rule ids with the offending elements. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated as DevTools would, not as an inline <script>: the page's Content Security Policy forbids those.
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

describe('a subscriber in Chromium: sign-up, double opt-in, preference center, unsubscribe', () => {
  let browser: Browser
  let page: Page
  const email = `e2e-${Date.now()}@example.com`

  beforeAll(async () => {
    browser = await launchChromium()
    page = await (await browser.newContext({ baseURL: server.url, locale: 'de-DE' })).newPage()
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it('signs up on the form without JavaScript and is asked to confirm', async () => {
    await page.goto('/subscribe')
    expect(await accessibilityViolations(page)).toEqual([])
    await page.getByLabel('E-Mail-Adresse').fill(email)
    await page.getByLabel('Vorname (freiwillig)').fill('Erika')
    await page.getByLabel('Kontorwerk-Update').check()
    await page.getByLabel('Webinare & Events').check()
    // Keyboard only: the submit button is reachable by Tab and works with Enter.
    await page.getByRole('button', { name: 'Anmelden' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Fast geschafft')
  })

  it('receives the double-opt-in mail on the SMTP server and confirms with its link', async () => {
    const mail = await mailTo(mailDir, email)
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung')
    const link = /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(mail.text ?? '')![0]
    await page.goto(link)
    // The link only opens the question (mail scanners fetch links); the button confirms.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Anmeldung bestätigen')
    expect(await accessibilityViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Anmeldung bestätigen' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Anmeldung bestätigt')
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it('changes topics, frequency and a pause in the preference center, then unsubscribes from everything', async () => {
    await page.getByRole('link', { name: 'Zum Präferenzcenter' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Ihre Newsletter-Einstellungen')
    expect(await accessibilityViolations(page)).toEqual([])

    await page.getByLabel('Webinare & Events').uncheck()
    await page.getByLabel('Monatlich').check()
    await page.getByLabel('Pause bis (leer = keine Pause)').fill('2027-02-01')
    await page.getByRole('button', { name: 'Speichern' }).click()
    await expect(page.getByRole('status').innerText()).resolves.toBe('Ihre Einstellungen sind gespeichert.')
    await expect(page.getByLabel('Webinare & Events').isChecked()).resolves.toBe(false)
    await expect(page.getByLabel('Monatlich').isChecked()).resolves.toBe(true)

    await page.getByRole('button', { name: 'Von allen Newslettern abmelden' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Abgemeldet')

    // The ledger holds every step, in order.
    const admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const { body: subscribers } = await rest(
      server.url,
      admin,
      'GET',
      `/subscribers?where[email][equals]=${encodeURIComponent(email)}`,
    )
    const subscriber = subscribers.docs[0]
    expect(subscriber.preferences).toMatchObject({ frequency: 'monthly' })
    const { body } = await rest(
      server.url,
      admin,
      'GET',
      `/consent-records?where[subscriber][equals]=${subscriber.id}&sort=createdAt&limit=50&depth=1`,
    )
    const steps: string[] = body.docs.map(
      (record: { action: string; source: string; topic: null | { slug: string } }) =>
        `${record.action}:${record.source}:${record.topic?.slug ?? 'all'}`,
    )
    // Records of one step share a timestamp, so within a step the order is free.
    expect([steps.slice(0, 2).sort(), steps.slice(2, 4).sort(), steps.slice(4)]).toEqual([
      ['requested:form:webinare', 'requested:form:wochen-update'],
      ['confirmed:form:webinare', 'confirmed:form:wochen-update'],
      ['withdrawn:preference_center:webinare', 'withdrawn:preference_center:all'],
    ])
  })
})

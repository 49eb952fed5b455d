import type { Browser, Page } from 'playwright-core'

import axe from 'axe-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { graphql, login, rest, type Session } from '../helpers/http'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

type ApiBlock = {
  reason: { kind: string; matchedInterests: string[]; matchedStage: null | string; score: number }
  title: string
}

const CONTEXT = {
  interests: [{ interest: 'e-rechnung', weight: 1 }],
  locale: 'de',
  persona: null,
  stage: 'repeat_customer',
}

/** axe-core on the preview only (WCAG 2.1 A/AA), as rule ids with the offending elements. */
async function previewViolations(page: Page): Promise<string[]> {
  // Evaluated as DevTools would, not as an inline <script>: the page's Content Security Policy forbids those.
  await page.evaluate(axe.source)
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(
      document.querySelector('section[aria-label="Personalisierte Vorschau"]')!,
      {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
      },
    ),
  )
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
}

/**
 * Issue 17: the preview explains every block in the admin's language, with German numbers and the
 * names editors gave interests and stages, and shows the mail as its reader gets it: subject and
 * preheader personalized, the body as HTML, as plain text and at a phone's width.
 */
describe('the newsletter preview in a German admin (Chromium)', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  let newsletterId: number | string

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    newsletterId = (await rest(server.url, admin, 'GET', '/newsletters?where[slug][equals]=wochen-update&depth=0')).body
      .docs[0].id
    ;({ browser, page } = await openGermanAdmin(server.url, 'admin@example.com', 'admin-demo-2026'))
    await page.goto(`/admin/collections/newsletters/${newsletterId}`)
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  const reasonCells = () => page.locator('table.preview-reasons tbody td:nth-child(3)').allInnerTexts()

  it('explains the blocks in German: decimal comma, interest and stage by their names', async () => {
    const { data, errors } = await graphql(
      server.url,
      admin,
      'query($c: PersonalizationContextInput) { personalizedNewsletter(newsletter: "wochen-update", context: $c) { slots { blocks { title reason { kind score matchedInterests matchedStage } } } } }',
      { c: CONTEXT },
    )
    expect(errors).toBeUndefined()
    const blocks = (data!.personalizedNewsletter.slots as { blocks: ApiBlock[] }[]).flatMap((slot) => slot.blocks)
    const matched = blocks.find(
      (block) =>
        block.reason.matchedInterests.includes('e-rechnung') && block.reason.matchedStage === 'repeat_customer',
    )
    expect(matched, 'the demo data has a customer block about E-Rechnung').toBeDefined()

    await page.selectOption('#preview-stage', 'repeat_customer')
    await page.selectOption('#preview-interest', 'e-rechnung')
    await page.getByRole('button', { name: 'Vorschau erstellen' }).click()
    const row = page.locator('table.preview-reasons tbody tr', { hasText: matched!.title })
    await row.waitFor()

    const why = await row.locator('td').nth(2).innerText()
    const germanScore = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(matched!.reason.score)
    expect(why).toContain(`Score ${germanScore} aus `)
    expect(why).toContain('Interessen E-Rechnung')
    expect(why).toContain('Phase Stammkunde')

    const all = await reasonCells()
    expect(all).toHaveLength(blocks.length)
    for (const text of all) {
      expect(text).not.toMatch(/Score \d+\.\d/)
      expect(text).not.toMatch(/e-rechnung|repeat_customer|guard_|\bfrom\b|\binterests\b/)
    }
    await expect(page.getByText('Sprache des Dokuments: Deutsch').count()).resolves.toBe(1)
  })

  it("shows a subscriber's subject and preheader as the inbox does, and the mail as HTML, plain text and at 375 px", async () => {
    const reader = (
      await rest(server.url, admin, 'GET', '/subscribers?limit=1&depth=0&where[firstName][exists]=true&sort=id')
    ).body.docs[0] as { firstName: string; id: number | string }
    const { data, errors } = await graphql(
      server.url,
      admin,
      'query($s: ID) { personalizedNewsletter(newsletter: "wochen-update", subscriber: $s) { subject preheader text } }',
      { s: reader.id },
    )
    expect(errors).toBeUndefined()
    const mail = data!.personalizedNewsletter as { preheader: string; subject: string; text: string }
    expect(mail.subject).not.toContain('{{')

    await page.fill('#preview-subscriber', String(reader.id))
    await page.getByRole('button', { name: 'Vorschau erstellen' }).click()
    await expect.poll(() => page.locator('.preview-subject').innerText(), { timeout: 15_000 }).toBe(mail.subject)
    await expect(page.locator('.preview-preheader').innerText()).resolves.toBe(mail.preheader)

    const views = page.getByRole('group', { name: 'Ansicht' })
    const html = views.getByRole('button', { name: 'HTML' })
    const text = views.getByRole('button', { name: 'Nur Text' })
    const mobile = views.getByRole('button', { name: 'Mobil (375 px)' })
    await expect(html.getAttribute('aria-pressed')).resolves.toBe('true')
    const frame = page.locator('section[aria-label="Personalisierte Vorschau"] iframe')
    expect((await frame.boundingBox())!.width).toBeGreaterThan(600)

    await text.click()
    await expect(text.getAttribute('aria-pressed')).resolves.toBe('true')
    await expect(frame.count()).resolves.toBe(0)
    const plain = (await page.locator('pre.preview-text').innerText()).replace(/\s+/g, ' ')
    expect(plain).toContain(mail.text.replace(/\s+/g, ' ').trim().slice(0, 80))

    await mobile.click()
    await expect(mobile.getAttribute('aria-pressed')).resolves.toBe('true')
    expect(Math.round((await frame.boundingBox())!.width)).toBe(375)
    await expect(frame.getAttribute('srcdoc')).resolves.toContain('<html')
  })

  it('has no WCAG A/AA violations (axe-core)', async () => {
    await expect(previewViolations(page)).resolves.toEqual([])
  })

  it('shows a landing page as HTML and at 375 px (a page has no plain-text part), its reasons in German', async () => {
    const pageId = (await rest(server.url, admin, 'GET', '/landing-pages?where[slug][equals]=fuer-sie&depth=0')).body
      .docs[0].id
    await page.goto(`/admin/collections/landing-pages/${pageId}`)
    await page.selectOption('#preview-interest', 'e-rechnung')
    await page.getByRole('button', { name: 'Vorschau erstellen' }).click()
    const views = page.getByRole('group', { name: 'Ansicht' })
    await views.waitFor()
    await expect(views.getByRole('button').allInnerTexts()).resolves.toEqual(['HTML', 'Mobil (375 px)'])
    await expect(page.locator('.preview-subject').count()).resolves.toBe(0)
    const reasons = await reasonCells()
    expect(reasons.length).toBeGreaterThan(0)
    expect(reasons.some((text) => text.includes('Interessen E-Rechnung'))).toBe(true)
    for (const text of reasons) expect(text).not.toMatch(/Score \d+\.\d|e-rechnung/)
    await expect(previewViolations(page)).resolves.toEqual([])
  })
})

import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { wcagViolations } from '../helpers/axe'
import { openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { login, rest, type Session } from '../helpers/http'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

type Seeded = { id: string; name: string }

/**
 * Issue 17: a team that sends more than 20 campaigns still finds each of them in /admin/campaign-report —
 * 60 campaigns seeded here are all listed across pages and each opens by id; search and filters narrow
 * the list (and live in the URL); an automation's campaigns stand under it by step; the page never scrolls
 * sideways at 1440 or 375 px; axe-core finds no WCAG A/AA violation.
 */
describe('the campaign report with 60 campaigns (Chromium, German)', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  const stamp = Date.now()
  const seeded: Seeded[] = []
  let automation: { id: string; name: string }

  /** The campaign ids of the table rows on the page shown, in order. */
  const listedIds = () =>
    page
      .locator('.campaign-report__table tbody tr[data-campaign]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-campaign')!))
  const horizontalOverflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const newsletter = (await rest(server.url, admin, 'GET', '/newsletters?limit=1&depth=0')).body.docs[0].id
    // Numbered so the search below can find one; created one after another so "newest first" is well defined.
    for (let index = 1; index <= 60; index++) {
      const name = `Bericht ${stamp} Nr. ${String(index).padStart(2, '0')}`
      const created = await rest(server.url, admin, 'POST', '/campaigns', { name, newsletter })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      seeded.push({ id: String(created.body.doc.id), name })
    }
    // An inactive automation with two send steps around a wait: two campaigns (steps 1 and 3), paused.
    const name = `Willkommen ${stamp}`
    const created = await rest(server.url, admin, 'POST', '/automations', {
      active: false,
      name,
      steps: [
        { newsletter, type: 'send' },
        { days: 2, type: 'wait' },
        { newsletter, type: 'send' },
      ],
      trigger: 'double_opt_in',
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    automation = { id: String(created.body.doc.id), name }
    ;({ browser, page } = await openGermanAdmin(server.url, 'admin@example.com', 'admin-demo-2026'))
  }, 180_000)
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it('lists all 60 across pages of 20, newest first, with the page in the URL', async () => {
    await page.goto(`/admin/campaign-report?q=${encodeURIComponent(`Bericht ${stamp}`)}`)
    await expect.poll(() => page.locator('.campaign-report__summary').innerText()).toBe('60 Kampagnen · Seite 1 von 3')
    const seen: string[] = []
    for (let number = 1; number <= 3; number++) {
      if (number > 1) {
        await page
          .getByRole('navigation', { name: 'Seiten des Berichts' })
          .getByRole('link', { name: 'Nächste Seite' })
          .click()
        await page.waitForURL(new RegExp(`[?&]page=${number}`))
      }
      const ids = await listedIds()
      expect(ids).toHaveLength(20)
      seen.push(...ids)
    }
    expect(seen).toEqual([...seeded].reverse().map((campaign) => campaign.id))
    // The link reproduces the view: page 3 opened directly shows the oldest twenty.
    await page.goto(`/admin/campaign-report?q=${encodeURIComponent(`Bericht ${stamp}`)}&page=3`)
    expect(await listedIds()).toEqual(seen.slice(40))
  })

  it('opens each of the 60 by id, whatever page it is on', async () => {
    for (const campaign of seeded) {
      // Server-rendered: the HTML of the view already holds the open campaign's detail.
      const response = await page.request.get(`/admin/campaign-report?campaign=${campaign.id}`)
      expect(response.status()).toBe(200)
      const html = await response.text()
      expect(html, campaign.name).toContain(`data-campaign="${campaign.id}"`)
      expect(html, campaign.name).toContain(`Details: ${campaign.name}`)
    }
    // The oldest (on no first page) as a reader sees it.
    await page.goto(`/admin/campaign-report?campaign=${seeded[0].id}`)
    await expect.poll(() => page.locator('.campaign-report__detail h2').innerText()).toBe(`Details: ${seeded[0].name}`)
  })

  it('says so in German when a campaign does not exist', async () => {
    for (const id of ['987654321', 'kein-kampagnen-id']) {
      await page.goto(`/admin/campaign-report?campaign=${id}`)
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'gibt es nicht' }).innerText())
        .toContain(`„${id}“`)
      expect(await page.locator('.campaign-report__detail').count()).toBe(0)
    }
  })

  it('searches by name and filters by status through the form, keeping it in the URL', async () => {
    await page.goto('/admin/campaign-report')
    await page.getByLabel('Kampagne suchen').fill(`${stamp} Nr. 07`)
    await page.getByRole('button', { name: 'Anzeigen' }).click()
    await page.waitForURL(/[?&]q=/)
    expect(await listedIds()).toEqual([seeded[6].id])
    await page.getByLabel('Kampagne suchen').fill(`Bericht ${stamp}`)
    await page.getByLabel('Status').selectOption('done')
    await page.getByRole('button', { name: 'Anzeigen' }).click()
    await page.waitForURL(/status=done/)
    await expect.poll(() => page.getByText('Keine Kampagne passt zu Suche und Filtern.').count()).toBe(1)
    await page.getByLabel('Status').selectOption('draft')
    await page.getByRole('button', { name: 'Anzeigen' }).click()
    await page.waitForURL(/status=draft/)
    await expect.poll(() => page.locator('.campaign-report__summary').innerText()).toBe('60 Kampagnen · Seite 1 von 3')
  })

  it('groups an automation’s campaigns under it by step, and filters by automation', async () => {
    await page.goto(`/admin/campaign-report?q=${encodeURIComponent(automation.name)}`)
    const group = page.locator(`tbody[data-automation="${automation.id}"]`)
    await expect
      .poll(() => group.locator('tr').first().locator('th').innerText())
      .toContain(`Automation „${automation.name}“`)
    expect(await group.locator('.campaign-report__step').allInnerTexts()).toEqual(['Schritt 1', 'Schritt 3'])
    await page.getByLabel('Automation').selectOption({ label: automation.name })
    await page.getByLabel('Kampagne suchen').fill('')
    await page.getByRole('button', { name: 'Anzeigen' }).click()
    await page.waitForURL(new RegExp(`automation=${automation.id}`))
    expect(await listedIds()).toHaveLength(2)
    await page.getByLabel('Automation').selectOption({ label: 'Nur Einzelkampagnen' })
    await page.getByLabel('Kampagne suchen').fill(`Bericht ${stamp}`)
    await page.getByRole('button', { name: 'Anzeigen' }).click()
    await page.waitForURL(/automation=none/)
    await expect.poll(() => page.locator('.campaign-report__summary').innerText()).toBe('60 Kampagnen · Seite 1 von 3')
  })

  it('fits the page at 1440 and 375 px: the chart wraps, names are whole, the table scrolls in its own box', async () => {
    for (const width of [1440, 375]) {
      await page.setViewportSize({ height: 900, width })
      await page.goto(`/admin/campaign-report?q=${encodeURIComponent(`Bericht ${stamp}`)}&campaign=${seeded[0].id}`)
      await page.locator('.campaign-report__chart').waitFor()
      expect(await horizontalOverflow(), `page overflow at ${width} px`).toBe(0)
      // Every campaign of the page has its panel, its name not cut (no hidden overflow), every bar inside it.
      const panels = await page.locator('.campaign-report__chart-panel').evaluateAll((elements) =>
        elements.map((panel) => {
          const name = panel.firstElementChild as HTMLElement
          const box = panel.getBoundingClientRect()
          const overflowing = [...panel.querySelectorAll('*')].some((child) => {
            const inner = child.getBoundingClientRect()
            return inner.right > box.right + 0.5 || inner.left < box.left - 0.5
          })
          return { cut: name.scrollWidth > name.clientWidth, name: name.innerText, overflowing }
        }),
      )
      expect(panels).toHaveLength(20)
      expect(panels.filter((panel) => panel.cut || panel.overflowing)).toEqual([])
      expect(panels.map((panel) => panel.name)).toEqual(
        [...seeded]
          .reverse()
          .slice(0, 20)
          .map((campaign) => campaign.name),
      )
    }
    await page.setViewportSize({ height: 1200, width: 1440 })
  })

  it('has every number of the chart in the table too, in German formats', async () => {
    await page.goto(`/admin/campaign-report?q=${encodeURIComponent(`Bericht ${stamp}`)}`)
    const panel = page.locator(`.campaign-report__chart-panel[data-campaign="${seeded[59].id}"]`)
    const row = page.locator(`tr[data-campaign="${seeded[59].id}"]`)
    for (const series of ['sent', 'uniqueOpens', 'uniqueClicks', 'conversions'])
      expect(await row.locator(`[data-count="${series}"]`).innerText()).toBe(
        await panel.locator(`[data-series="${series}"]`).locator('xpath=../..').locator('span').innerText(),
      )
    expect(await row.locator('[data-count="clickRate"]').innerText()).toBe('0,0\u00a0%')
  })

  it('has no WCAG A/AA violations (axe-core), with a campaign open', async () => {
    await page.goto(`/admin/campaign-report?q=${encodeURIComponent(`Bericht ${stamp}`)}&campaign=${seeded[3].id}`)
    await page.locator('.campaign-report__detail').waitFor()
    expect(await wcagViolations(page)).toEqual([])
  })
})

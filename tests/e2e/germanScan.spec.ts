import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { launchChromium, logIntoAdmin, screenshotIfFailed } from '../helpers/browser'
import { login, rest } from '../helpers/http'
import { signedToken } from '../helpers/links'
import { mailTo } from '../helpers/mailbox'
import { type Finding, productEnglishWords, untranslated, without, writtenTexts } from '../helpers/productWords'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!
const mailDir = inject('mailDir')

type Report = Finding & { context: string; view: string }

/**
 * TEMPORARY, remove after merging issue 17's branches: English that other helpers' screens still show
 * on this branch. Each entry is one view and the exact words found there, nothing broader, so
 * anything new on these views still fails.
 */
/** Known, narrow exceptions, each with its reason (and an open item in the docs). */
const OWNED_ELSEWHERE: { reason: string; view: RegExp; words: (RegExp | string)[] }[] = [
  {
    reason:
      'Payload\'s own document-lock notice ("Bearbeitet seit …", when another spec\'s session still holds the document) formats its time in English',
    view: /^\/admin\/collections\/[\w-]+\/\d+$/,
    words: [/^\d{1,2}:\d{2} [AP]M$/],
  },
  {
    reason:
      "an event's source and id are the sending system's identifiers, stored as given (`campaign`, `campaign-sent:7:203`); open: show sources by name",
    view: /^\/admin\/collections\/events(\/\d+)?$/,
    words: ['campaign', 'sent'],
  },
  {
    reason:
      "a subscriber's purchases (a read-only view of purchase events) show each event's properties as stored JSON; open: a column per property",
    view: /^\/admin\/collections\/subscribers\/\d+$/,
    words: ['product', 'amount', 'currency'],
  },
  {
    reason:
      "a subscriber import's column mapping is JSON whose values are the import's field names, which the admin types; open: a mapping table with German field labels",
    view: /^\/admin\/collections\/subscriber-imports(\/\d+|\/create)?$/,
    words: [
      'email',
      'firstName',
      'lastName',
      'externalId',
      'optedInAt',
      'optInIp',
      'confirmedAt',
      'confirmIp',
      'unsubscribedAt',
    ],
  },
]

const isOwnedElsewhere = (finding: Report) =>
  OWNED_ELSEWHERE.some(
    ({ view, words }) =>
      view.test(finding.view) &&
      words.some((word) => (typeof word === 'string' ? word === finding.word : word.test(finding.word))),
  )

/**
 * The page's visible text once its data has loaded (the admin's components fetch after rendering),
 * without what code editors show: JSON and templates the team typed, keys included.
 */
async function visibleText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle')
  // Hidden for the reading, not cut out of the text afterwards: an editor still loading shows only
  // its line number "1", and cutting every "1" out of the page broke "Phasenwechsel 1".
  return page.evaluate(() => {
    const editors = [...document.querySelectorAll<HTMLElement>('.code-editor, .monaco-editor, .cm-editor')]
    const displays = editors.map((editor) => editor.style.display)
    for (const editor of editors) editor.style.display = 'none'
    const text = document.body.innerText
    editors.forEach((editor, index) => (editor.style.display = displays[index]))
    return text
  })
}

/** The edit view's text with every tab opened in turn (only the open tab is rendered). */
async function textOfAllTabs(page: Page): Promise<string> {
  const texts = [await visibleText(page)]
  const tabs = page.locator('.tabs-field__tab-button')
  for (let index = 0; index < (await tabs.count()); index++) {
    await tabs.nth(index).click()
    texts.push(await visibleText(page))
  }
  return texts.join('\n')
}

const findingsIn = (view: string, text: string, englishWords: Set<string>): Report[] =>
  untranslated(text, englishWords).map((finding) => {
    const at = text.search(new RegExp(`(?<![\\wäöüß])${finding.word.replace(/[[\]]/g, '\\$&')}(?![\\wäöüß])`, 'i'))
    const context = at < 0 ? '' : text.slice(Math.max(0, at - 40), at + finding.word.length + 40).replace(/\s+/g, ' ')
    return { ...finding, context, view }
  })

describe('a German marketing team sees no English of ours (Chromium, German admin and pages)', () => {
  const englishWords = productEnglishWords(process.cwd())
  let browser: Browser
  let page: Page
  const reports: Report[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(async () => {
    const elsewhere = reports.filter(isOwnedElsewhere)
    if (elsewhere.length) console.warn('English on other helpers’ views (temporary exception):', elsewhere)
    await browser?.close()
  })

  it('knows the English words of the product (from en.ts and the app’s labels)', () => {
    // A scan with an empty list would pass on anything: these words are ours and surely English.
    for (const word of ['interest', 'purchase', 'requested', 'confirmed', 'withdrawn', 'campaign', 'needs'])
      expect(englishWords, word).toContain(word)
    for (const word of ['newsletter', 'name', 'status', 'score']) expect(englishWords, word).not.toContain(word)
  })

  it('walks every collection (list and a seeded document), every global and the report in German', async () => {
    const admin = await (
      await browser.newContext({ baseURL: server.url, locale: 'de-DE', viewport: { height: 1200, width: 1440 } })
    ).newPage()
    page = admin
    await logIntoAdmin(admin, 'admin@example.com', 'admin-demo-2026')
    await admin.goto('/admin')
    const navigation = await admin
      .locator('a[href^="/admin/collections/"], a[href^="/admin/globals/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')!))
    const lists = [...new Set(navigation.filter((href) => /^\/admin\/(collections|globals)\/[\w-]+$/.test(href)))]
    const collections = lists.filter((href) => href.startsWith('/admin/collections/'))
    // Every collection of the product and the app, each global: nothing hidden from the walk by accident.
    expect(collections.length).toBeGreaterThanOrEqual(15)
    expect(lists.filter((href) => href.startsWith('/admin/globals/')).length).toBeGreaterThanOrEqual(3)

    const session = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const api = async (path: string) => (await rest(server.url, session, 'GET', path)).body
    // Each view with the API read of the documents it shows (their written texts are content, not ours).
    const views: { data: string; view: string }[] = [
      { data: '/campaigns?limit=100&depth=0', view: '/admin' },
      { data: '/campaigns?limit=100&depth=0', view: '/admin/campaign-report' },
      { data: '/users/me', view: '/admin/account' },
    ]
    for (const list of lists) {
      const [, kind, slug] = list.split('/').slice(1)
      if (kind === 'globals') {
        views.push({ data: `/globals/${slug}?depth=1`, view: list })
        continue
      }
      const { docs } = await api(`/${slug}?limit=10&depth=1`)
      views.push({ data: `/${slug}?limit=10&depth=1`, view: list })
      if (docs?.[0]) views.push({ data: `/${slug}/${docs[0].id}?depth=1`, view: `${list}/${docs[0].id}` })
    }
    // The busiest edit views: a subscriber with a stage history, one with a consent ledger.
    const [staged] = (await api('/subscribers?limit=1&depth=0&where[stageHistory.stage][exists]=true')).docs
    const [consented] = (await api('/consent-records?limit=1&depth=0&where[subscriber][exists]=true')).docs
    for (const id of [staged?.id, consented?.subscriber].filter(Boolean))
      views.push({ data: `/subscribers/${id}?depth=1`, view: `/admin/collections/subscribers/${id}` })

    const seen = new Map<string, string>()
    for (const { data, view } of views) {
      await admin.goto(view)
      const text = /\/collections\/[\w-]+\/\w+$/.test(view) ? await textOfAllTabs(admin) : await visibleText(admin)
      seen.set(view, text)
      reports.push(...findingsIn(view, without(text, writtenTexts(await api(data))), englishWords))
    }
    // Most collections have a seeded document to open; those filled only by use (anonymous visitors,
    // imports, feeds, the audit log, send records) are empty in a fresh demo and walked as lists.
    expect(views.length).toBeGreaterThan(1.5 * collections.length)
    expect(reports.filter((report) => !isOwnedElsewhere(report))).toEqual([])
    // What replaced the English: rows named in German, the ledger in words, dates the German way.
    // Array rows get their label after hydration, and the ledger loads after it; on a busy machine
    // both can trail the network going quiet: poll them.
    await admin.goto(`/admin/collections/subscribers/${staged.id}`)
    await expect.poll(() => textOfAllTabs(admin), { timeout: 30_000 }).toMatch(/Phasenwechsel 1\b/)
    await admin.goto(`/admin/collections/subscribers/${consented.subscriber}`)
    await expect
      .poll(() => textOfAllTabs(admin), { timeout: 30_000 })
      .toMatch(/(?:Angefordert|Bestätigt|Widerrufen)\s+(?:Formular|Ein-Klick-Abmeldung)/)
    expect(seen.get('/admin/collections/consent-records')).toMatch(/\b\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\b/)
    // About fifty views, each waited on until its data has loaded.
  }, 480_000)

  it('shows the sign-up, confirmation, preference and unsubscribe pages and the opt-in mail in German', async () => {
    const reader = await (await browser.newContext({ baseURL: server.url, locale: 'de-DE' })).newPage()
    page = reader
    const email = `scan-${Date.now()}@example.com`
    const pageReports: Report[] = []
    const scan = async (view: string) => pageReports.push(...findingsIn(view, await visibleText(reader), englishWords))

    await reader.goto('/subscribe')
    await scan('/subscribe')
    await reader.getByLabel('E-Mail-Adresse').fill(email)
    await reader.getByLabel('Kontorwerk-Update').check()
    await reader.getByRole('button', { name: 'Anmelden' }).click()
    await expect.poll(() => reader.getByRole('heading', { level: 1 }).innerText()).toBe('Fast geschafft')
    await scan('/subscribe (sent)')

    const mail = await mailTo(mailDir, email)
    pageReports.push(...findingsIn('double-opt-in mail', `${mail.subject}\n${mail.text}`, englishWords))
    await reader.goto(/https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(mail.text ?? '')![0])
    await scan('/subscribe/confirm')
    await reader.getByRole('button', { name: 'Anmeldung bestätigen' }).click()
    await expect.poll(() => reader.getByRole('heading', { level: 1 }).innerText()).toBe('Anmeldung bestätigt')
    await scan('/subscribe/confirm (confirmed)')
    await reader.getByRole('link', { name: 'Zum Präferenzcenter' }).click()
    await scan('/preferences')

    const admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    const { body } = await rest(
      server.url,
      admin,
      'GET',
      `/subscribers?where[email][equals]=${encodeURIComponent(email)}`,
    )
    await reader.goto(
      `/unsubscribe?token=${encodeURIComponent(await signedToken(server, body.docs[0].id, 'unsubscribe'))}`,
    )
    await scan('/unsubscribe')
    await reader.getByRole('button').first().click()
    await reader.waitForLoadState('networkidle')
    await scan('/unsubscribe (done)')

    reports.push(...pageReports)
    expect(pageReports.filter((report) => !isOwnedElsewhere(report))).toEqual([])
  }, 180_000)
})

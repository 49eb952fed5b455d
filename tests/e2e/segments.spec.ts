import type { Browser, Locator, Page } from 'playwright-core'

import axe from 'axe-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { graphql, login, rest, type Session } from '../helpers/http'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!

type Tree = { combinator: string; not?: boolean; rules: (Tree | { field: string; operator: string; value: unknown })[] }

/** The stored tree without the builder's node ids, which are its own business. */
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds)
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(
    Object.entries(node).flatMap(([key, value]) => (key === 'id' ? [] : [[key, withoutIds(value)]])),
  )
}

/** Text of an element that may not be there yet, without waiting for it (for expect.poll). */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.count()) > 0 ? locator.first().innerText() : ''
}

/** The live count once the preview has settled (not while a newer request is under way), or null. */
async function shownCount(page: Page): Promise<null | number> {
  const count = page.locator('.segment-preview-count[aria-busy="false"] [data-count]')
  return (await count.count()) > 0 ? Number(await count.getAttribute('data-count')) : null
}

/** axe-core on the rule builder and its preview only (WCAG 2.1 A/AA), as rule ids with the offending elements. */
async function builderViolations(page: Page): Promise<string[]> {
  // Evaluated as DevTools would, not as an inline <script>: the page's Content Security Policy forbids those.
  await page.evaluate(axe.source)
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document.querySelector('.segment-rule-builder')!, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    }),
  )
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
}

const totalDocs = async (session: Session, path: string): Promise<number> =>
  (await rest(server.url, session, 'GET', path)).body.totalDocs

let segmentId: string
let expectedEither: number

describe('an admin composing a segment with the rule builder (Chromium, German)', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  let stage: { id: number | string; label: string }
  let persona: { id: number | string; name: string }
  const name = `Segment-Test ${Date.now()}`
  const rule = (index: number) => page.locator('.segment-rule-builder .rule').nth(index)

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    stage = (await rest(server.url, admin, 'GET', '/lifecycle-stages?where[key][equals]=mql&depth=0&locale=de')).body
      .docs[0]
    persona = (
      await rest(server.url, admin, 'GET', '/personas?where[slug][equals]=it-administration&depth=0&locale=de')
    ).body.docs[0]
    ;({ browser, page } = await openGermanAdmin(server.url, 'admin@example.com', 'admin-demo-2026'))
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it('composes "stage is MQL or persona is IT admin" and shows the live count the subscribers API agrees with', async () => {
    await page.goto('/admin/collections/segments/create')
    await page.fill('#field-name', name)
    const addRule = page.getByRole('button', { name: '+ Bedingung' }).first()

    await addRule.click()
    await rule(0).getByLabel('Feld', { exact: true }).selectOption({ label: 'Lebenszyklusphase' })
    await expect(rule(0).getByLabel('Operator', { exact: true }).inputValue()).resolves.toBe('is')
    await rule(0).getByLabel('Phase', { exact: true }).selectOption({ label: stage.label })
    const inStage = await totalDocs(admin, `/subscribers?where[stage][equals]=${stage.id}&limit=1&depth=0`)
    expect(inStage).toBeGreaterThan(0)
    await expect.poll(() => shownCount(page)).toBe(inStage)
    await expect(page.locator('.segment-preview-count').innerText()).resolves.toMatch(/^[\d.]+ Mitglieder?$/)

    await addRule.click()
    await rule(1).getByLabel('Feld', { exact: true }).selectOption({ label: 'Persona' })
    await expect(rule(1).getByLabel('Operator', { exact: true }).inputValue()).resolves.toBe('is')
    await rule(1).getByLabel('Persona', { exact: true }).selectOption({ label: persona.name })
    await page.locator('.segment-rule-builder .ruleGroup-combinators').first().selectOption({ label: 'ODER' })

    expectedEither = await totalDocs(
      admin,
      `/subscribers?where[or][0][stage][equals]=${stage.id}&where[or][1][persona][equals]=${persona.id}&limit=1&depth=0`,
    )
    // The persona must add members, or OR would be indistinguishable from the stage rule alone.
    expect(expectedEither).toBeGreaterThan(inStage)
    await expect.poll(() => shownCount(page)).toBe(expectedEither)
    // Admins see who: a sample of members with their email addresses.
    await expect
      .poll(async () =>
        (await page.locator('.segment-preview-sample a').allInnerTexts()).some((text) => text.includes('@')),
      )
      .toBe(true)
    // Every dropdown and input of the builder has an accessible name.
    expect(await builderViolations(page)).toEqual([])
  })

  it('saves the tree exactly as built and shows it again after a reload', async () => {
    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.waitForURL(/\/segments\/(?!create)[\w-]+$/)
    segmentId = page.url().split('/').pop()!

    const { body } = await rest(server.url, admin, 'GET', `/segments/${segmentId}?depth=0`)
    expect(body.name).toBe(name)
    const expected: Tree = {
      combinator: 'or',
      rules: [
        { field: 'stage', operator: 'is', value: String(stage.id) },
        { field: 'persona', operator: 'is', value: String(persona.id) },
      ],
    }
    expect(withoutIds(body.rules)).toEqual(expected)

    await page.reload()
    await expect.poll(() => rule(0).getByLabel('Phase', { exact: true }).inputValue()).toBe(String(stage.id))
    await expect(rule(1).getByLabel('Persona', { exact: true }).inputValue()).resolves.toBe(String(persona.id))
    await expect(page.locator('.segment-rule-builder .ruleGroup-combinators').first().inputValue()).resolves.toBe('or')
    await expect.poll(() => shownCount(page)).toBe(expectedEither)
  })

  it('refuses to save a condition without a value, and says which one', async () => {
    const badName = `Leere Region ${Date.now()}`
    await page.goto('/admin/collections/segments/create')
    await page.fill('#field-name', badName)
    await page.getByRole('button', { name: '+ Bedingung' }).first().click()
    await rule(0).getByLabel('Feld', { exact: true }).selectOption({ label: 'Region' })
    await expect(rule(0).getByLabel('Wert', { exact: true }).inputValue()).resolves.toBe('')

    // The preview names the condition and the problem in German before anything is saved ...
    await expect
      .poll(() => textOf(page.locator('.segment-preview [role="alert"]')))
      .toMatch(/Bedingung 1: Region: braucht einen Text mit 1–200 Zeichen/)
    await expect.poll(() => rule(0).getAttribute('class')).toContain('rule--problem')
    expect(await builderViolations(page)).toEqual([])

    // ... and saving it gets Payload's validation error on the field; nothing is stored.
    await page.getByRole('button', { name: 'Speichern' }).click()
    await expect.poll(() => textOf(page.locator('.payload-toast-container'))).toContain('Regeln')
    await expect
      .poll(() => textOf(page.locator('.segment-rule-builder .field-error')))
      .toContain('Regel 1: Region: braucht einen Text mit 1–200 Zeichen ohne Steuerzeichen')
    expect(page.url()).toMatch(/\/segments\/create$/)
    await expect(
      totalDocs(admin, `/segments?where[name][equals]=${encodeURIComponent(badName)}&limit=1`),
    ).resolves.toBe(0)
  })
})

describe('an editor looking at a segment', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    ;({ browser, page } = await openGermanAdmin(server.url, 'editor@example.com', 'editor-demo-2026'))
  })
  afterAll(() => browser?.close())

  it('sees the same live count, and members only by id (no email addresses)', async () => {
    expect(segmentId).toBeTruthy()
    await page.goto(`/admin/collections/segments/${segmentId}`)
    await expect.poll(() => shownCount(page)).toBe(expectedEither)
    const sample = page.locator('.segment-preview-sample a')
    await expect.poll(() => sample.count()).toBeGreaterThan(0)
    for (const text of await sample.allInnerTexts()) expect(text).toMatch(/^#[\w-]+$/)
  })

  it('freezes the segment into a fixed list with the same members, and opens it', async () => {
    const editor = await login(server.url, 'editor@example.com', 'editor-demo-2026')
    const live = await graphql(server.url, editor, 'query ($id: ID!) { segmentCount(id: $id) }', { id: segmentId })
    await page.goto(`/admin/collections/segments/${segmentId}`)
    await page.getByRole('button', { name: 'Jetzt einfrieren' }).click()
    const result = page.locator('.segment-freeze__result')
    await expect.poll(() => textOf(result)).toContain(`Eingefroren: ${live.data!.segmentCount} Mitglieder in`)
    await result.locator('a').click()
    await page.waitForURL(/\/segments\/[\w-]+$/)
    const frozenId = page.url().split('/').pop()!
    expect(frozenId).not.toBe(segmentId)
    // The fixed list shows its member count and origin; the rule builder and the freeze button are gone.
    await expect.poll(async () => page.locator('#field-memberCount').inputValue()).toBe(String(live.data!.segmentCount))
    expect(await page.locator('.segment-rule-builder').count()).toBe(0)
    expect(await page.locator('.segment-freeze').count()).toBe(0)
    const frozen = await graphql(server.url, editor, 'query ($id: ID!) { segmentCount(id: $id) }', { id: frozenId })
    expect(frozen.data!.segmentCount).toBe(live.data!.segmentCount)
  })
})

describe('an admin importing members into a static segment', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  let segment: { id: number | string }
  let emails: string[]

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    segment = (await rest(server.url, admin, 'POST', '/segments', { kind: 'static', name: `CSV-Liste ${Date.now()}` }))
      .body.doc
    emails = (await rest(server.url, admin, 'GET', '/subscribers?limit=2&sort=id&depth=0')).body.docs.map(
      (doc: { email: string }) => doc.email,
    )
    ;({ browser, page } = await openGermanAdmin(server.url, 'admin@example.com', 'admin-demo-2026'))
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  const upload = async (csv: string) => {
    await page
      .getByLabel('CSV-Datei mit Spalte „email“')
      .setInputFiles({ buffer: Buffer.from(csv), mimeType: 'text/csv', name: 'mitglieder.csv' })
    await page.getByRole('button', { name: 'CSV importieren' }).click()
  }

  it('imports a CSV of known addresses and shows the new member count', async () => {
    await page.goto(`/admin/collections/segments/${segment.id}`)
    await upload(`email\n${emails.join('\n')}\n`)
    await expect
      .poll(() => textOf(page.locator('.segment-member-import__result')))
      .toBe('2 importiert – das Segment hat jetzt 2 Mitglieder.')
    // The sidebar count follows without a reload, and it is what the server stored.
    await expect(page.locator('#field-memberCount').inputValue()).resolves.toBe('2')
    await expect(
      rest(server.url, admin, 'GET', `/segments/${segment.id}?depth=0`).then(({ body }) => body.memberCount),
    ).resolves.toBe(2)
  })

  it('names every row it cannot import, by its line in the file, and stores nothing', async () => {
    await upload(`email\n${emails[0]}\nniemand-${Date.now()}@example.com\nkeine-adresse\n`)
    const alert = page.locator('.segment-member-import [role="alert"]')
    await expect.poll(() => textOf(alert)).toMatch(/Nichts wurde gespeichert:\s+Zeile 3: .+\s+Zeile 4: .+/)
    await expect(
      rest(server.url, admin, 'GET', `/segments/${segment.id}?depth=0`).then(({ body }) => body.memberCount),
    ).resolves.toBe(2)
  })
})

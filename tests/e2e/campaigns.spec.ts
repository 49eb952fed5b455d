import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { chooseOption, openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { graphql, login, rest, type Session } from '../helpers/http'
import { mailTo, type ReceivedMail } from '../helpers/mailbox'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!
const mailDir = inject('mailDir')

type Reader = { email: string; id: number | string; persona: string; tracked: boolean }

/**
 * Issue #7's end-to-end case: an editor builds a newsletter and a campaign in the admin UI, sends it
 * to a segment, the server's worker delivers personalized mails into a real SMTP server, a click in
 * one of them is tracked and moves the score, and the campaign report shows the counts.
 */
describe('an editor sending a campaign from the admin UI (Chromium, German)', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  let readers: Reader[]
  let segment: number | string
  let campaignId: string
  const mails = new Map<string, ReceivedMail>()
  const stamp = Date.now()
  const newsletterName = `Kampagnen-Test ${stamp}`
  const campaignName = `Versand-Test ${stamp}`

  const choose = (container: ReturnType<Page['locator']>, text: string) => chooseOption(page, container, text)

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    // Readers: demo subscribers with confirmed consent for the weekly topic, one per persona, both tracked.
    const topic = (await rest(server.url, admin, 'GET', '/topics?where[slug][equals]=wochen-update&depth=0')).body
      .docs[0]
    const records = async (purpose: string) =>
      (
        await rest(
          server.url,
          admin,
          'GET',
          `/consent-records?limit=0&depth=0&where[purpose][equals]=${purpose}&where[action][in]=confirmed,withdrawn`,
        )
      ).body.docs as { action: string; subscriber: number; topic: null | number }[]
    const confirmed = new Set(
      (await records('marketing'))
        .filter((record) => record.action === 'confirmed' && record.topic === topic.id)
        .map((record) => record.subscriber),
    )
    const withdrawn = new Set(
      (await records('marketing')).filter((record) => record.action === 'withdrawn').map((record) => record.subscriber),
    )
    const tracked = new Set(
      (await records('tracking')).filter((record) => record.action === 'confirmed').map((record) => record.subscriber),
    )
    const personas = new Map(
      (
        (await rest(server.url, admin, 'GET', '/personas?limit=0&depth=0')).body.docs as { id: number; slug: string }[]
      ).map((persona) => [persona.id, persona.slug]),
    )
    const subscribers = await rest(server.url, admin, 'GET', '/subscribers?limit=0&depth=0&sort=id')
    expect(subscribers.status).toBe(200)
    const candidates = (
      subscribers.body.docs as {
        email: string
        id: number
        persona?: null | number
        preferences?: { frequency?: string; pausedUntil?: null | string }
      }[]
    ).filter(
      (doc) =>
        confirmed.has(doc.id) &&
        !withdrawn.has(doc.id) &&
        tracked.has(doc.id) &&
        doc.persona &&
        doc.preferences?.frequency !== 'important_only' &&
        !doc.preferences?.pausedUntil,
    )
    readers = ['geschaeftsfuehrung-mittelstand', 'it-administration'].map((persona) => {
      const found = candidates.find((doc) => personas.get(doc.persona!) === persona)!
      return { email: found.email, id: found.id, persona, tracked: true }
    })
    segment = (
      await rest(server.url, admin, 'POST', '/segments', { kind: 'static', name: `Kampagnen-Empfänger ${stamp}` })
    ).body.doc.id
    const csv = `email\n${readers.map((reader) => reader.email).join('\n')}\n`
    const imported = await fetch(`${server.url}/api/segments/${segment}/import`, {
      body: csv,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      method: 'POST',
    })
    expect(imported.status).toBe(200)
    ;({ browser, page } = await openGermanAdmin(server.url, 'editor@example.com', 'editor-demo-2026'))
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it('builds a newsletter with a ranked slot in the admin UI', async () => {
    await page.goto('/admin/collections/newsletters/create')
    await page.fill('#field-name', newsletterName)
    await page.fill('#field-subject', '{{ subscriber.first_name | default: "Hallo" }}, Ihre Auswahl')
    await page
      .locator('#field-slots')
      .getByRole('button', { name: /hinzufügen/ })
      .first()
      .click()
    await page.fill('#field-slots__0__key', 'inhalt')
    await page.fill('#field-slots__0__label', 'Inhalt')
    await page.fill('#field-slots__0__count', '2')
    await choose(page.locator('#field-slots__0__fallback'), 'Neu im Kontorwerk-Blog')
    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.waitForURL(/\/newsletters\/\d+$/)
  })

  it('creates a campaign for the segment and sends it now', async () => {
    await page.goto('/admin/collections/campaigns/create')
    await page.fill('#field-name', campaignName)
    await choose(page.locator('#field-newsletter'), newsletterName)
    await choose(page.locator('#field-topic'), 'Kontorwerk-Update')
    await choose(page.locator('#field-audience'), `Kampagnen-Empfänger ${stamp}`)
    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.waitForURL(/\/campaigns\/\d+$/)
    campaignId = page.url().split('/').pop()!
    await page.getByRole('button', { name: 'Planen / jetzt senden' }).click()
    // The confirmation dialog counts the audience live; its button names the count it confirms.
    await page.getByRole('button', { name: `Jetzt an ${readers.length} Empfänger senden` }).click()
    // The worker in the server picks it up; the sidebar shows the progress live.
    await expect
      .poll(() => page.locator('.campaign-controls [data-count="sent"]').innerText(), { timeout: 60_000 })
      .toBe(String(readers.length))
  })

  it('delivered a personalized mail to each reader, with the blocks the engine explains for them', async () => {
    const slug = (
      await rest(
        server.url,
        admin,
        'GET',
        `/newsletters?where[name][equals]=${encodeURIComponent(newsletterName)}&depth=0`,
      )
    ).body.docs[0].slug
    const titles: string[][] = []
    for (const reader of readers) {
      const mail = await mailTo(mailDir, reader.email, 30_000)
      mails.set(reader.email, mail)
      const explained = await graphql(
        server.url,
        admin,
        'query($n: String!, $s: ID!) { personalizedNewsletter(newsletter: $n, subscriber: $s) { subject slots { blocks { title } } } }',
        { n: slug, s: String(reader.id) },
      )
      const expected = explained.data!.personalizedNewsletter.slots[0].blocks.map(
        (block: { title: string }) => block.title,
      )
      expect(mail.subject).toBe(explained.data!.personalizedNewsletter.subject)
      for (const title of expected) expect(mail.text).toContain(title)
      expect(mail.html).toMatch(/\/t\/c\/v1\./)
      titles.push(expected)
    }
    // Different personas, different content.
    expect(titles[0]).not.toEqual(titles[1])
  })

  it("tracks a click in the mail, and the click moves the reader's score", async () => {
    const reader = readers[0]
    const scoreOf = async () =>
      (
        await graphql(server.url, admin, 'query($s: ID!) { leadScore(subscriber: $s) { engagement } }', {
          s: String(reader.id),
        })
      ).data!.leadScore.engagement as number
    const before = await scoreOf()
    const link = /href="([^"]*\/t\/c\/[^"]+)"/.exec(mails.get(reader.email)!.html!)![1]
    const click = await fetch(link.replace(/^https?:\/\/[^/]+/, server.url), { redirect: 'manual' })
    expect(click.status).toBe(302)
    await expect
      .poll(
        async () =>
          (
            await rest(
              server.url,
              admin,
              'GET',
              `/events?where[type][equals]=email_clicked&where[subscriber][equals]=${reader.id}&limit=0`,
            )
          ).body.totalDocs,
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0)
    await expect.poll(scoreOf, { timeout: 15_000 }).toBeGreaterThan(before)
  })

  it('shows the counts in the campaign report', async () => {
    // Searched by name: other files' campaigns (the report spec seeds 60) may push it off the first page.
    await page.goto(`/admin/campaign-report?campaign=${campaignId}&q=${encodeURIComponent(campaignName)}`)
    const row = page.locator(`tr[data-campaign="${campaignId}"]`)
    await expect.poll(() => row.locator('[data-count="sent"]').innerText()).toBe(String(readers.length))
    await expect.poll(() => row.locator('[data-count="uniqueClicks"]').innerText()).toBe('1')
    await expect(page.getByRole('img', { name: /Versendet, Öffnungen, Klicks/ }).count()).resolves.toBe(1)
    const report = await graphql(
      server.url,
      admin,
      'query($id: ID!) { campaignReport(id: $id) { sent uniqueClicks clickRate blocks { block uniqueClicks } } }',
      { id: campaignId },
    )
    expect(report.data!.campaignReport).toMatchObject({ clickRate: 0.5, sent: readers.length, uniqueClicks: 1 })
    expect(report.data!.campaignReport.blocks).toHaveLength(1)
  })

  it('takes a hard bounce from the relay by Message-ID: the address is closed and the report counts it', async () => {
    const reader = readers[1]
    const { docs } = (
      await rest(
        server.url,
        admin,
        'GET',
        `/campaign-sends?depth=0&where[campaign][equals]=${campaignId}&where[subscriber][equals]=${reader.id}`,
      )
    ).body
    const post = (session: Session, body: unknown) =>
      fetch(`${server.url}/api/campaigns/bounces`, {
        body: JSON.stringify(body),
        headers: { ...session.headers, 'content-type': 'application/json' },
        method: 'POST',
      })
    const editor = await login(server.url, 'editor@example.com', 'editor-demo-2026')
    expect((await post(editor, { bounces: [{ kind: 'hard', messageId: docs[0].messageId }] })).status).toBe(403)
    expect((await post(admin, { bounces: [{ kind: 'maybe', messageId: docs[0].messageId }] })).status).toBe(400)
    const answer = await post(admin, {
      bounces: [
        { kind: 'hard', messageId: docs[0].messageId, reason: '550 5.1.1 user unknown' },
        { kind: 'hard', messageId: '<unbekannt@example.com>' },
      ],
    })
    expect(await answer.json()).toEqual({ accepted: 1, duplicates: 0, unknown: ['<unbekannt@example.com>'] })
    const subscriber = (await rest(server.url, admin, 'GET', `/subscribers/${reader.id}?depth=0`)).body
    expect(subscriber.deliverability.reason).toMatch(/hard bounce: 550 5\.1\.1/)
    const report = await graphql(server.url, admin, 'query($id: ID!) { campaignReport(id: $id) { bounced } }', {
      id: campaignId,
    })
    expect(report.data!.campaignReport.bounced).toBe(1)
  })
})

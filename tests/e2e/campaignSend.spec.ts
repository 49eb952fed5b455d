import type { Browser, Page } from 'playwright-core'

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'

import { wcagViolations } from '../helpers/axeScan'
import { openGermanAdmin, screenshotIfFailed } from '../helpers/browser'
import { graphql, login, rest, type Session } from '../helpers/http'
import { mailsTo, mailTo } from '../helpers/mailbox'
import { signUpAndConfirm } from '../helpers/signup'

const server = inject('servers').find((candidate) => candidate.kind === 'sqlite')!
const mailDir = inject('mailDir')

/**
 * Issue 17, "Sending with confirmation": nothing goes out without the confirmed live count (also
 * not over plain HTTP), the dialog shows that count, a test send reaches only the editor, and the
 * sidebar shows the true state while sending.
 */
describe('sending a campaign with confirmation and a test send (Chromium, German, real SMTP)', () => {
  let browser: Browser
  let page: Page
  let admin: Session
  let editor: Session
  let campaignId: string
  const stamp = Date.now()
  const readers = [1, 2, 3].map((index) => `bestaetigt-${index}-${stamp}@empfang.example`)
  /** Signed up but never confirmed: in the segment, yet the gate must leave them out of the count and the send. */
  const unconfirmed = `unbestaetigt-${stamp}@empfang.example`
  const editorEmail = 'editor@example.com'
  const sidebar = () => page.locator('.campaign-controls')
  const dialog = () => page.locator('.campaign-send-dialog')
  const sendsOf = async () =>
    (await rest(server.url, admin, 'GET', `/campaign-sends?limit=0&where[campaign][equals]=${campaignId}`)).body
      .totalDocs as number

  beforeAll(async () => {
    admin = await login(server.url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(server.url, editorEmail, 'editor-demo-2026')
    for (const [index, email] of readers.entries())
      await signUpAndConfirm(server.url, mailDir, email, `Leserin${index + 1}`)
    const pending = await fetch(`${server.url}/subscribe`, {
      body: new URLSearchParams({ email: unconfirmed, firstName: 'Offen', topics: 'wochen-update' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.77' },
      method: 'POST',
    })
    expect(pending.status).toBe(200)
    await mailTo(mailDir, unconfirmed)
    const segment = (
      await rest(server.url, admin, 'POST', '/segments', { kind: 'static', name: `Bestätigt senden ${stamp}` })
    ).body.doc.id
    const imported = await fetch(`${server.url}/api/segments/${segment}/import`, {
      body: `email\n${[...readers, unconfirmed].join('\n')}\n`,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      method: 'POST',
    })
    expect(imported.status).toBe(200)
    const bySlug = async (collection: string) =>
      (await rest(server.url, admin, 'GET', `/${collection}?where[slug][equals]=wochen-update&depth=0`)).body.docs[0].id
    const created = await rest(server.url, editor, 'POST', '/campaigns', {
      audience: segment,
      channel: 'email',
      name: `Bestätigter Versand ${stamp}`,
      newsletter: await bySlug('newsletters'),
      // Slow enough that the sidebar can be seen while sending.
      throttlePerMinute: 12,
      topic: await bySlug('topics'),
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    campaignId = String(created.body.doc.id)
    ;({ browser, page } = await openGermanAdmin(server.url, editorEmail, 'editor-demo-2026'))
  })
  afterEach((test) => screenshotIfFailed(page, test))
  afterAll(() => browser?.close())

  it('refuses a schedule without the confirmed count over HTTP and GraphQL: nothing is queued or sent', async () => {
    const unconfirmedPost = await rest(server.url, editor, 'POST', `/campaigns/${campaignId}/schedule`, {})
    expect(unconfirmedPost.status).toBe(428)
    expect(unconfirmedPost.body.errors[0]).toMatchObject({ code: 'CONFIRMATION_REQUIRED', details: { recipients: 3 } })
    const wrongCount = await rest(server.url, editor, 'POST', `/campaigns/${campaignId}/schedule`, {
      confirmation: { recipients: 4 },
    })
    expect(wrongCount.status).toBe(409)
    expect(wrongCount.body.errors[0].code).toBe('CONFIRMATION_MISMATCH')
    const viaGraphql = await graphql(
      server.url,
      editor,
      'mutation($id: ID!) { scheduleCampaign(id: $id) { status } }',
      {
        id: campaignId,
      },
    )
    expect(viaGraphql.errors?.[0].extensions?.code).toBe('CONFIRMATION_REQUIRED')
    // Give a worker time to pick up anything that might have been queued.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    expect((await rest(server.url, admin, 'GET', `/campaigns/${campaignId}?depth=0`)).body.status).toBe('draft')
    expect(await sendsOf()).toBe(0)
    for (const email of [...readers, unconfirmed]) expect(mailsTo(mailDir, email)).toHaveLength(1) // the DOI mail only
  })

  it('shows the expected recipients before sending and the live count, time and plan in the dialog (axe clean)', async () => {
    await page.goto(`/admin/collections/campaigns/${campaignId}`)
    await expect.poll(() => sidebar().locator('[data-count="expected"]').innerText(), { timeout: 15_000 }).toBe('3')
    await expect(sidebar().locator('[data-campaign-status]').innerText()).resolves.toBe('Status: Entwurf')
    // The stale form field is gone from the edit view; the sidebar shows the status live.
    expect(await page.locator('#field-status').count()).toBe(0)
    await sidebar().getByRole('button', { name: 'Planen / jetzt senden' }).click()
    await expect.poll(() => dialog().locator('[data-plan="recipients"]').innerText(), { timeout: 15_000 }).toBe('3')
    expect(await dialog().locator('[data-plan="blocked"]').innerText()).toBe('1')
    expect(await dialog().locator('[data-plan="send-at"]').innerText()).toMatch(/^sofort\s+Ihre Zeitzone: /)
    expect(await dialog().locator('[data-plan="ab"]').innerText()).toBe(
      'Kein A/B-Test: alle Empfänger erhalten dieselbe Fassung',
    )
    expect(await wcagViolations(page, '.campaign-send-dialog')).toEqual([])
    await dialog().getByRole('button', { name: 'Zurück' }).click()
    await expect.poll(() => dialog().isVisible()).toBe(false)
    expect(await sendsOf()).toBe(0)
  })

  it('sends a test mail to the editor only, marked as a test, and counts it nowhere', async () => {
    const before = mailsTo(mailDir, editorEmail).length
    await sidebar().locator('.campaign-test-send select').selectOption({ index: 1 })
    await sidebar().getByRole('button', { name: 'Testmail an mich senden' }).click()
    await expect
      .poll(() => sidebar().locator('.campaign-test-send [role="status"]').innerText(), { timeout: 20_000 })
      .toMatch(/^Testmail an editor@example\.com gesendet: „\[TEST\] /)
    await expect.poll(() => mailsTo(mailDir, editorEmail).length, { timeout: 20_000 }).toBe(before + 1)
    const mail = mailsTo(mailDir, editorEmail).at(-1)!
    expect(mail.subject).toMatch(/^\[TEST\] /)
    expect(mail.to).toEqual([editorEmail])
    expect(mail.text).toMatch(/^Testversand an editor@example\.com: nicht an Abonnenten gesendet/)
    for (const email of [...readers, unconfirmed]) expect(mailsTo(mailDir, email)).toHaveLength(1)
    const report = (await rest(server.url, editor, 'GET', `/campaigns/${campaignId}/report`)).body
    expect(report).toMatchObject({ recipients: 0, sent: 0 })
    expect(await sendsOf()).toBe(0)
  })

  it('sends once confirmed, with "Ausstehend" and progress in the sidebar while sending', async () => {
    await sidebar().getByRole('button', { name: 'Planen / jetzt senden' }).click()
    await dialog().getByRole('button', { name: 'Jetzt an 3 Empfänger senden' }).click()
    await expect
      .poll(() => sidebar().locator('[data-campaign-status]').innerText(), { timeout: 30_000 })
      .toBe('Status: Wird versendet')
    await expect(sidebar().getByText('Ausstehend', { exact: true }).count()).resolves.toBe(1)
    expect(await sidebar().getByText('Offen', { exact: true }).count()).toBe(0)
    expect(await sidebar().locator('progress').count()).toBe(1)
    await expect.poll(() => sidebar().locator('[data-count="sent"]').innerText(), { timeout: 60_000 }).toBe('3')
    await expect
      .poll(() => sidebar().locator('[data-campaign-status]').innerText(), { timeout: 30_000 })
      .toBe('Status: Versendet')
    for (const email of readers) {
      await expect.poll(() => mailsTo(mailDir, email).length, { timeout: 15_000 }).toBe(2)
      const mail = mailsTo(mailDir, email)[1]
      expect(mail.subject).not.toMatch(/TEST/)
    }
    expect(mailsTo(mailDir, unconfirmed)).toHaveLength(1)
    const report = (await rest(server.url, editor, 'GET', `/campaigns/${campaignId}/report`)).body
    // The unconfirmed reader has a record, skipped by the gate as the dialog said; the test mail has none.
    expect(report).toMatchObject({ recipients: 4, sent: 3, skipped: 1 })
  })
})

import type { Server } from 'node:http'
import type { Payload } from 'payload'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { freePort } from '../../../../tests/helpers/server'
import { type SmtpSink, startSmtpSink } from '../../../../tests/helpers/smtp'
import { canContactSubscriber } from '../utilities/contactProfile'
import { listUnsubscribeHeaders, subscribe } from '../utilities/flows'
import { preferencesToken } from '../utilities/preferenceCenter'
import { consentRouter } from './router'

describe('sign-up, double opt-in and one-click unsubscribe over HTTP (SQLite, real SMTP)', () => {
  let local: LocalPayload
  let payload: Payload
  let smtp: SmtpSink
  let server: Server
  let base: string
  const topicIds: Record<string, number | string> = {}

  beforeAll(async () => {
    smtp = await startSmtpSink()
    process.env.SMTP_HOST = '127.0.0.1'
    process.env.SMTP_PORT = String(smtp.port)
    // The public URL is an option, read when the config is built: the links in mails point here.
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    process.env.PUBLIC_URL = base
    local = await startLocalPayload('sqlite')
    payload = local.payload
    for (const slug of ['wochen-update', 'webinare']) {
      topicIds[slug] = (await payload.create({ collection: 'topics', data: { name: slug === 'webinare' ? 'Webinare & Events' : 'Kontorwerk-Update', slug } as never })).id
    }
    await payload.create({ collection: 'topics', data: { active: false, name: 'Alt', slug: 'alt' } as never })
    const app = express()
    app.use(consentRouter(payload, { perAddress: 3, perIp: 8 }))
    server = app.listen(port)
  })
  afterAll(async () => {
    server?.close()
    await local?.close()
    await smtp?.close()
    delete process.env.SMTP_HOST
    delete process.env.PUBLIC_URL
  })

  const post = (path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v)
    return fetch(`${base}${path}`, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, method: 'POST', redirect: 'manual' })
  }
  const ledger = async (email: string) => {
    const subscriber = (await payload.find({ collection: 'subscribers', showHiddenFields: true, where: { email: { equals: email } } })).docs[0]
    if (!subscriber) return { records: [], subscriber }
    const records = (await payload.find({ collection: 'consent-records', limit: 0, sort: 'createdAt', where: { subscriber: { equals: subscriber.id } } })).docs
    return { records, subscriber }
  }
  const confirmLinkOf = (text: string | undefined) => /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(text ?? '')?.[0] ?? ''
  /** What the button on the confirmation page does: POST the link's token. */
  const confirmByButton = (link: string) => post('/subscribe/confirm', { token: new URL(link).searchParams.get('token') ?? '' })

  it('shows a form that works without JavaScript, with the active topics', async () => {
    const response = await fetch(`${base}/subscribe`)
    const page = await response.text()
    expect(response.status).toBe(200)
    expect(page).toContain('<form method="post" action="/subscribe"')
    expect(page).toContain('<label for="email">E-Mail-Adresse</label>')
    expect(page).toContain('value="wochen-update"')
    expect(page).toContain('Webinare &amp; Events')
    expect(page).not.toContain('value="alt"')
    expect(page).not.toMatch(/<script/i)
  })

  it('shows the brand from the Branding global', async () => {
    await payload.updateGlobal({ data: { companyName: 'Nordlicht & Co', footer: 'Nordlicht GmbH · Kiel', primaryColor: '#7f1d1d' } as never, slug: 'branding' })
    const page = await (await fetch(`${base}/subscribe`)).text()
    expect(page).toContain('<header>Nordlicht &amp; Co</header>')
    expect(page).toContain('header { background: #7f1d1d;')
    expect(page).toContain('<footer>Nordlicht GmbH · Kiel</footer>')
    expect(page).not.toContain('%%BRAND')
    await payload.updateGlobal({ data: { companyName: 'Kontorwerk', footer: 'Kontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg', primaryColor: '#0f4c81' } as never, slug: 'branding' })
  })

  it('refuses an oversized request and stores nothing', async () => {
    const before = (await payload.count({ collection: 'subscribers' })).totalDocs
    const response = await post('/subscribe', { email: 'big@example.com', firstName: 'x'.repeat(30_000), topics: 'webinare' })
    expect(response.status).toBe(413)
    expect((await payload.count({ collection: 'subscribers' })).totalDocs).toBe(before)
  })

  it('takes a sign-up, sends the double-opt-in mail and confirms on the link, once', async () => {
    const response = await post('/subscribe', { email: ' Anna.Berger@Example.COM ', firstName: 'Anna', topics: ['wochen-update', 'webinare'] }, { 'user-agent': 'Browser/1.0' })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Bitte bestätigen Sie Ihre Anmeldung mit dem Link')

    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes('anna.berger@example.com'))
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung')
    // Formal address and no last name yet: the neutral Anrede.
    expect(mail.text?.startsWith('Sehr geehrte Damen und Herren,\n')).toBe(true)
    expect(mail.text).toContain('• Kontorwerk-Update\n• Webinare & Events')
    expect(mail.html).toContain('Anmeldung bestätigen')
    const link = confirmLinkOf(mail.text)
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/subscribe\/confirm\?token=v1\./)

    let { records, subscriber } = await ledger('anna.berger@example.com')
    expect(subscriber.firstName).toBe('Anna')
    expect(records.map((r) => r.action)).toEqual(['requested', 'requested'])
    expect(records[0]).toMatchObject({ source: 'form', textVersion: 'newsletter-2026-01', userAgent: 'Browser/1.0' })
    expect(records[0].ipAddress).toMatch(/^sha256:/)
    expect((await canContactSubscriber(payload, subscriber.id, { at: new Date(), channel: 'email', topic: String(topicIds['wochen-update']) })).reason).toBe('pending_confirmation')

    // The link opens a page with one button; a GET (what mail-security scanners do) confirms nothing.
    const opened = await fetch(link)
    expect(opened.status).toBe(200)
    expect(await opened.text()).toMatch(/<form method="post" action="\/subscribe\/confirm[^"]*">[\s\S]*<button type="submit">Anmeldung bestätigen<\/button>/)
    expect((await ledger('anna.berger@example.com')).records.map((r) => r.action)).toEqual(['requested', 'requested'])

    const confirmed = await confirmByButton(link)
    expect(confirmed.status).toBe(200)
    const confirmedPage = await confirmed.text()
    expect(confirmedPage).toContain('Ihre Anmeldung ist bestätigt')
    expect(confirmedPage).toContain('/preferences?token=')
    ;({ records } = await ledger('anna.berger@example.com'))
    expect(records.map((r) => r.action)).toEqual(['requested', 'requested', 'confirmed', 'confirmed'])
    expect(records[2].proof).toMatchObject({ method: 'double-opt-in' })
    expect(await canContactSubscriber(payload, subscriber.id, { at: new Date(), channel: 'email', topic: String(topicIds.webinare) })).toEqual({ allowed: true, reason: 'ok' })

    // The link is single-use: a second click changes nothing and hands out no new link.
    for (const again of [await confirmByButton(link), await fetch(link)]) {
      const text = await again.text()
      expect(text).toContain('bereits bestätigt')
      expect(text).not.toContain('/preferences?token=')
    }
    expect((await ledger('anna.berger@example.com')).records).toHaveLength(4)
  })

  it('answers a repeated sign-up the same way, without resetting confirmed consent or duplicating anyone', async () => {
    const mailsBefore = smtp.messages.length
    const response = await post('/subscribe', { email: 'ANNA.BERGER@example.com', firstName: 'Eve', topics: 'wochen-update' })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Bitte bestätigen Sie Ihre Anmeldung mit dem Link')
    const { records, subscriber } = await ledger('anna.berger@example.com')
    expect(records).toHaveLength(4)
    expect(subscriber.firstName).toBe('Anna')
    expect((await payload.count({ collection: 'subscribers', where: { email: { like: 'anna.berger' } } })).totalDocs).toBe(1)
    expect(smtp.messages.length).toBe(mailsBefore)
  })

  it('refuses forged, truncated and expired links, changing nothing', async () => {
    const { records } = await ledger('anna.berger@example.com')
    for (const token of ['v1.e30.AAAA', 'garbage', '']) {
      for (const response of [await fetch(`${base}/subscribe/confirm?token=${encodeURIComponent(token)}`), await post('/subscribe/confirm', { token })]) {
        expect(response.status).toBe(400)
        expect(await response.text()).toContain('Dieser Link ist ungültig oder abgelaufen')
      }
    }
    expect((await ledger('anna.berger@example.com')).records).toHaveLength(records.length)
  })

  it('rejects bad input with a message and stores nothing', async () => {
    const before = (await payload.count({ collection: 'subscribers' })).totalDocs
    for (const [form, message] of [
      [{ email: 'no-address', topics: 'wochen-update' }, 'Bitte geben Sie eine gültige E-Mail-Adresse ein.'],
      [{ email: 'lena@example.com' }, 'Bitte wählen Sie mindestens ein Thema.'],
      [{ email: 'lena@example.com', topics: 'alt' }, 'Dieses Thema gibt es nicht (mehr).'],
      [{ email: 'lena@example.com', topics: 'gibt-es-nicht' }, 'Dieses Thema gibt es nicht (mehr).'],
    ] as const) {
      const response = await post('/subscribe', form as never)
      expect(response.status).toBe(400)
      expect(await response.text()).toContain(message)
    }
    expect((await payload.count({ collection: 'subscribers' })).totalDocs).toBe(before)
  })

  it('keeps header injection out of names and mail headers', async () => {
    await post('/subscribe', { email: 'mallory@example.com', firstName: 'Mal\r\nBcc: victim@example.com', topics: 'webinare' })
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes('mallory@example.com'))
    expect(JSON.stringify(mail.headers.get('bcc') ?? null)).toBe('null')
    expect(mail.to && JSON.stringify(mail.to)).not.toContain('victim')
    const { subscriber } = await ledger('mallory@example.com')
    expect(subscriber.firstName).toBe('Mal Bcc: victim@example.com')
  })

  it('unsubscribes with one click (RFC 8058) and by the page, and refuses a forged token', async () => {
    const { subscriber } = await ledger('anna.berger@example.com')
    const headers = listUnsubscribeHeaders(payload, subscriber)
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const url = /<(http[^>]+)>/.exec(headers['List-Unsubscribe'])![1]
    expect(headers['List-Unsubscribe']).toMatch(/<mailto:[^>]+>/)

    expect((await fetch(url)).status).toBe(200) // a GET only asks
    expect((await canContactSubscriber(payload, subscriber.id, { at: new Date(), channel: 'email', topic: String(topicIds.webinare) })).allowed).toBe(true)

    const forged = await post(`/unsubscribe?token=${encodeURIComponent('v1.e30.AAAA')}`, { 'List-Unsubscribe': 'One-Click' })
    expect(forged.status).toBe(400)

    const oneClick = await post(new URL(url).pathname + new URL(url).search, { 'List-Unsubscribe': 'One-Click' })
    expect(oneClick.status).toBe(200)
    for (const topic of Object.values(topicIds)) {
      expect((await canContactSubscriber(payload, subscriber.id, { at: new Date(), channel: 'email', topic: String(topic) })).reason).toBe('withdrawn')
    }
    const { records } = await ledger('anna.berger@example.com')
    expect(records.at(-1)).toMatchObject({ action: 'withdrawn', source: 'one_click', topic: null })
  })

  it('answers a flood of sign-ups with 429, and a limited request changes nothing', async () => {
    const before = (await payload.count({ collection: 'subscribers' })).totalDocs
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await post('/subscribe', { email: `flood-${i}@example.com`, topics: 'webinare' })).status)
    expect(statuses).toContain(429)
    const accepted = statuses.filter((status) => status === 200).length
    expect((await payload.count({ collection: 'subscribers' })).totalDocs).toBe(before + accepted)

    // Per address too: the fourth sign-up for one address within the hour is refused.
    const sameAddress: number[] = []
    for (let i = 0; i < 4; i++) sameAddress.push((await post('/subscribe', { email: 'Same@Example.com', topics: 'webinare' }, { 'x-forwarded-for': `10.0.0.${i}` })).status)
    expect(sameAddress.at(-1)).toBe(429)
  })

  describe('the preference center', () => {
    let token: string
    let lena: { id: number | string; linkKey?: null | string }

    beforeAll(async () => {
      // Straight through the flow: the flood test above has used up this IP's sign-ups.
      await subscribe(payload, { email: 'lena.vogel@example.com', firstName: 'Lena', topics: ['webinare'] }, { ip: '192.0.2.1', source: 'form' })
      const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes('lena.vogel@example.com'))
      await confirmByButton(confirmLinkOf(mail.text))
      lena = (await ledger('lena.vogel@example.com')).subscriber
      token = preferencesToken(payload, lena)
    })

    it('shows topics, channels, frequency, pause and one profile question, accessible without JavaScript', async () => {
      const page = await (await fetch(`${base}/preferences?token=${encodeURIComponent(token)}`)).text()
      expect(page).toContain('Ihre Newsletter-Einstellungen')
      expect(page).toMatch(/<input type="checkbox" id="topic-webinare" name="topics" value="webinare" checked>/)
      expect(page).toMatch(/<input type="checkbox" id="topic-wochen-update" name="topics" value="wochen-update">/)
      expect(page).toMatch(/id="frequency-weekly" name="frequency" value="weekly" checked/)
      expect(page).toContain('<label for="answer">Ihr Nachname')
      for (const [, id] of page.matchAll(/<input[^>]* id="([^"]+)"/g)) expect(page).toContain(`for="${id}"`)
      expect(page).not.toMatch(/<script/i)
    })

    it('saves changes as ledger entries and preferences, then shows the next question', async () => {
      const response = await post('/preferences', {
        answerField: 'lastName',
        answerValue: 'Vogel',
        channels: 'email',
        frequency: 'monthly',
        pausedUntil: '2027-01-15',
        token,
        topics: 'wochen-update',
      })
      expect(response.status).toBe(303)
      const next = response.headers.get('location')!
      expect(next).toMatch(/^\/preferences\?token=v1\..+&saved=1/)

      const { records, subscriber } = await ledger('lena.vogel@example.com')
      const latest = records.slice(-2).map((r) => [r.action, r.source, r.proof])
      expect(latest).toHaveLength(2)
      expect(latest).toEqual(
        expect.arrayContaining([
          ['withdrawn', 'preference_center', null],
          ['confirmed', 'preference_center', { method: 'preference-center-link' }],
        ]),
      )
      expect(subscriber.lastName).toBe('Vogel')
      expect(subscriber.preferences).toMatchObject({ channels: ['email'], frequency: 'monthly' })
      expect(subscriber.preferences?.pausedUntil?.slice(0, 10)).toBe('2027-01-15')
      expect((await canContactSubscriber(payload, lena.id, { at: new Date('2026-12-01'), channel: 'email', topic: String(topicIds['wochen-update']) })).reason).toBe('paused')
      expect((await canContactSubscriber(payload, lena.id, { at: new Date('2027-02-01'), channel: 'email', topic: String(topicIds['wochen-update']) })).reason).toBe('ok')
      expect((await canContactSubscriber(payload, lena.id, { at: new Date('2027-02-01'), channel: 'email', topic: String(topicIds.webinare) })).reason).toBe('withdrawn')

      const page = await (await fetch(`${base}${next}`)).text()
      expect(page).toContain('Ihre Einstellungen sind gespeichert.')
      expect(page).toContain('<label for="answer">In welcher Region arbeiten Sie?')
    })

    it('refuses forged tokens and bad input, changing nothing', async () => {
      const before = await ledger('lena.vogel@example.com')
      expect((await fetch(`${base}/preferences?token=v1.e30.AAAA`)).status).toBe(400)
      expect((await post('/preferences', { frequency: 'weekly', token: 'v1.e30.AAAA', topics: 'webinare' })).status).toBe(400)
      expect((await post('/preferences', { frequency: 'weekly', token, topics: 'gibt-es-nicht' })).status).toBe(400)
      expect((await post('/preferences', { frequency: 'stündlich', token, topics: 'webinare' })).status).toBe(400)
      const after = await ledger('lena.vogel@example.com')
      expect(after.records).toHaveLength(before.records.length)
      expect(after.subscriber.preferences).toEqual(before.subscriber.preferences)
    })

    it('exports everything stored about the subscriber as JSON', async () => {
      const response = await fetch(`${base}/preferences/export?token=${encodeURIComponent(token)}`)
      expect(response.headers.get('content-disposition')).toContain('attachment')
      const data = await response.json()
      expect(data.profile).toMatchObject({ email: 'lena.vogel@example.com', firstName: 'Lena', lastName: 'Vogel' })
      expect(data.profile).not.toHaveProperty('linkKey')
      expect(data.consent.map((record: { action: string }) => record.action).sort()).toEqual(['confirmed', 'confirmed', 'requested', 'withdrawn'])
      expect(data.consent.map((record: { topic: null | string }) => record.topic)).toContain('Webinare & Events')
    })

    it('deletes the subscriber after a confirmation, keeping only an anonymised note', async () => {
      const ask = await fetch(`${base}/preferences/delete?token=${encodeURIComponent(token)}`)
      expect(await ask.text()).toContain('Endgültig löschen')
      const done = await post('/preferences/delete', { token })
      expect(await done.text()).toContain('Ihre Daten sind gelöscht.')
      expect((await ledger('lena.vogel@example.com')).subscriber).toBeUndefined()
      const notes = (await payload.find({ collection: 'consent-records', where: { action: { equals: 'erased' } } })).docs
      expect(notes.at(-1)).toMatchObject({ proof: { recordsRemoved: 4 }, subscriber: null })
      expect((await fetch(`${base}/preferences?token=${encodeURIComponent(token)}`)).status).toBe(400)
    })
  })
})

import type { Server } from 'node:http'
import type { Payload } from 'payload'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { freePort } from '../../../tests/helpers/server'
import { type SmtpSink, startSmtpSink } from '../../../tests/helpers/smtp'
import { canContactSubscriber } from '../utilities/contactProfile'
import { listUnsubscribeHeaders } from '../utilities/flows'
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
    local = await startLocalPayload('sqlite')
    payload = local.payload
    for (const slug of ['wochen-update', 'webinare']) {
      topicIds[slug] = (await payload.create({ collection: 'topics', data: { name: slug === 'webinare' ? 'Webinare & Events' : 'Kontorwerk-Update', slug } as never })).id
    }
    await payload.create({ collection: 'topics', data: { active: false, name: 'Alt', slug: 'alt' } as never })
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    process.env.PUBLIC_URL = base
    const app = express()
    app.use(consentRouter(payload, { perAddress: 3, perIp: 8 }))
    server = app.listen(port)
  })
  afterAll(async () => {
    server?.close()
    await local?.close()
    await smtp?.close()
    delete process.env.SMTP_HOST
  })

  const post = (path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v)
    return fetch(`${base}${path}`, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, method: 'POST', redirect: 'manual' })
  }
  const ledger = async (email: string) => {
    const subscriber = (await payload.find({ collection: 'subscribers', where: { email: { equals: email } } })).docs[0]
    if (!subscriber) return { records: [], subscriber }
    const records = (await payload.find({ collection: 'consent-records', limit: 0, sort: 'createdAt', where: { subscriber: { equals: subscriber.id } } })).docs
    return { records, subscriber }
  }
  const confirmLinkOf = (text: string | undefined) => /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(text ?? '')?.[0] ?? ''

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

  it('takes a sign-up, sends the double-opt-in mail and confirms on the link, once', async () => {
    const response = await post('/subscribe', { email: ' Anna.Berger@Example.COM ', firstName: 'Anna', topics: ['wochen-update', 'webinare'] }, { 'user-agent': 'Browser/1.0' })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Bitte bestätigen Sie Ihre Anmeldung mit dem Link')

    const mail = await smtp.waitFor((m) => m.to && JSON.stringify(m.to).includes('anna.berger@example.com'))
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

    const confirmed = await fetch(link)
    expect(confirmed.status).toBe(200)
    expect(await confirmed.text()).toContain('Ihre Anmeldung ist bestätigt')
    ;({ records } = await ledger('anna.berger@example.com'))
    expect(records.map((r) => r.action)).toEqual(['requested', 'requested', 'confirmed', 'confirmed'])
    expect(records[2].proof).toMatchObject({ method: 'double-opt-in' })
    expect(await canContactSubscriber(payload, subscriber.id, { at: new Date(), channel: 'email', topic: String(topicIds.webinare) })).toEqual({ allowed: true, reason: 'ok' })

    // The link is single-use: a second click changes nothing.
    const again = await fetch(link)
    expect(await again.text()).toContain('bereits bestätigt')
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
      const response = await fetch(`${base}/subscribe/confirm?token=${encodeURIComponent(token)}`)
      expect(response.status).toBe(400)
      expect(await response.text()).toContain('Dieser Link ist ungültig oder abgelaufen')
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
    const headers = listUnsubscribeHeaders(subscriber.id)
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
})

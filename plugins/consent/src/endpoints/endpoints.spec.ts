import type { CollectionSlug, Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { personalization } from '@kontorwerk/personalization'

import { type SmtpSink, startSmtpSink } from '../../../../tests/helpers/smtp'
import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { consent } from '../index'
import { canContactSubscriber } from '../utilities/contactProfile'
import { listUnsubscribeHeaders, subscribe } from '../utilities/flows'
import { preferencesToken } from '../utilities/preferenceCenter'

/**
 * The public pages as a stock Payload app serves them: the plugins' endpoints under /api, reached
 * through Payload's REST handler, with no server of the host's own. The host sits behind a proxy
 * that names the client in `X-Real-IP` and tells the plugins so (option clientAddress).
 */
describe('sign-up, double opt-in, preference center and one-click unsubscribe as Payload endpoints (stock host, SQLite, real SMTP)', () => {
  let host: StockPayload
  let payload: Payload
  let smtp: SmtpSink
  const topicIds: Record<string, number | string> = {}

  beforeAll(async () => {
    smtp = await startSmtpSink()
    host = await startStockPayload(
      (slugs) => [
        personalization({ ...slugs, clientAddress: (headers) => headers.get('x-real-ip'), publicUrl: STOCK_HOST_URL }),
        consent(),
      ],
      { smtpPort: smtp.port },
    )
    payload = host.payload
    for (const slug of ['wochen-update', 'webinare']) {
      topicIds[slug] = (
        await payload.create({
          collection: 'topics',
          data: { name: slug === 'webinare' ? 'Webinare & Events' : 'Kontorwerk-Update', slug } as never,
        })
      ).id
    }
    await payload.create({ collection: 'topics', data: { active: false, name: 'Alt', slug: 'alt' } as never })
  })
  afterAll(async () => {
    await host?.close()
    await smtp?.close()
  })

  /** Each case comes from a client address of its own: the sign-up budgets are per address. */
  let clients = 0
  const newClient = () => `198.51.100.${++clients}`
  const get = (url: string, client = newClient()) => host.call(url, { headers: { 'x-real-ip': client } })
  const post = (
    url: string,
    form: Record<string, string | string[]>,
    { client = newClient(), headers = {} }: { client?: string; headers?: Record<string, string> } = {},
  ) => {
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v)
    return host.call(url, {
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-real-ip': client, ...headers },
      method: 'POST',
    })
  }
  const ledger = async (email: string) => {
    const subscriber = (
      await payload.find({ collection: 'subscribers', showHiddenFields: true, where: { email: { equals: email } } })
    ).docs[0]
    if (!subscriber) return { records: [], subscriber }
    const records = (
      await payload.find({
        collection: 'consent-records',
        limit: 0,
        sort: 'createdAt',
        where: { subscriber: { equals: subscriber.id } },
      })
    ).docs
    return { records, subscriber }
  }
  const subscriberCount = async () => (await payload.count({ collection: 'subscribers' })).totalDocs
  const contactReason = async (subscriber: number | string, topic: string, at = new Date()) =>
    (await canContactSubscriber(payload, subscriber, { at, channel: 'email', topic: String(topicIds[topic]) })).reason
  const confirmLinkOf = (text: string | undefined) =>
    /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(text ?? '')?.[0] ?? ''
  /** What the button on the confirmation page does: POST the link's token. */
  const confirmByButton = (link: string) =>
    post('/api/subscribe/confirm', { token: new URL(link).searchParams.get('token') ?? '' })
  /** A form of a page as a browser submits it: its action, with its hidden fields. */
  const formOf = (page: string, action: string) => {
    const form = new RegExp(
      `<form method="post" action="(${action.replace(/[?]/g, '\\?')}[^"]*)"[^>]*>([\\s\\S]*?)</form>`,
    ).exec(page)
    if (!form) throw new Error(`No form posting to ${action} on the page`)
    const hidden = Object.fromEntries(
      [...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]) => [
        name,
        value.replaceAll('&amp;', '&'),
      ]),
    )
    return { action: form[1].replaceAll('&amp;', '&'), hidden }
  }

  it('takes a reader from the sign-up form through the mailed link and the preference center to a one-click unsubscribe, all under /api', async () => {
    const email = 'weg@example.com'
    const client = newClient()
    const signUp = formOf(await (await get('/api/subscribe', client)).text(), '/api/subscribe')
    const answer = await post(signUp.action, { ...signUp.hidden, email, topics: 'webinare' }, { client })
    expect([answer.status, await answer.text()]).toEqual([
      200,
      expect.stringContaining('Bitte bestätigen Sie Ihre Anmeldung mit dem Link'),
    ])

    const link = confirmLinkOf((await smtp.waitFor((m) => JSON.stringify(m.to).includes(email))).text)
    expect(link).toMatch(/^http:\/\/shop\.example\/api\/subscribe\/confirm\?token=v1\./)
    const confirm = formOf(await (await get(link, client)).text(), '/api/subscribe/confirm')
    const confirmed = await (await post(confirm.action, confirm.hidden, { client })).text()
    expect(confirmed).toContain('Vielen Dank, Ihre Anmeldung ist bestätigt.')
    const { subscriber } = await ledger(email)
    expect(await contactReason(subscriber.id, 'webinare')).toBe('ok')

    const preferencesLink = /<a href="(\/api\/preferences\?token=[^"]+)">Zum Präferenzcenter<\/a>/
      .exec(confirmed)![1]
      .replaceAll('&amp;', '&')
    const preferences = await get(preferencesLink, client)
    expect([preferences.status, await preferences.text()]).toEqual([
      200,
      expect.stringContaining(`Angemeldet als <strong>${email}</strong>`),
    ])

    // The mail's List-Unsubscribe header, as a mailbox provider's button uses it (RFC 8058).
    const oneClick = /<(http[^>]+)>/.exec(listUnsubscribeHeaders(payload, subscriber)['List-Unsubscribe'])![1]
    expect(oneClick).toMatch(/^http:\/\/shop\.example\/api\/unsubscribe\?token=v1\./)
    const unsubscribed = await post(oneClick, { 'List-Unsubscribe': 'One-Click' })
    expect([unsubscribed.status, await unsubscribed.text()]).toEqual([
      200,
      expect.stringContaining('Sie sind abgemeldet'),
    ])
    expect(await contactReason(subscriber.id, 'webinare')).toBe('withdrawn')
  })

  it('shows a form that works without JavaScript, with the active topics, never cached and never passing its URL on', async () => {
    const response = await get('/api/subscribe')
    const page = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(page).toContain('<form method="post" action="/api/subscribe"')
    expect(page).toContain('<label for="email">E-Mail-Adresse</label>')
    expect(page).toContain('value="wochen-update"')
    expect(page).toContain('Webinare &amp; Events')
    expect(page).not.toContain('value="alt"')
    expect(page).not.toMatch(/<script/i)
  })

  it('shows the brand from the Branding global', async () => {
    await payload.updateGlobal({
      data: { companyName: 'Nordlicht & Co', footer: 'Nordlicht GmbH · Kiel', primaryColor: '#7f1d1d' } as never,
      slug: 'branding',
    })
    const page = await (await get('/api/subscribe')).text()
    expect(page).toContain('<header>Nordlicht &amp; Co</header>')
    expect(page).toContain('header { background: #7f1d1d;')
    expect(page).toContain('<footer>Nordlicht GmbH · Kiel</footer>')
    expect(page).not.toContain('%%BRAND')
    await payload.updateGlobal({
      data: {
        companyName: 'Kontorwerk',
        footer: 'Kontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg',
        primaryColor: '#0f4c81',
      } as never,
      slug: 'branding',
    })
  })

  it('greets in the brand\'s form of address with the name the form took, and says "du" throughout when the brand does', async () => {
    await payload.updateGlobal({ data: { addressForm: 'informal' } as never, slug: 'branding' })
    try {
      await post('/api/subscribe', { email: 'mia.du@example.com', firstName: 'Mia', topics: ['webinare'] })
      const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes('mia.du@example.com'))
      expect(mail.subject).toBe('Bitte bestätige deine Anmeldung')
      expect(mail.text?.startsWith('Hallo Mia,\n')).toBe(true)
      expect(mail.text).toContain('bitte bestätige, dass du diese Newsletter')
      expect(mail.text).not.toMatch(/\b(Sie|Ihnen)\b/)
    } finally {
      await payload.updateGlobal({ data: { addressForm: 'formal' } as never, slug: 'branding' })
    }
    // Without a name the brand has nothing to greet by: the neutral formal Anrede, as before.
    await post('/api/subscribe', { email: 'ohne.namen@example.com', topics: ['webinare'] })
    const anonymous = await smtp.waitFor((m) => JSON.stringify(m.to).includes('ohne.namen@example.com'))
    expect(anonymous.text?.startsWith('Sehr geehrte Damen und Herren,\n')).toBe(true)
  })

  it('links privacy policy and imprint from the Branding global on the public pages, the consent text included', async () => {
    const invalid = await payload
      .updateGlobal({ data: { privacyUrl: 'javascript:alert(1)' } as never, slug: 'branding' })
      .catch((error: unknown) => error as Error)
    expect(invalid).toBeInstanceOf(Error)
    expect(JSON.stringify((invalid as { data?: unknown }).data)).toContain('privacyUrl')

    await payload.updateGlobal({
      data: { imprintUrl: 'https://shop.example/impressum', privacyUrl: 'https://shop.example/datenschutz' } as never,
      slug: 'branding',
    })
    try {
      const form = await (await get('/api/subscribe')).text()
      expect(form).toContain('<a href="https://shop.example/datenschutz">Datenschutzerklärung</a>.')
      expect(form).toContain(
        '<nav class="legal" aria-label="Rechtliches"><a href="https://shop.example/datenschutz" data-legal="privacy">Datenschutzerklärung</a> · <a href="https://shop.example/impressum" data-legal="imprint">Impressum</a></nav>',
      )
      const english = await (await get('/api/subscribe?lang=en')).text()
      expect(english).toContain('data-legal="imprint">Imprint</a>')
      expect(english).toContain('<a href="https://shop.example/datenschutz">privacy policy</a>')
      const invalidLink = await (await get('/api/unsubscribe?token=forged')).text()
      expect(invalidLink).toContain('data-legal="privacy">Datenschutzerklärung</a>')
    } finally {
      await payload.updateGlobal({ data: { imprintUrl: null, privacyUrl: null } as never, slug: 'branding' })
    }
    // Not set: plain words, never a dead link.
    const plain = await (await get('/api/subscribe')).text()
    expect(plain).toContain('in unserer Datenschutzerklärung.')
    expect(plain).not.toContain('data-legal')
  })

  it('refuses an oversized or malformed body with a coded error and stores nothing', async () => {
    const before = await subscriberCount()
    const oversized = await post('/api/subscribe', {
      email: 'big@example.com',
      firstName: 'x'.repeat(30_000),
      topics: 'webinare',
    })
    expect([oversized.status, await oversized.json()]).toEqual([
      413,
      { error: { code: 'BODY_TOO_LARGE', message: expect.any(String) } },
    ])
    const malformed = await host.call('/api/subscribe', {
      body: '{"email": "json@example.com", ',
      headers: { 'content-type': 'application/json', 'x-real-ip': newClient() },
      method: 'POST',
    })
    expect([malformed.status, await malformed.json()]).toEqual([
      400,
      { error: { code: 'MALFORMED_JSON', message: expect.any(String) } },
    ])
    const notAForm = await host.call('/api/subscribe', {
      body: '["json@example.com"]',
      headers: { 'content-type': 'application/json', 'x-real-ip': newClient() },
      method: 'POST',
    })
    expect(notAForm.status).toBe(400)
    expect(await subscriberCount()).toBe(before)
  })

  it('takes a sign-up as JSON too', async () => {
    const response = await host.call('/api/subscribe', {
      body: JSON.stringify({ email: 'json@example.com', topics: ['webinare'] }),
      headers: { 'content-type': 'application/json', 'x-real-ip': newClient() },
      method: 'POST',
    })
    expect([response.status, await response.text()]).toEqual([200, expect.stringContaining('Fast geschafft')])
    expect((await ledger('json@example.com')).records.map((r) => r.action)).toEqual(['requested'])
  })

  it('takes a sign-up, sends the double-opt-in mail and confirms on the link, once', async () => {
    const response = await post(
      '/api/subscribe',
      { email: ' Anna.Berger@Example.COM ', firstName: 'Anna', topics: ['wochen-update', 'webinare'] },
      { client: '203.0.113.7', headers: { 'user-agent': 'Browser/1.0' } },
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Bitte bestätigen Sie Ihre Anmeldung mit dem Link')

    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes('anna.berger@example.com'))
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung')
    // The brand says "Sie" (Branding default) and the form took only the first name: greeted by it, formally.
    expect(mail.text?.startsWith('Guten Tag Anna,\n')).toBe(true)
    expect(mail.html).toContain('Guten Tag Anna,')
    expect(mail.text).toContain('• Kontorwerk-Update\n• Webinare & Events')
    expect(mail.html).toContain('Anmeldung bestätigen')
    const link = confirmLinkOf(mail.text)

    let { records, subscriber } = await ledger('anna.berger@example.com')
    expect(subscriber.firstName).toBe('Anna')
    expect(records.map((r) => r.action)).toEqual(['requested', 'requested'])
    expect(records[0]).toMatchObject({ source: 'form', textVersion: 'newsletter-2026-01', userAgent: 'Browser/1.0' })
    // The client address the proxy named, hashed (never the raw address, never a caller's own claim).
    expect(records[0].ipAddress).toMatch(/^sha256:/)
    expect(await contactReason(subscriber.id, 'wochen-update')).toBe('pending_confirmation')

    // The link opens a page with one button; a GET (what mail-security scanners do) confirms nothing.
    const opened = await get(link)
    expect(opened.status).toBe(200)
    expect(await opened.text()).toMatch(
      /<form method="post" action="\/api\/subscribe\/confirm[^"]*">[\s\S]*<button type="submit">Anmeldung bestätigen<\/button>/,
    )
    expect((await ledger('anna.berger@example.com')).records.map((r) => r.action)).toEqual(['requested', 'requested'])

    const confirmed = await confirmByButton(link)
    expect(confirmed.status).toBe(200)
    const confirmedPage = await confirmed.text()
    expect(confirmedPage).toContain('Ihre Anmeldung ist bestätigt')
    expect(confirmedPage).toContain('/api/preferences?token=')
    ;({ records } = await ledger('anna.berger@example.com'))
    expect(records.map((r) => r.action)).toEqual(['requested', 'requested', 'confirmed', 'confirmed'])
    expect(records[2].proof).toMatchObject({ method: 'double-opt-in' })
    expect(
      await canContactSubscriber(payload, subscriber.id, {
        at: new Date(),
        channel: 'email',
        topic: String(topicIds.webinare),
      }),
    ).toEqual({ allowed: true, reason: 'ok' })

    // The link is single-use: a second click changes nothing and hands out no new link.
    for (const again of [await confirmByButton(link), await get(link)]) {
      const text = await again.text()
      expect(text).toContain('bereits bestätigt')
      expect(text).not.toContain('/preferences?token=')
    }
    expect((await ledger('anna.berger@example.com')).records).toHaveLength(4)
  })

  it('answers a repeated sign-up the same way, without resetting confirmed consent or duplicating anyone', async () => {
    const mailsBefore = smtp.messages.length
    const response = await post('/api/subscribe', {
      email: 'ANNA.BERGER@example.com',
      firstName: 'Eve',
      topics: 'wochen-update',
    })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Bitte bestätigen Sie Ihre Anmeldung mit dem Link')
    const { records, subscriber } = await ledger('anna.berger@example.com')
    expect(records).toHaveLength(4)
    expect(subscriber.firstName).toBe('Anna')
    expect(
      (await payload.count({ collection: 'subscribers', where: { email: { like: 'anna.berger' } } })).totalDocs,
    ).toBe(1)
    expect(smtp.messages.length).toBe(mailsBefore)
  })

  it('refuses forged, truncated and expired links, changing nothing', async () => {
    const { records } = await ledger('anna.berger@example.com')
    for (const token of ['v1.e30.AAAA', 'garbage', '']) {
      for (const response of [
        await get(`/api/subscribe/confirm?token=${encodeURIComponent(token)}`),
        await post('/api/subscribe/confirm', { token }),
      ]) {
        expect(response.status).toBe(400)
        expect(await response.text()).toContain('Dieser Link ist ungültig oder abgelaufen')
      }
    }
    expect((await ledger('anna.berger@example.com')).records).toHaveLength(records.length)
  })

  it('rejects bad input with a message and stores nothing', async () => {
    const before = await subscriberCount()
    for (const [form, message] of [
      [{ email: 'no-address', topics: 'wochen-update' }, 'Bitte geben Sie eine gültige E-Mail-Adresse ein.'],
      [{ email: 'lena@example.com' }, 'Bitte wählen Sie mindestens ein Thema.'],
      [{ email: 'lena@example.com', topics: 'alt' }, 'Dieses Thema gibt es nicht (mehr).'],
      [{ email: 'lena@example.com', topics: 'gibt-es-nicht' }, 'Dieses Thema gibt es nicht (mehr).'],
    ] as const) {
      const response = await post('/api/subscribe', form as never)
      expect(response.status).toBe(400)
      expect(await response.text()).toContain(message)
    }
    expect(await subscriberCount()).toBe(before)
  })

  it('keeps header injection out of names and mail headers', async () => {
    await post('/api/subscribe', {
      email: 'mallory@example.com',
      firstName: 'Mal\r\nBcc: victim@example.com',
      topics: 'webinare',
    })
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes('mallory@example.com'))
    expect(JSON.stringify(mail.headers.get('bcc') ?? null)).toBe('null')
    expect(mail.to && JSON.stringify(mail.to)).not.toContain('victim')
    const { subscriber } = await ledger('mallory@example.com')
    expect(subscriber.firstName).toBe('Mal Bcc: victim@example.com')
  })

  it('writes the double-opt-in mail and the preference center in the language of the reader’s locale', async () => {
    const meta = { ip: '192.0.2.20', source: 'api' } as const
    await subscribe(payload, { email: 'moser@example.at', lang: 'de-AT', topics: ['webinare'] }, meta)
    const austrian = await smtp.waitFor((m) => JSON.stringify(m.to).includes('moser@example.at'))
    expect(austrian.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung')
    expect(austrian.html).toContain('lang="de"')
    expect((await ledger('moser@example.at')).subscriber.locale).toBe('de-AT')

    await subscribe(payload, { email: 'smith@example.co.uk', lang: 'en-gb', topics: ['webinare'] }, meta)
    const british = await smtp.waitFor((m) => JSON.stringify(m.to).includes('smith@example.co.uk'))
    expect(british.subject).toBe('Please confirm your subscription')
    expect(british.html).toContain('lang="en"')
    expect(british.text?.startsWith('Dear Sir or Madam,\n')).toBe(true)
    expect(british.text).not.toMatch(/Anmeldung|Sehr geehrte/)
    expect(confirmLinkOf(british.text)).toMatch(/&lang=en$/)
    const { subscriber } = await ledger('smith@example.co.uk')
    expect(subscriber.locale).toBe('en-GB')
    // A link without ?lang (an old mail, a shared link) opens the preference center in the subscriber's language.
    const center = await (
      await get(`/api/preferences?token=${encodeURIComponent(preferencesToken(payload, subscriber))}`)
    ).text()
    expect(center).toContain('<html lang="en">')
    expect(center).toContain('Signed up as')

    const before = await subscriberCount()
    await expect(
      subscribe(payload, { email: 'niemand@example.com', lang: 'xx-YY', topics: ['webinare'] }, meta),
    ).rejects.toThrow('unknown_locale')
    expect(await subscriberCount()).toBe(before)

    // The public form keeps the region of the locale it was opened with, and refuses an unknown one.
    const form = await (await get('/api/subscribe?lang=de-AT')).text()
    expect(form).toContain('name="lang" value="de-AT"')
    await post('/api/subscribe', { email: 'huber@example.at', lang: 'de-AT', topics: 'webinare' })
    expect((await ledger('huber@example.at')).subscriber.locale).toBe('de-AT')
    const refused = await post('/api/subscribe', { email: 'niemand@example.com', lang: 'xx-YY', topics: 'webinare' })
    expect(refused.status).toBe(400)
    expect(await subscriberCount()).toBe(before + 1)
  })

  it('unsubscribes with one click (RFC 8058) and by the page, and refuses a forged token', async () => {
    const { subscriber } = await ledger('anna.berger@example.com')
    const headers = listUnsubscribeHeaders(payload, subscriber)
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const url = /<(http[^>]+)>/.exec(headers['List-Unsubscribe'])![1]
    expect(headers['List-Unsubscribe']).toMatch(/<mailto:[^>]+>/)

    const asked = await get(url) // a GET only asks
    expect(asked.status).toBe(200)
    expect(await asked.text()).toContain(`<form method="post" action="/api/unsubscribe?token=`)
    expect(await contactReason(subscriber.id, 'webinare')).toBe('ok')

    const forged = await post(`/api/unsubscribe?token=${encodeURIComponent('v1.e30.AAAA')}`, {
      'List-Unsubscribe': 'One-Click',
    })
    expect(forged.status).toBe(400)

    const oneClick = await post(url, { 'List-Unsubscribe': 'One-Click' })
    expect(oneClick.status).toBe(200)
    for (const topic of Object.keys(topicIds)) expect(await contactReason(subscriber.id, topic)).toBe('withdrawn')
    const { records } = await ledger('anna.berger@example.com')
    expect(records.at(-1)).toMatchObject({ action: 'withdrawn', source: 'one_click', topic: null })
  })

  it('answers a flood of sign-ups from one client with 429 and RateLimit headers, and a limited request changes nothing', async () => {
    const client = newClient()
    const answers: Response[] = []
    for (let i = 0; i < 11; i++)
      answers.push(await post('/api/subscribe', { email: `flood-${i}@example.com`, topics: 'webinare' }, { client }))
    expect(answers.map((answer) => answer.status)).toEqual([...Array(10).fill(200), 429])
    const limited = answers[10]
    expect(await limited.text()).toContain('Bitte versuchen Sie es später noch einmal.')
    expect(limited.headers.get('ratelimit')).toMatch(/^"signup"; r=0; t=\d+$/)
    expect(limited.headers.get('ratelimit-policy')).toBe('"signup"; q=10; w=900')
    expect(answers[0].headers.get('ratelimit')).toMatch(/^"signup"; r=9; t=\d+$/)
    expect(await ledger('flood-10@example.com')).toEqual({ records: [], subscriber: undefined })
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes('flood-10@example.com'))).toBe(false)

    // Per address too, from however many clients: the fourth sign-up for one address within the hour is refused.
    const sameAddress: number[] = []
    for (let i = 0; i < 4; i++)
      sameAddress.push((await post('/api/subscribe', { email: 'Same@Example.com', topics: 'webinare' })).status)
    expect(sameAddress).toEqual([200, 200, 200, 429])
  })

  describe('the preference center', () => {
    let token: string
    let lena: { id: number | string; linkKey?: null | string }

    beforeAll(async () => {
      await subscribe(
        payload,
        { email: 'lena.vogel@example.com', firstName: 'Lena', topics: ['webinare'] },
        { ip: '192.0.2.1', source: 'form' },
      )
      const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes('lena.vogel@example.com'))
      await confirmByButton(confirmLinkOf(mail.text))
      lena = (await ledger('lena.vogel@example.com')).subscriber
      token = preferencesToken(payload, lena)
    })

    it('shows topics, channels, frequency, pause and one profile question, accessible without JavaScript', async () => {
      const response = await get(`/api/preferences?token=${encodeURIComponent(token)}`)
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      const page = await response.text()
      expect(page).toContain('Ihre Newsletter-Einstellungen')
      expect(page).toContain('<form method="post" action="/api/preferences?lang=de">')
      expect(page).toMatch(/<input type="checkbox" id="topic-webinare" name="topics" value="webinare" checked>/)
      expect(page).toMatch(/<input type="checkbox" id="topic-wochen-update" name="topics" value="wochen-update">/)
      expect(page).toMatch(/id="frequency-weekly" name="frequency" value="weekly" checked/)
      expect(page).toContain('<label for="answer">Ihr Nachname')
      // Signed up by email only: only email is ticked; SMS, push and post wait for a consent of their own.
      expect(page).toMatch(/id="channel-email" name="channels" value="email" checked>/)
      for (const channel of ['sms', 'push', 'post'])
        expect(page).toMatch(new RegExp(`id="channel-${channel}" name="channels" value="${channel}">`))
      for (const [, id] of page.matchAll(/<input[^>]* id="([^"]+)"/g)) expect(page).toContain(`for="${id}"`)
      expect(page).not.toMatch(/<script/i)
    })

    it('saves changes as ledger entries and preferences, then shows the next question', async () => {
      const response = await post('/api/preferences', {
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
      expect(next).toMatch(/^\/api\/preferences\?token=v1\..+&saved=1/)

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
      expect(await contactReason(lena.id, 'wochen-update', new Date('2026-12-01'))).toBe('paused')
      expect(await contactReason(lena.id, 'wochen-update', new Date('2027-02-01'))).toBe('ok')
      expect(await contactReason(lena.id, 'webinare', new Date('2027-02-01'))).toBe('withdrawn')

      const page = await (await get(next)).text()
      expect(page).toContain('Ihre Einstellungen sind gespeichert.')
      expect(page).toContain('<label for="answer">In welcher Region arbeiten Sie?')
    })

    it("takes the region as one of the editors' regions or an ISO code, and refuses free text without saving the form", async () => {
      await payload.create({
        collection: 'regions' as CollectionSlug,
        data: { code: 'DE-BY', name: 'Bayern' } as never,
      })
      const before = await ledger('lena.vogel@example.com')
      // The choices saved before, so only the answer differs between the posts.
      const form = {
        answerField: 'region',
        channels: 'email',
        frequency: 'monthly',
        pausedUntil: '2027-01-15',
        token,
        topics: 'wochen-update',
      }
      const refused = await post('/api/preferences', { ...form, answerValue: 'Hinterm Mond' })
      expect([refused.status, await refused.text()]).toEqual([400, expect.stringContaining('Unbekannte Region')])
      const after = await ledger('lena.vogel@example.com')
      expect(after.records).toHaveLength(before.records.length)
      expect(after.subscriber.region ?? null).toBeNull()
      expect(after.subscriber.preferences).toEqual(before.subscriber.preferences)

      expect((await post('/api/preferences', { ...form, answerValue: ' bayern ' })).status).toBe(303)
      expect((await ledger('lena.vogel@example.com')).subscriber.region).toBe('DE-BY')
      await payload.update({ collection: 'subscribers', data: { region: null }, id: lena.id })
      expect((await post('/api/preferences', { ...form, answerValue: 'at-9' })).status).toBe(303)
      expect((await ledger('lena.vogel@example.com')).subscriber.region).toBe('AT-9')
    })

    it('refuses forged tokens and bad input, changing nothing', async () => {
      const before = await ledger('lena.vogel@example.com')
      expect((await get('/api/preferences?token=v1.e30.AAAA')).status).toBe(400)
      expect(
        (await post('/api/preferences', { frequency: 'weekly', token: 'v1.e30.AAAA', topics: 'webinare' })).status,
      ).toBe(400)
      expect((await post('/api/preferences', { frequency: 'weekly', token, topics: 'gibt-es-nicht' })).status).toBe(400)
      expect((await post('/api/preferences', { frequency: 'stündlich', token, topics: 'webinare' })).status).toBe(400)
      expect(
        (await post('/api/preferences', { frequency: 'weekly', pausedUntil: 'bald', token, topics: 'webinare' }))
          .status,
      ).toBe(400)
      const after = await ledger('lena.vogel@example.com')
      expect(after.records).toHaveLength(before.records.length)
      expect(after.subscriber.preferences).toEqual(before.subscriber.preferences)
    })

    it('shows and exports everything stored about the subscriber', async () => {
      const page = await (await get(`/api/preferences/data?token=${encodeURIComponent(token)}&lang=en`)).text()
      expect(page).toContain('Your stored data')
      expect(page).toContain('lena.vogel@example.com')
      expect(page).toContain(`<a href="/api/preferences/export?token=`)

      const response = await get(`/api/preferences/export?token=${encodeURIComponent(token)}`)
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="meine-daten.json"')
      expect(response.headers.get('cache-control')).toBe('no-store')
      const data = await response.json()
      expect(data.profile).toMatchObject({ email: 'lena.vogel@example.com', firstName: 'Lena', lastName: 'Vogel' })
      expect(data.profile).not.toHaveProperty('linkKey')
      expect(data.consent.map((record: { action: string }) => record.action).sort()).toEqual([
        'confirmed',
        'confirmed',
        'requested',
        'withdrawn',
      ])
      expect(data.consent.map((record: { topic: null | string }) => record.topic)).toContain('Webinare & Events')
    })

    it('unsubscribes from everything in the preference center', async () => {
      const page = await (await get(`/api/preferences?token=${encodeURIComponent(token)}`)).text()
      const unsubscribe = formOf(page, '/api/preferences/unsubscribe')
      const answer = await post(unsubscribe.action, unsubscribe.hidden)
      expect([answer.status, await answer.text()]).toEqual([200, expect.stringContaining('Sie sind abgemeldet')])
      expect((await ledger('lena.vogel@example.com')).records.at(-1)).toMatchObject({
        action: 'withdrawn',
        source: 'preference_center',
        topic: null,
      })
    })

    it('deletes the subscriber after a confirmation, keeping only an anonymised note', async () => {
      const ask = await (await get(`/api/preferences/delete?token=${encodeURIComponent(token)}`)).text()
      expect(ask).toContain('Endgültig löschen')
      const erase = formOf(ask, '/api/preferences/delete')
      const done = await post(erase.action, erase.hidden)
      expect(await done.text()).toContain('Ihre Daten sind gelöscht.')
      expect((await ledger('lena.vogel@example.com')).subscriber).toBeUndefined()
      const notes = (await payload.find({ collection: 'consent-records', where: { action: { equals: 'erased' } } }))
        .docs
      expect(notes.at(-1)).toMatchObject({ proof: { recordsRemoved: 5 }, subscriber: null })
      expect((await get(`/api/preferences?token=${encodeURIComponent(token)}`)).status).toBe(400)
    })
  })
})

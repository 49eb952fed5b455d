import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type ThrowawayDatabase, throwawayDatabase } from '../helpers/databases'
import { anonymous, type GraphQLResult, login, rest, type Session } from '../helpers/http'
import { type RunningServer, startProductServer, stopProductServer } from '../helpers/server'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp'

const SUBSCRIBE =
  'mutation($email: String!, $firstName: String, $topics: [String!]!) { subscribe(email: $email, firstName: $firstName, topics: $topics) { ok status } }'

/**
 * Issue 14: the sign-up limits hold across the HTML form and GraphQL, an address is one subscriber
 * however its domain is spelled, and profile fields cannot smuggle lines into mail headers.
 *
 * A production server of its own: the budgets are per process and per client address, and using them
 * up on the shared servers would refuse the other files' sign-ups for 15 minutes. It runs as behind a
 * reverse proxy (TRUST_PROXY=loopback), so each case comes from client addresses of its own
 * (X-Forwarded-For); its own SMTP server shows each message's envelope.
 */
describe('sign-up over the form and GraphQL on a production server (SQLite, real SMTP)', () => {
  let sink: SmtpSink
  let database: ThrowawayDatabase
  let server: RunningServer
  let url: string
  let admin: Session
  let dataDir: string

  beforeAll(async () => {
    sink = await startSmtpSink()
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-signup-'))
    database = await throwawayDatabase('sqlite', dataDir)
    server = await startProductServer(
      {
        DATABASE_URI: database.uri,
        SEED_DEMO: 'true',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.port),
        TRUST_PROXY: 'loopback',
      },
      dataDir,
    )
    url = server.url
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
  })
  afterAll(async () => {
    if (server) await stopProductServer(server)
    await sink?.close()
    await database?.drop()
    if (dataDir) fs.rmSync(dataDir, { force: true, recursive: true })
  })

  /** The HTML form's POST, as a browser without JavaScript sends it, from the given client address. */
  const viaForm = async (clientIp: string, email: string) => {
    const response = await fetch(`${url}/subscribe`, {
      body: new URLSearchParams({ email, topics: 'wochen-update' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': clientIp },
      method: 'POST',
    })
    const page = await response.text()
    return response.status === 200 && page.includes('Fast geschafft')
      ? 'accepted'
      : response.status === 429
        ? 'limited'
        : `${response.status}: ${page.slice(0, 200)}`
  }
  const subscribeOverGraphQL = async (clientIp: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/api/graphql`, {
      body: JSON.stringify({ query: SUBSCRIBE, variables: { topics: ['wochen-update'], ...variables } }),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp },
      method: 'POST',
    })
    return (await response.json()) as GraphQLResult
  }
  const viaGraphQL = async (clientIp: string, email: string) => {
    const result = await subscribeOverGraphQL(clientIp, { email })
    if (result.data?.subscribe?.status === 'confirmation_sent') return 'accepted'
    return result.errors?.[0]?.extensions?.code === 'RATE_LIMITED' ? 'limited' : JSON.stringify(result)
  }
  const subscribersNamed = async (email: string) =>
    (
      await rest(
        url,
        admin,
        'GET',
        `/subscribers?depth=0&limit=10&where[email][like]=${encodeURIComponent(email.replace(/\.$/, ''))}`,
      )
    ).body.docs as { email: string; firstName: null | string; id: number }[]
  /** Envelope recipients of every message so far (the sign-up answers only after its mail went out). */
  const mailsTo = (address: string) =>
    sink.deliveries.filter((delivery) => delivery.recipients.includes(address)).length

  it('counts the form and GraphQL against one budget per client address: 10 sign-ups in 15 minutes, whichever way', async () => {
    // Ten on the form use the address's budget up; GraphQL must not open a second one.
    const formFirst = [] as string[]
    for (let i = 0; i < 10; i++) formFirst.push(await viaForm('198.51.100.1', `ip-a-${i}@example.com`))
    expect(formFirst).toEqual(Array(10).fill('accepted'))
    expect(await viaForm('198.51.100.1', 'ip-a-10@example.com')).toBe('limited')
    expect(await viaGraphQL('198.51.100.1', 'ip-a-11@example.com')).toBe('limited')

    // And the other way round, mixed: what GraphQL used counts on the form.
    const mixed = [] as string[]
    for (let i = 0; i < 10; i++)
      mixed.push(
        i % 3 === 0
          ? await viaForm('198.51.100.2', `ip-b-${i}@example.com`)
          : await viaGraphQL('198.51.100.2', `ip-b-${i}@example.com`),
      )
    expect(mixed).toEqual(Array(10).fill('accepted'))
    expect(await viaForm('198.51.100.2', 'ip-b-10@example.com')).toBe('limited')
    expect(await viaGraphQL('198.51.100.2', 'ip-b-11@example.com')).toBe('limited')

    // A limited sign-up changes nothing: no subscriber, no mail.
    for (const email of ['ip-a-10@example.com', 'ip-a-11@example.com', 'ip-b-10@example.com', 'ip-b-11@example.com']) {
      expect(await subscribersNamed(email)).toEqual([])
      expect(mailsTo(email)).toBe(0)
    }
    // Another client is not affected.
    expect(await viaGraphQL('198.51.100.3', 'ip-c-0@example.com')).toBe('accepted')
  })

  it('sends one address at most three confirmation mails an hour, whichever way and from however many clients', async () => {
    const attempts = [
      await viaForm('203.0.113.1', 'budget@example.com'),
      await viaGraphQL('203.0.113.2', 'Budget@Example.com'),
      await viaForm('203.0.113.3', ' budget@example.COM '),
      await viaGraphQL('203.0.113.4', 'budget@example.com'),
      await viaForm('203.0.113.5', 'BUDGET@example.com'),
    ]
    expect(attempts).toEqual(['accepted', 'accepted', 'accepted', 'limited', 'limited'])
    expect(mailsTo('budget@example.com')).toBe(3)

    // What is no address has no budget all such sign-ups would share: each gets the form's own error.
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${url}/subscribe`, {
        body: new URLSearchParams({ email: 'kein-at-zeichen', topics: 'wochen-update' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${20 + i}` },
        method: 'POST',
      })
      expect([response.status, await response.text()]).toEqual([
        400,
        expect.stringContaining('Bitte geben Sie eine gültige E-Mail-Adresse ein.'),
      ])
    }
  })

  it('treats an address with a trailing dot in its domain as the same subscriber and the same budget', async () => {
    expect(await viaForm('192.0.2.1', 'punkt@example.com')).toBe('accepted')
    expect(await viaGraphQL('192.0.2.2', 'Punkt@Example.com.')).toBe('accepted')
    expect((await subscribersNamed('punkt@example.com')).map((subscriber) => subscriber.email)).toEqual([
      'punkt@example.com',
    ])
    expect(mailsTo('punkt@example.com')).toBe(2)
    expect(mailsTo('punkt@example.com.')).toBe(0)

    // The third sign-up fills the address's budget, however it is spelled.
    expect(await viaForm('192.0.2.3', 'punkt@example.com.')).toBe('accepted')
    expect(await viaGraphQL('192.0.2.4', 'punkt@example.com.')).toBe('limited')
    expect(await viaForm('192.0.2.5', 'PUNKT@example.com.')).toBe('limited')

    // Staff cannot create a second record for it either, and events sent by address find it.
    const duplicate = await rest(url, admin, 'POST', '/subscribers', { email: 'punkt@example.com.' })
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.errors[0].data.errors).toEqual([expect.objectContaining({ path: 'email' })])
    expect((await subscribersNamed('punkt@example.com')).length).toBe(1)
    const events = await fetch(`${url}/api/events`, {
      body: JSON.stringify({
        events: [{ email: 'Punkt@Example.com.', id: `punkt-${Date.now()}`, type: 'email_opened' }],
      }),
      headers: { ...admin.headers, 'content-type': 'application/json' },
      method: 'POST',
    })
    // Found (not "unknown_subscriber"), and then skipped as this sign-up gave no tracking consent.
    expect((await events.json()).results).toEqual([
      expect.objectContaining({ reason: 'no_tracking_consent', status: 'skipped' }),
    ])
    // So does a member import.
    const list = (await rest(url, admin, 'POST', '/segments', { kind: 'static', name: 'Punkt-Liste' })).body.doc
    const imported = await fetch(`${url}/api/segments/${list.id}/import`, {
      body: 'email\nPUNKT@example.com.\n',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      method: 'POST',
    })
    expect(await imported.json()).toEqual({ imported: 1, memberCount: 1 })
  })

  it('keeps line breaks and control characters of profile fields out of stored names and mail headers', async () => {
    const created = await rest(url, admin, 'POST', '/subscribers', {
      academicTitle: 'Dr.\r\nX-Evil: 1',
      email: 'kopfzeile@example.com',
      firstName: 'Anna\r\nBcc: evil@x',
      lastName: 'Berger\u0000\u0007',
    })
    expect(created.status).toBe(201)
    const stored = (await rest(url, admin, 'GET', `/subscribers/${created.body.doc.id}?depth=0`)).body
    expect([stored.academicTitle, stored.firstName, stored.lastName]).toEqual([
      'Dr. X-Evil: 1',
      'Anna Bcc: evil@x',
      'Berger',
    ])
    const updated = await rest(url, admin, 'PATCH', `/subscribers/${created.body.doc.id}`, {
      firstName: 'Anna\nCc: evil@x',
    })
    expect(updated.body.doc.firstName).toBe('Anna Cc: evil@x')

    // A sign-up with such a name: one recipient, headers as they should be.
    expect(
      (
        await subscribeOverGraphQL('192.0.2.50', {
          email: 'kopf-anmeldung@example.com',
          firstName: 'Anna\r\nBcc: evil@x',
        })
      ).data?.subscribe.ok,
    ).toBe(true)
    expect(
      sink.deliveries
        .filter((delivery) => delivery.recipients.includes('kopf-anmeldung@example.com'))
        .map((delivery) => delivery.recipients),
    ).toEqual([['kopf-anmeldung@example.com']])
    const mail = sink.messages.find((message) =>
      message.headerLines.some((line) => line.line.includes('kopf-anmeldung@example.com')),
    )!
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung')
    expect(mail.headers.has('bcc')).toBe(false)
    expect(sink.deliveries.some((delivery) => delivery.recipients.includes('evil@x'))).toBe(false)
  })
})

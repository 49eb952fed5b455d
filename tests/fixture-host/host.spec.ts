import type { ParsedMail } from 'mailparser'

import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { scheduleConfirmed } from '../helpers/confirmedSend'
import { anonymous, graphql, login, rest, type Session } from '../helpers/http'
import { type RunningServer, stopProductServer } from '../helpers/server'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp'
import { plainEnvironment, preparedHost, startHost } from './startHost'

const recipients = (mail: ParsedMail) =>
  [mail.to ?? []].flat().flatMap((to) => to.value.map((address) => address.address))
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replaceAll('&amp;', '&'))

/**
 * A stranger's host (tests/fixture-host/host, prepared by scripts/fixture-host.sh): a Payload app
 * with its own `members`, `posts` and `images`, on SQLite, served by `next start` alone, with the
 * plugins installed from their packed tarballs. Over HTTP, as a reader and its staff would use it.
 */
describe('the plugins installed in a stranger’s Payload app', () => {
  let sink: SmtpSink
  let server: RunningServer
  let url: string
  let staff: Session
  let subscriberEmail: string
  let topicId: number

  const post = (path: string, form: Record<string, string>) =>
    fetch(`${url}${path}`, {
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      method: 'POST',
      redirect: 'manual',
    })
  const created = async (path: string, body: unknown) => {
    const response = await rest(url, staff, 'POST', path, body)
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    return response.body.doc
  }

  beforeAll(async () => {
    sink = await startSmtpSink()
    server = await startHost(sink.port)
    url = server.url
  })
  // The host's own log says why a request failed; its data goes with the run.
  beforeEach(({ onTestFailed }) =>
    onTestFailed(() =>
      console.error(`fixture host log (end):\n${fs.readFileSync(server.logFile, 'utf8').slice(-6000)}`),
    ),
  )
  afterAll(async () => {
    if (server) await stopProductServer(server)
    await sink?.close()
    if (server) fs.rmSync(server.dataDir, { force: true, recursive: true })
  })

  it('loads every server entry of the installed packages in plain Node (a worker or script of the host’s own)', () => {
    const { host } = preparedHost()
    const entries = fs.readdirSync(path.join(host, 'node_modules/@kontorwerk')).flatMap((name) => {
      const { exports } = JSON.parse(
        fs.readFileSync(path.join(host, 'node_modules/@kontorwerk', name, 'package.json'), 'utf8'),
      ) as { exports: Record<string, { import?: string }> }
      // Client components ('use client', stylesheets) are for the bundler only.
      return Object.entries(exports)
        .filter(([subpath, target]) => target.import && !['./client', './rsc'].includes(subpath))
        .map(([subpath]) => `@kontorwerk/${name}${subpath.slice(1)}`)
    })
    expect(entries).toEqual(
      expect.arrayContaining([
        '@kontorwerk/personalization',
        '@kontorwerk/consent',
        '@kontorwerk/lead-scoring',
        '@kontorwerk/segments',
        '@kontorwerk/campaigns',
      ]),
    )
    const script = `for (const entry of ${JSON.stringify(entries)}) await import(entry)`
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: host,
      env: plainEnvironment(),
      stdio: 'pipe',
    })
  })

  it('makes the host’s own auth collection the staff, with the roles the plugins check', async () => {
    const first = await fetch(`${url}/api/members/first-register`, {
      body: JSON.stringify({ email: 'owner@fixture-host.example', password: 'fixture-host-2026', role: 'admin' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    expect(first.status).toBe(200)
    expect((await first.json()).user).toMatchObject({ collection: 'members', role: 'admin' })
    staff = await login(url, 'owner@fixture-host.example', 'fixture-host-2026', 'members')
    // The plugins' collections answer only to the host's staff; the host's own posts still work.
    expect((await rest(url, anonymous, 'GET', '/segments')).status).toBe(403)
    expect((await created('/posts', { title: 'Hallo Welt' })).title).toBe('Hallo Welt')
    topicId = (await created('/topics', { name: 'Produkt-News' })).id
  })

  it('serves the admin UI with the plugins’ components, resolved from the installed packages', async () => {
    const token = staff.headers.authorization.replace(/^JWT /, '')
    const dashboard = await fetch(`${url}/admin`, { headers: { cookie: `payload-token=${token}` } })
    expect(dashboard.status).toBe(200)
    const html = await dashboard.text()
    expect(html).toContain('/admin/campaign-report') // the campaigns' nav link, a server component from @kontorwerk/campaigns/rsc
    expect(html).toContain('/admin/collections/segments')
  })

  it('signs a reader up with double opt-in over the host’s SMTP server and opens the preference center', async () => {
    subscriberEmail = `leserin-${Date.now()}@example.com`
    const signUp = await post('/api/subscribe', { email: subscriberEmail, firstName: 'Lea', topics: 'produkt-news' })
    expect(signUp.status).toBe(200)

    const doi = await sink.waitFor((mail) => recipients(mail).includes(subscriberEmail), 15_000)
    expect(doi.subject).toBe('Bitte bestätigen Sie Ihre Anmeldung')
    expect(doi.from?.value[0].address).toBe('news@fixture-host.example')
    const confirmUrl = /Anmeldung bestätigen: (\S+)/.exec(doi.text ?? '')?.[1]
    expect(confirmUrl).toMatch(new RegExp(`^${url}/api/subscribe/confirm\\?token=`))

    // The link shows a button (a link scanner's GET confirms nothing); the button's POST confirms.
    const page = await fetch(confirmUrl!)
    expect(page.status).toBe(200)
    const token = /name="token" value="([^"]+)"/.exec(await page.text())?.[1]
    expect(token).toBeTruthy()
    const confirmed = await post('/api/subscribe/confirm', { token: token! })
    expect(confirmed.status).toBe(200)
    const center = hrefs(await confirmed.text()).find((href) => href.includes('/preferences?token='))
    expect(center).toMatch(/^\/api\/preferences\?token=/)

    const preferences = await fetch(new URL(center!, url))
    expect(preferences.status).toBe(200)
    const html = await preferences.text()
    expect(html).toContain('Ihre Newsletter-Einstellungen')
    expect(html).toContain(`value="produkt-news" checked`)
  })

  it('ranks a block tagged for a persona first in personalizedBlocks', async () => {
    const persona = await created('/personas', { name: 'Einkauf' })
    const other = await created('/personas', { name: 'Technik' })
    const blockId = (
      await created('/content-blocks', {
        _status: 'published',
        channels: ['web'],
        personas: [persona.id],
        title: 'Rechnungen in Minuten freigeben',
      })
    ).id
    await created('/content-blocks', {
      _status: 'published',
      channels: ['web'],
      personas: [other.id],
      title: 'Schnittstellen für Ihre Systeme',
    })

    const query = `query ($persona: String) { personalizedBlocks(filter: { channel: "web" }, context: { persona: $persona }, limit: 1) { id title reason { kind matchedPersona } } }`
    const forBuyers = await graphql(url, anonymous, query, { persona: persona.slug })
    expect(forBuyers.errors).toBeUndefined()
    expect(forBuyers.data!.personalizedBlocks).toEqual([
      {
        id: String(blockId),
        reason: { kind: 'ranked', matchedPersona: persona.slug },
        title: 'Rechnungen in Minuten freigeben',
      },
    ])
    const forEngineers = await graphql(url, anonymous, query, { persona: other.slug })
    expect(forEngineers.data!.personalizedBlocks[0].title).toBe('Schnittstellen für Ihre Systeme')
  })

  let segmentId: number

  it('counts a segment: readers who confirmed the topic, not those who only signed up', async () => {
    const pending = await post('/api/subscribe', {
      email: `unbestaetigt-${Date.now()}@example.com`,
      topics: 'produkt-news',
    })
    expect(pending.status).toBe(200)
    const segment = await created('/segments', {
      kind: 'dynamic',
      name: 'Produkt-News bestätigt',
      rules: {
        combinator: 'and',
        rules: [{ field: 'consent', operator: 'granted', value: { channel: 'email', topic: topicId } }],
      },
    })
    segmentId = segment.id
    const count = await graphql(url, staff, 'query ($id: ID!) { segmentCount(id: $id) }', { id: String(segmentId) })
    expect(count.errors).toBeUndefined()
    expect(count.data!.segmentCount).toBe(1)
  })

  it('sends a campaign to the segment through the host’s job queue and SMTP server', async () => {
    const lead = await created('/content-blocks', {
      _status: 'published',
      channels: ['email'],
      isFallback: true,
      title: 'Neu im Dezember: Freigaben per App',
    })
    const newsletter = await created('/newsletters', {
      name: 'Monatsbrief',
      slots: [{ channel: 'email', count: 1, fallback: lead.id, key: 'aufmacher', label: 'Aufmacher' }],
      subject: 'Neues für {{ subscriber.first_name | default: "Sie" }}',
    })
    const campaign = await created('/campaigns', {
      audience: segmentId,
      channel: 'email',
      name: 'Monatsbrief Dezember',
      newsletter: newsletter.id,
      topic: topicId,
    })
    const scheduled = await scheduleConfirmed(url, staff, campaign.id)
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200)

    // No worker process: the jobs run inside `next start` (Payload's autoRun).
    const mail = await sink.waitFor((received) => received.subject === 'Neues für Lea', 60_000)
    expect(recipients(mail)).toEqual([subscriberEmail])
    expect(mail.html).toContain('Neu im Dezember: Freigaben per App')
    const unsubscribe = mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, ' ')
    expect(unsubscribe).toMatch(new RegExp(`^List-Unsubscribe: <${url}/api/unsubscribe\\?token=`))
    await expect
      .poll(async () => (await rest(url, staff, 'GET', `/campaigns/${campaign.id}?depth=0`)).body.status, {
        timeout: 30_000,
      })
      .toBe('done')
    expect(sink.messages.filter((received) => received.subject === 'Neues für Lea')).toHaveLength(1)
  })
})

import { beforeAll, describe, expect, inject, it } from 'vitest'

import { anonymous, graphql, login, rest, type Session } from '../helpers/http'
import { trackingLinks } from '../helpers/links'

const servers = inject('servers')

describe.each(servers)('event intake and tracking on $kind', (server) => {
  const { url } = server
  let admin: Session
  let editor: Session
  let apiKey: Session
  let tracked: number | string
  let untracked: number | string

  const postEvents = (session: Session, body: string) =>
    fetch(`${url}/api/events`, {
      body,
      headers: { ...session.headers, 'content-type': 'application/json' },
      method: 'POST',
    }).then(async (response) => ({
      body: await response.json(),
      status: response.status,
    }))
  const storedEvents = async (where: string) =>
    (await rest(url, admin, 'GET', `/events?limit=0&${where}`)).body.totalDocs as number

  beforeAll(async () => {
    admin = await login(url, 'admin@example.com', 'admin-demo-2026')
    editor = await login(url, 'editor@example.com', 'editor-demo-2026')
    // An integration authenticates with an API key of an admin account.
    const key = `key-${Date.now()}-${Math.random().toString(36).slice(2)}`
    const me = (await rest(url, admin, 'GET', '/users/me')).body.user
    expect((await rest(url, admin, 'PATCH', `/users/${me.id}`, { apiKey: key, enableAPIKey: true })).status).toBe(200)
    apiKey = { headers: { authorization: `users API-Key ${key}` } }

    const consent = await rest(
      url,
      admin,
      'GET',
      '/consent-records?limit=1&depth=0&where[purpose][equals]=tracking&where[action][equals]=confirmed',
    )
    tracked = consent.body.docs[0].subscriber
    const lead = (await rest(url, admin, 'GET', '/lifecycle-stages?where[key][equals]=lead&depth=0')).body.docs[0].id
    untracked = (
      await rest(url, admin, 'POST', '/subscribers', { email: `ohne-tracking-${Date.now()}@example.com`, stage: lead })
    ).body.doc.id
  })

  it('accepts batches only from admins and API keys', async () => {
    const body = JSON.stringify({ events: [{ id: `auth-${Date.now()}`, subscriber: tracked, type: 'email_opened' }] })
    expect((await postEvents(anonymous, body)).status).toBe(401)
    expect((await postEvents(editor, body)).status).toBe(403)
    const accepted = await postEvents(apiKey, body)
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ accepted: 1, rejected: 0 })
  })

  it('stores a batch once, however often it is sent', async () => {
    const prefix = `twice-${Date.now()}`
    const events = Array.from({ length: 100 }, (_, index) => ({
      id: `${prefix}-${index}`,
      properties: { url: 'https://kontorwerk.example/preise' },
      subscriber: tracked,
      type: 'page_viewed',
    }))
    const first = await postEvents(apiKey, JSON.stringify({ events }))
    const second = await postEvents(apiKey, JSON.stringify({ events }))
    expect([first.body.accepted, second.body.accepted, second.body.duplicates]).toEqual([100, 0, 100])
    expect(await storedEvents(`where[eventId][like]=${prefix}`)).toBe(100)
  })

  it('answers bad input with a clear error and stores nothing', async () => {
    const prefix = `bad-${Date.now()}`
    const malformed = await postEvents(apiKey, '{"events": [')
    expect(malformed).toMatchObject({ body: { error: { code: 'MALFORMED_JSON' } }, status: 400 })

    const tooMany = Array.from({ length: 1001 }, (_, index) => ({
      id: `${prefix}-big-${index}`,
      subscriber: tracked,
      type: 'email_opened',
    }))
    const oversized = await postEvents(apiKey, JSON.stringify({ events: tooMany }))
    expect(oversized.status).toBe(413)
    expect(oversized.body.error.message).toMatch(/at most 1000 events/)

    const mixed = await postEvents(
      apiKey,
      JSON.stringify({
        events: [
          { id: `${prefix}-ok`, subscriber: tracked, type: 'email_opened' },
          { id: `${prefix}-type`, subscriber: tracked, type: 'telepathy' },
          {
            id: `${prefix}-future`,
            occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
            subscriber: tracked,
            type: 'email_opened',
          },
          { id: `${prefix}-who`, email: 'niemand@example.com', type: 'email_opened' },
        ],
      }),
    )
    expect(mixed.status).toBe(422)
    expect(
      mixed.body.results.map(
        (result: { error?: { code: string }; status: string }) => result.error?.code ?? result.status,
      ),
    ).toEqual(['not_applied', 'unknown_type', 'future_timestamp', 'unknown_subscriber'])
    expect(await storedEvents(`where[eventId][like]=${prefix}`)).toBe(0)

    const viaGraphQL = await graphql(
      url,
      apiKey,
      'mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }',
      { e: [{ id: `${prefix}-gql`, subscriber: String(tracked), type: 'telepathy' }] },
    )
    expect(viaGraphQL.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { results: [{ error: { code: 'unknown_type' } }] },
    })
    expect(await storedEvents(`where[eventId][like]=${prefix}`)).toBe(0)
  })

  it('records events over GraphQL and explains the score they make', async () => {
    const id = `gql-${Date.now()}`
    const recorded = await graphql(
      url,
      apiKey,
      'mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted results { status } } }',
      {
        e: [{ id, properties: { form: 'demo-anfrage' }, subscriber: String(tracked), type: 'form_submitted' }],
      },
    )
    expect(recorded.data?.recordEvents).toEqual({ accepted: 1, results: [{ status: 'accepted' }] })
    const query =
      'query($s: ID!) { leadScore(subscriber: $s) { fit engagement total hits { ruleName eventId points decayedPoints } } }'
    const score = await graphql(url, admin, query, { s: String(tracked) })
    expect(score.data?.leadScore.hits).toContainEqual({
      decayedPoints: 25,
      eventId: id,
      points: 25,
      ruleName: 'Demo oder Webinar angefragt',
    })
    expect(score.data?.leadScore.total).toBeCloseTo(score.data?.leadScore.fit + score.data?.leadScore.engagement, 1)
    expect((await graphql(url, editor, query, { s: String(tracked) })).errors?.[0].extensions?.code).toBe('FORBIDDEN')
    // An id the database cannot hold is simply not found, not a server error.
    expect((await graphql(url, admin, query, { s: '99999999999' })).errors?.[0].extensions?.code).toBe('NOT_FOUND')
  })

  describe('tracking links', () => {
    const sign = (subscriber: number | string) => trackingLinks(server, subscriber)
    const clicksOf = (subscriber: number | string) =>
      storedEvents(`where[subscriber][equals]=${subscriber}&where[type][equals]=email_clicked`)

    it('redirect only to the signed URL, record the click with its block, and count the open', async () => {
      const links = await sign(tracked)
      const before = await clicksOf(tracked)
      const click = await fetch(links.click, { redirect: 'manual' })
      expect(click.status).toBe(302)
      expect(click.headers.get('location')).toBe('https://kontorwerk.example/e-rechnung?utm=x&a=1')
      // Recorded behind the redirect: the reader never waits for it.
      await expect.poll(() => clicksOf(tracked)).toBe(before + 1)
      const latest = (
        await rest(
          url,
          admin,
          'GET',
          `/events?limit=1&sort=-createdAt&where[subscriber][equals]=${tracked}&where[type][equals]=email_clicked`,
        )
      ).body.docs[0]
      expect(latest).toMatchObject({
        block: '7',
        properties: { url: 'https://kontorwerk.example/e-rechnung?utm=x&a=1' },
      })

      const open = await fetch(links.open)
      expect([open.status, open.headers.get('content-type')]).toEqual([200, 'image/gif'])
    })

    it('refuse a tampered link with 400 and record nothing', async () => {
      const links = await sign(tracked)
      const [version, body, mac] = links.click.split('/t/c/')[1].split('.')
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString())
      const forged = Buffer.from(JSON.stringify({ ...claims, u: 'https://evil.example/' })).toString('base64url')
      const before = await clicksOf(tracked)
      const response = await fetch(`${url}/t/c/${version}.${forged}.${mac}`, { redirect: 'manual' })
      expect(response.status).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      expect((await fetch(`${url}/t/o/v1.e30.AAAA.gif`)).status).toBe(400)
      expect(await clicksOf(tracked)).toBe(before)
    })

    it('still redirect, but record nothing, without tracking consent', async () => {
      const links = await sign(untracked)
      const click = await fetch(links.click, { redirect: 'manual' })
      expect(click.status).toBe(302)
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await clicksOf(untracked)).toBe(0)
    })
  })
})

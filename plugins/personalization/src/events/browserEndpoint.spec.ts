import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { beaconInit, BROWSER_EVENTS_PATH, pageView } from '../../../../tests/helpers/browserBeacon'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { VISITOR_EVENTS } from '../collections/VisitorEvents'
import { personalizationOptions } from '../extensions'
import { signSubscriberToken } from '../security/subscriberToken'
import { expireAnonymousVisitors } from '../visitors/expire'

/**
 * The public event endpoint for browsers (issue 22): what a page may send without an API key, and
 * everything it must refuse with a coded 4xx while storing nothing.
 */
describe.each(testedDatabases())('the browser event endpoint on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let origin: string
  let reader: { id: number | string; linkKey?: null | string }
  let address = 0

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    origin = new URL(personalizationOptions(payload).publicUrl).origin
    const { id } = await payload.create({ collection: 'subscribers', data: { email: 'leserin@example.com' } as never })
    reader = (await payload.findByID({ id, collection: 'subscribers', showHiddenFields: true })) as typeof reader
  }, 120_000)
  afterAll(() => local?.close())

  /** A beacon as `navigator.sendBeacon` sends it: text/plain JSON, from a page of `from`, each test from its own address. */
  const beacon = (body: unknown, { from = origin, ip = `203.0.113.${++address}` } = {}) =>
    handleEndpoints({
      config: payload.config,
      payloadInstanceCacheKey: local.databaseUri,
      request: new Request(new URL(BROWSER_EVENTS_PATH, origin), beaconInit(from, body, ip)),
    })
  const view = (id: string, url = 'https://www.example.com/ratgeber/betrug') => pageView(id, url)
  const stored = async () => ({
    anonymous: (await payload.count({ collection: VISITOR_EVENTS as 'events' })).totalDocs,
    subscriber: (await payload.count({ collection: 'events', where: { subscriber: { equals: reader.id } } })).totalDocs,
  })
  const refusal = async (response: Response) => [response.status, (await response.json()).error.code]

  it('stores a beacon batch of an anonymous visitor once, however often it is resent, and answers the page with CORS', async () => {
    const visitor = randomUUID()
    const batch = { events: [view('e1'), { id: 'e2', properties: { name: 'video_started' }, type: 'custom' }], visitor }
    const first = await beacon(batch)
    expect([first.status, first.headers.get('access-control-allow-origin'), await first.json()]).toEqual([
      200,
      origin,
      { accepted: 2 },
    ])
    expect((await beacon(batch)).status).toBe(200)
    const { docs } = await payload.find({
      collection: VISITOR_EVENTS as 'events',
      where: { visitor: { equals: visitor } } as never,
    })
    expect(docs.map((doc) => [doc.eventId, doc.type, (doc as unknown as { url: string }).url]).sort()).toEqual([
      [`web:${visitor}:e1`, 'page_viewed', 'https://www.example.com/ratgeber/betrug'],
      [`web:${visitor}:e2`, 'custom', null],
    ])
  })

  it('deletes anonymous events older than the retention period (default 90 days), and only those', async () => {
    const visitor = randomUUID()
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString()
    await beacon({
      events: [
        { ...view('old'), occurredAt: daysAgo(91) },
        { ...view('recent'), occurredAt: daysAgo(89) },
      ],
      visitor,
    })
    expect(await expireAnonymousVisitors(payload)).toBe(1)
    const { docs } = await payload.find({
      collection: VISITOR_EVENTS as 'events',
      where: { visitor: { equals: visitor } } as never,
    })
    expect(docs.map((doc) => doc.eventId)).toEqual([`web:${visitor}:recent`])
  })

  it('refuses a page of an origin not in browser.origins, and a request without Origin, storing nothing', async () => {
    const before = await stored()
    const batch = { events: [view('x1')], visitor: randomUUID() }
    const foreign = await beacon(batch, { from: 'https://evil.example' })
    expect([...(await refusal(foreign)), foreign.headers.get('access-control-allow-origin')]).toEqual([
      403,
      'ORIGIN_NOT_ALLOWED',
      null,
    ])
    expect(await refusal(await beacon(batch, { from: '' }))).toEqual([403, 'ORIGIN_NOT_ALLOWED'])
    expect(await stored()).toEqual(before)
  })

  it('refuses event types only systems may send, the whole batch, storing nothing', async () => {
    const before = await stored()
    for (const type of [
      'purchase',
      'email_opened',
      'email_clicked',
      'form_submitted',
      'unsubscribe',
      'stage_changed',
    ]) {
      const response = await beacon({
        events: [view(`ok-${type}`), { id: `bad-${type}`, properties: { product: 'x', url: 'x' }, type }],
        visitor: randomUUID(),
      })
      expect(await refusal(response)).toEqual([403, 'EVENT_TYPE_NOT_ALLOWED'])
    }
    expect(await stored()).toEqual(before)
  })

  it('refuses a forged, re-targeted or misused subscriber token with 401: nobody attaches events to a subscriber', async () => {
    const before = await stored()
    const genuine = signSubscriberToken(payload, reader, 'personalize', 3600)
    const [version, claims, mac] = genuine.split('.')
    const other = await payload.create({ collection: 'subscribers', data: { email: 'opfer@example.com' } as never })
    const retargeted = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), s: String(other.id) }),
    ).toString('base64url')
    for (const token of [
      `${version}.${retargeted}.${mac}`,
      `${version}.${claims}.${'A'.repeat(mac.length)}`,
      signSubscriberToken(payload, reader, 'unsubscribe', 3600),
      signSubscriberToken(payload, { id: reader.id, linkKey: 'someone-elses-key' }, 'personalize', 3600),
      'v1.e30.AAAA',
    ]) {
      expect(await refusal(await beacon({ events: [view(`forged-${Math.random()}`)], token }))).toEqual([
        401,
        'INVALID_TOKEN',
      ])
    }
    expect(await stored()).toEqual(before)
    expect((await payload.count({ collection: 'events', where: { subscriber: { equals: other.id } } })).totalDocs).toBe(
      0,
    )
  })

  it('refuses malformed visitor ids, malformed or oversized bodies and invalid events with coded 4xx, storing nothing', async () => {
    const before = await stored()
    const visitor = randomUUID()
    expect(await refusal(await beacon({ events: [view('a')], visitor: 'leserin@example.com' }))).toEqual([
      400,
      'BAD_USER_INPUT',
    ])
    expect(await refusal(await beacon({ events: [view('a')] }))).toEqual([400, 'BAD_USER_INPUT'])
    expect(await refusal(await beacon('{"events": ['))).toEqual([400, 'MALFORMED_JSON'])
    expect(
      await refusal(await beacon({ events: Array.from({ length: 51 }, (_, i) => view(`n${i}`)), visitor })),
    ).toEqual([413, 'BATCH_TOO_LARGE'])
    expect(await refusal(await beacon({ events: [view('p')], padding: 'x'.repeat(70_000), visitor }))).toEqual([
      413,
      'BATCH_TOO_LARGE',
    ])
    const invalid = await beacon({
      events: [view('fine'), { id: 'no-url', properties: {}, type: 'page_viewed' }],
      visitor,
    })
    expect(await refusal(invalid)).toEqual([422, 'INVALID_EVENTS'])
    expect(await stored()).toEqual(before)
  })

  it('limits a flood per visitor and per address with 429 RATE_LIMITED, and stores nothing beyond the limit', async () => {
    const { perIpPerMinute, perVisitorPerMinute } = personalizationOptions(payload).browser
    const visitor = randomUUID()
    const statuses: number[] = []
    for (let i = 0; i <= perVisitorPerMinute; i++)
      statuses.push((await beacon({ events: [view(`flood-${i}`)], visitor }, { ip: `198.51.100.${i % 250}` })).status)
    expect(statuses.slice(0, perVisitorPerMinute).every((status) => status === 200)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    expect(
      (
        await payload.count({
          collection: VISITOR_EVENTS as 'events',
          where: { visitor: { equals: visitor } } as never,
        })
      ).totalDocs,
    ).toBe(perVisitorPerMinute)

    // Many visitors from one address: the address's budget ends it, before the body is even read.
    const ip = '192.0.2.99'
    let last: Response | undefined
    for (let i = 0; i <= perIpPerMinute; i++) last = await beacon('not even json', { ip })
    expect(await refusal(last!)).toEqual([429, 'RATE_LIMITED'])
  }, 120_000)
})

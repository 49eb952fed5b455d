import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { beaconInit, BROWSER_EVENTS_PATH, pageView } from '../../../../tests/helpers/browserBeacon'
import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { leanPersonalizedReads } from '../http/leanReads'
import { personalization } from '../plugin'

/** Issue 22, caching: the GET reads carry Cache-Control by who reads, Vary, and an ETag that answers 304. */
describe('cacheable personalization reads (stock host, SQLite)', () => {
  let host: StockPayload
  let payload: Payload
  const origin = new URL(STOCK_HOST_URL).origin

  beforeAll(async () => {
    host = await startStockPayload((slugs) => [personalization({ ...slugs, publicUrl: STOCK_HOST_URL })])
    payload = host.payload
    for (const [slug, path] of [
      ['gobd', '/ratgeber/gobd'],
      ['reisen', '/reisen'],
    ]) {
      const interest = await payload.create({
        collection: 'interests',
        data: { label: slug, pageUrls: [path], slug } as never,
      })
      await payload.create({
        collection: 'content-blocks',
        data: {
          _status: 'published',
          channels: ['web'],
          interests: [interest.id],
          priority: slug === 'reisen' ? 90 : 10,
          title: slug,
        } as never,
      })
    }
  }, 120_000)
  afterAll(() => host?.close())

  const get = (query: string, headers: Record<string, string> = {}) =>
    host.call(`/api/personalized/blocks?channel=web&limit=2${query}`, {
      headers: { 'x-client-ip': '203.0.113.9', ...headers },
    })

  it('lets a shared cache keep an anonymous answer for a minute, and revalidates it by ETag', async () => {
    const first = await get('', { origin })
    expect([first.status, first.headers.get('cache-control'), first.headers.get('vary')]).toEqual([
      200,
      'public, max-age=60',
      'Origin, Accept-Language, Cookie',
    ])
    expect(first.headers.get('access-control-allow-origin')).toBe(origin)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]{32}"$/)
    const again = await get('', { 'if-none-match': etag })
    expect([again.status, await again.text()]).toEqual([304, ''])
  })

  it("keeps a visitor's answer private, ranks by their reading, and a changed ranking gets a new ETag", async () => {
    const visitor = randomUUID()
    const before = await get(`&visitor=${visitor}`)
    expect(before.headers.get('cache-control')).toBe('private, no-cache')
    expect((await before.json()).map((block: { title: string }) => block.title)).toEqual(['reisen', 'gobd'])
    await host.call(
      BROWSER_EVENTS_PATH,
      beaconInit(origin, { events: [1, 2, 3].map((n) => pageView(`g${n}`, `/ratgeber/gobd/${n}`)), visitor }),
    )
    const after = await get(`&visitor=${visitor}`, { 'if-none-match': before.headers.get('etag')! })
    expect(after.status).toBe(200)
    expect((await after.json()).map((block: { title: string }) => block.title)).toEqual(['gobd', 'reisen'])
  })

  it('answers bad input with coded 4xx and names no foreign origin', async () => {
    const foreign = await get('&visitor=not-a-uuid', { origin: 'https://evil.example' })
    expect([
      foreign.status,
      (await foreign.json()).error.code,
      foreign.headers.get('access-control-allow-origin'),
    ]).toEqual([400, 'BAD_USER_INPUT', null])
    expect((await get('&token=v1.e30.AAAA')).status).toBe(401)
    const missing = await host.call('/api/personalized/landing-pages/gibt-es-nicht')
    expect([missing.status, (await missing.json()).error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it('answers the same without the framework (lean route) as through Payload, and leaves signed-in callers to Payload', async () => {
    const lean = leanPersonalizedReads(payload)
    const visitor = randomUUID()
    const etag = (await get('')).headers.get('etag')!
    const cases: [string, Record<string, string>][] = [
      ['/api/personalized/blocks?channel=web&limit=2', { origin }],
      [`/api/personalized/blocks?channel=web&limit=2&visitor=${visitor}`, {}],
      ['/api/personalized/blocks?channel=web&limit=2', { 'if-none-match': etag }],
      ['/api/personalized/blocks?channel=web&visitor=not-a-uuid', { origin: 'https://evil.example' }],
      ['/api/personalized/blocks?channel=web&token=v1.e30.AAAA', {}],
      ['/api/personalized/landing-pages/gibt-es-nicht', { 'accept-language': 'en' }],
    ]
    const shown = async (response: null | Response) =>
      response && {
        body: await response.text(),
        headers: [...response.headers],
        status: response.status,
      }
    for (const [path, headers] of cases) {
      const init = { headers: { 'x-client-ip': '203.0.113.9', ...headers } }
      const direct = await shown(await lean(new Request(new URL(path, STOCK_HOST_URL), init)))
      expect(direct).toEqual(await shown(await host.call(path, init)))
    }
    // Not the lean route's: signed-in callers, other paths and methods, a malformed escape.
    for (const [path, init] of [
      ['/api/personalized/blocks?channel=web', { headers: { authorization: 'staff API-Key x' } }],
      ['/api/personalized/blocks?channel=web', { headers: { cookie: 'payload-token=x' } }],
      ['/api/content-blocks', {}],
      ['/api/personalized/landing-pages/%E0%A4%A', {}],
      ['/api/personalized/blocks?channel=web', { body: '{}', method: 'POST' }],
    ] as const)
      expect(await lean(new Request(new URL(path, STOCK_HOST_URL), init))).toBe(null)
  })
})

import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { personalizationOptions } from '../extensions'
import { personalization } from '../plugin'
import { trackingEventIds } from './endpoints'
import { withTracking } from './links'

describe('tracking event ids', () => {
  it('give the same link one id per minute and name the minute before, so "within a minute" is not cut at :00', () => {
    const at = Date.UTC(2026, 11, 6, 9, 0, 59, 900)
    const now = trackingEventIds('click', 's|m|b|u', at)
    const next = trackingEventIds('click', 's|m|b|u', at + 200)
    expect(trackingEventIds('click', 's|m|b|u', at - 30_000).current).toBe(now.current)
    expect(next.previous).toBe(now.current)
    expect(trackingEventIds('click', 's|m|b|OTHER', at).current).not.toBe(now.current)
    expect(trackingEventIds('open', 's|m|b|u', at).current).not.toBe(now.current)
  })
})

/**
 * The click redirect, the open pixel and the event intake as a stock Payload app with only the core
 * serves them: Payload endpoints under /api, through Payload's REST handler. Without the consent
 * plugin the host answers for tracking consent itself, so every event is stored.
 */
describe('tracking links and the event intake as Payload endpoints (stock host, SQLite)', () => {
  let host: StockPayload
  let payload: Payload
  let reader: { id: number | string; linkKey?: null | string }
  let apiKey: string

  beforeAll(async () => {
    host = await startStockPayload((slugs) => [personalization({ ...slugs, publicUrl: STOCK_HOST_URL })])
    payload = host.payload
    const { id } = await payload.create({ collection: 'subscribers', data: { email: 'leserin@example.com' } as never })
    reader = (await payload.findByID({ id, collection: 'subscribers', showHiddenFields: true })) as typeof reader
    apiKey = `key-${Date.now()}`
    await payload.create({
      collection: 'staff' as never,
      data: {
        apiKey,
        email: 'system@example.com',
        enableAPIKey: true,
        password: 'system-password-1',
        role: 'admin',
      } as never,
    })
  })
  afterAll(async () => {
    await host?.close()
  })

  /** The tracked link and pixel of a mail with one link, as a campaign sends it. */
  const trackedMail = () => {
    const html = withTracking(
      payload,
      '<div class="block block-7"><a href="https://shop.example/angebot?a=1&amp;b=2">Zum Angebot</a></div></body>',
      { baseUrl: personalizationOptions(payload).pagesUrl, message: `m-${Date.now()}`, subscriber: reader },
    )
    return { click: html.match(/href="([^"]+)"/)![1], open: html.match(/src="([^"]+)"/)![1] }
  }
  const eventsOf = async (type: string) =>
    (
      await payload.count({
        collection: 'events',
        where: { and: [{ subscriber: { equals: reader.id } }, { type: { equals: type } }] },
      })
    ).totalDocs
  const postEvents = (body: string, headers: Record<string, string> = {}) =>
    host.call('/api/events', { body, headers: { 'content-type': 'application/json', ...headers }, method: 'POST' })

  it('redirects a signed click to its URL at /api/t/c and records it behind the redirect', async () => {
    const { click } = trackedMail()
    expect(click).toMatch(/^http:\/\/shop\.example\/api\/t\/c\/v1\./)
    const response = await host.call(click)
    expect([response.status, response.headers.get('location'), response.headers.get('cache-control')]).toEqual([
      302,
      'https://shop.example/angebot?a=1&b=2',
      'no-store',
    ])
    await expect.poll(() => eventsOf('email_clicked')).toBe(1)
  })

  it('answers the pixel at /api/t/o/….gif with a GIF and counts the open once a minute', async () => {
    const { open } = trackedMail()
    expect(open).toMatch(/^http:\/\/shop\.example\/api\/t\/o\/v1\.[^"]+\.gif$/)
    for (let i = 0; i < 2; i++) {
      const response = await host.call(open)
      expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/gif'])
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 6)
          .toString(),
      ).toBe('GIF89a')
    }
    await expect.poll(() => eventsOf('email_opened')).toBe(1)
  })

  it('refuses a tampered link with 400 and records nothing', async () => {
    const { click } = trackedMail()
    const [version, body, mac] = click.split('/t/c/')[1].split('.')
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), u: 'https://evil.example/' }),
    ).toString('base64url')
    const response = await host.call(`/api/t/c/${version}.${forged}.${mac}`)
    expect([response.status, response.headers.get('location')]).toEqual([400, null])
    expect((await host.call('/api/t/o/v1.e30.AAAA.gif')).status).toBe(400)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await eventsOf('email_clicked')).toBe(1)
  })

  it('takes event batches at POST /api/events from an admin API key only, with coded errors that store nothing', async () => {
    const batch = JSON.stringify({
      events: [
        {
          id: `intake-${Date.now()}`,
          properties: { url: 'https://shop.example/preise' },
          subscriber: reader.id,
          type: 'page_viewed',
        },
      ],
    })
    const anonymous = await postEvents(batch)
    expect([anonymous.status, (await anonymous.json()).error.code]).toEqual([401, 'UNAUTHENTICATED'])
    const auth = { authorization: `staff API-Key ${apiKey}` }
    const accepted = await postEvents(batch, auth)
    expect([accepted.status, await accepted.json()]).toEqual([
      200,
      expect.objectContaining({ accepted: 1, rejected: 0 }),
    ])

    const malformed = await postEvents('{"events": [', auth)
    expect([malformed.status, (await malformed.json()).error.code]).toEqual([400, 'MALFORMED_JSON'])
    const oversized = await postEvents(JSON.stringify({ events: [], padding: 'x'.repeat(6 * 1024 * 1024) }), auth)
    expect([oversized.status, (await oversized.json()).error.code]).toEqual([413, 'BATCH_TOO_LARGE'])
    const notABatch = await postEvents('{"event": {}}', auth)
    expect([notABatch.status, (await notABatch.json()).error.code]).toEqual([400, 'BAD_USER_INPUT'])
    expect(await eventsOf('page_viewed')).toBe(1)
  })
})

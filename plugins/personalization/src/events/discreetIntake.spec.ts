import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createApiKey, restWithKey } from '../../../../tests/helpers/apiKeys'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { EVENTS } from '../collections/Events'

type Answer = { body: Record<string, unknown> & { results: Record<string, unknown>[] }; status: number }

/**
 * The review of 2026-12-06: an events-only key must not be able to tell a subscriber from a
 * stranger. Over REST with real API keys (Payload's own API-key strategy), on a real database.
 */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('event intake for integrations (%s)', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let shopKey: string
  let adminKey: string
  const known = `bekannt-${kind}@example.de`
  const stranger = `fremd-${kind}@example.de`

  const apiKey = (role: 'admin' | 'integration', scopes: string[]) => createApiKey(payload, role, scopes)
  const post = (key: string, events: Record<string, unknown>[]) =>
    restWithKey(payload, local.databaseUri, key, '/events', {
      body: JSON.stringify({ events }),
      method: 'POST',
    }) as Promise<Answer>
  /** The answer without the caller's own event ids: what it learns beyond what it sent. */
  const shape = ({ body, status }: Answer) => ({
    body: { ...body, results: body.results.map(({ id: _id, ...rest }) => rest) },
    status,
  })
  const stored = async (eventId: string) =>
    (await payload.count({ collection: EVENTS as never, where: { eventId: { equals: eventId } } })).totalDocs
  const pageView = (id: string, email: string) => ({ email, id, properties: { url: '/preise' }, type: 'page_viewed' })
  const form = (id: string, email: string) => ({ email, id, properties: { form: 'kontakt' }, type: 'form_submitted' })

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    // The very first account becomes an admin: the integration account comes after it.
    adminKey = await apiKey('admin', [])
    shopKey = await apiKey('integration', ['events'])
    // Known, but without tracking consent: behaviour is not stored for them.
    await payload.create({ collection: 'subscribers', data: { email: known } as never })
  })
  afterAll(() => local?.close())

  const accepted = { accepted: 1, duplicates: 0, rejected: 0, results: [{ index: 0, status: 'accepted' }], skipped: 0 }

  it('answers an events-only key the same for a stranger and for a subscriber without tracking consent', async () => {
    const forStranger = await post(shopKey, [pageView(`pv-fremd-${kind}`, stranger)])
    const forKnown = await post(shopKey, [pageView(`pv-bekannt-${kind}`, known)])
    expect(shape(forStranger)).toEqual({ body: accepted, status: 200 })
    expect(shape(forKnown)).toEqual(shape(forStranger))
    // Neither is stored: nobody has the address, and the other did not allow tracking.
    expect(await stored(`pv-fremd-${kind}`)).toBe(0)
    expect(await stored(`pv-bekannt-${kind}`)).toBe(0)
  })

  it('answers a repeated business event like a first one, and stores it once and only for a subscriber', async () => {
    const first = await post(shopKey, [form(`form-bekannt-${kind}`, known)])
    const again = await post(shopKey, [form(`form-bekannt-${kind}`, known)])
    const strangers = await post(shopKey, [form(`form-fremd-${kind}`, stranger)])
    const strangersAgain = await post(shopKey, [form(`form-fremd-${kind}`, stranger)])
    for (const answer of [first, again, strangers, strangersAgain])
      expect(shape(answer)).toEqual({ body: accepted, status: 200 })
    expect(await stored(`form-bekannt-${kind}`)).toBe(1)
    expect(await stored(`form-fremd-${kind}`)).toBe(0)
    // Invalid input is still answered as such: that depends on the request alone.
    const invalid = await post(shopKey, [{ email: stranger, id: `telepathie-${kind}`, type: 'telepathy' }])
    expect(invalid.status).toBe(422)
    expect(invalid.body.results).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'unknown_type' }) }),
    ])
  })

  it('keeps telling an admin key exactly what happened', async () => {
    const unknown = await post(adminKey, [pageView(`pv-admin-fremd-${kind}`, stranger)])
    expect(unknown.status).toBe(422)
    expect(unknown.body.results).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'unknown_subscriber' }), status: 'rejected' }),
    ])
    const untracked = await post(adminKey, [pageView(`pv-admin-bekannt-${kind}`, known)])
    expect(untracked.body.results).toEqual([
      expect.objectContaining({ reason: 'no_tracking_consent', status: 'skipped' }),
    ])
    const repeated = await post(adminKey, [form(`form-bekannt-${kind}`, known)])
    expect(repeated.body.results).toEqual([expect.objectContaining({ status: 'duplicate' })])
  })

  it('refuses the mail tracking’s own events from an integration key, so it cannot forge a click or its revenue', async () => {
    const subscriber = await payload.create({
      collection: 'subscribers',
      data: { email: `klick-${kind}@example.de` } as never,
    })
    const forged = (type: string, id: string) => ({
      id,
      properties: { message: 'campaign:1:A', url: 'https://shop.example/' },
      subscriber: String(subscriber.id),
      type,
    })
    for (const type of ['email_clicked', 'email_opened', 'email_sent']) {
      const answer = await post(shopKey, [forged(type, `gefaelscht-${type}-${kind}`)])
      expect(answer.status).toBe(422)
      expect(answer.body.results).toEqual([
        expect.objectContaining({
          error: expect.objectContaining({ code: 'reserved_type', field: 'type' }),
          status: 'rejected',
        }),
      ])
      expect(await stored(`gefaelscht-${type}-${kind}`)).toBe(0)
    }
    // An admin key still may (imports of a mail history); it is stored unless tracking consent is missing.
    const byAdmin = await post(adminKey, [forged('email_sent', `admin-gesendet-${kind}`)])
    expect(byAdmin.status).toBe(200)
    expect(await stored(`admin-gesendet-${kind}`)).toBe(1)
  })
})

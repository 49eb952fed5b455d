import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { personalization } from '@kontorwerk/personalization'

import { type SmtpSink, startSmtpSink } from '../../../../tests/helpers/smtp'
import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { consent } from '../index'
import { subscribe } from './flows'

/**
 * Security review (F1, F2) over REST: a shop's `subscribers` key writes subscribers, but must never
 * get at a person's data — neither by re-pointing their address and signing up with it (double
 * opt-in, preference center, export), nor through the answers to its own writes. Stock host with
 * the core and consent, SQLite, real SMTP for the double-opt-in mail.
 */
describe('a subscribers-scope API key cannot take over or read a subscriber (stock host, SQLite, real SMTP)', () => {
  let host: StockPayload
  let payload: Payload
  let smtp: SmtpSink
  let syncKey: string

  beforeAll(async () => {
    smtp = await startSmtpSink()
    host = await startStockPayload((slugs) => [personalization({ ...slugs, publicUrl: STOCK_HOST_URL }), consent()], {
      smtpPort: smtp.port,
    })
    payload = host.payload
    await payload.create({ collection: 'topics', data: { name: 'Update', slug: 'wochen-update' } as never })
    syncKey = `sync-${randomUUID()}`
    await payload.create({
      collection: 'staff' as 'users',
      data: {
        apiKey: syncKey,
        apiScopes: ['subscribers'],
        email: 'shop@example.com',
        enableAPIKey: true,
        password: 'integration-2026!',
        role: 'integration',
      } as never,
    })
  }, 120_000)
  afterAll(async () => {
    await host?.close()
    await smtp?.close()
  })

  const asShop = (url: string, method: string, body?: unknown) =>
    host.call(url, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { authorization: `staff API-Key ${syncKey}`, 'content-type': 'application/json' },
      method,
    })

  /** Signs up, confirms through the mailed link, and returns the mail and the preference-center token shown after confirming. */
  const signUpAndConfirm = async (email: string) => {
    await subscribe(payload, { email, topics: ['wochen-update'] }, { ip: '198.51.100.9', source: 'api' })
    const mail = await smtp.waitFor((message) => JSON.stringify(message.to).includes(email))
    const token = new URL(/https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(mail.text ?? '')![0]).searchParams.get(
      'token',
    )!
    const confirmed = await host.call('/api/subscribe/confirm', {
      body: new URLSearchParams({ token }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    const preferences = /preferences\?token=([^&"]+)/.exec(await confirmed.text())?.[1]
    return { mail, preferences: preferences ? decodeURIComponent(preferences) : null }
  }

  it('refuses re-pointing a subscriber’s email, so signing up with the new address gets the key holder none of their data', async () => {
    const victim = await payload.create({
      collection: 'subscribers',
      data: {
        attributes: { iban: 'DE89370400440532013000' },
        email: 'opfer@example.com',
        firstName: 'Vera',
        lastName: 'Vertraulich',
      } as never,
    })
    expect((await asShop(`/api/subscribers/${victim.id}`, 'GET')).status).toBe(403)
    const patched = await asShop(`/api/subscribers/${victim.id}`, 'PATCH', { email: 'attacker@evil.example' })
    expect(patched.status).toBe(403)
    expect((await payload.findByID({ collection: 'subscribers', id: victim.id })).email).toBe('opfer@example.com')

    const { mail, preferences } = await signUpAndConfirm('attacker@evil.example')
    const exported = preferences
      ? await (await host.call(`/api/preferences/export?token=${encodeURIComponent(preferences)}`)).text()
      : ''
    const seen = `${mail.text ?? ''}\n${exported}`
    expect(exported).toContain('attacker@evil.example')
    expect(seen).not.toContain('DE89370400440532013000')
    expect(seen).not.toContain('Vertraulich')
  })

  it('refuses the key’s writes by id and by where and its one-document create, so no profile is read back and no address probed; the bulk upsert is its way', async () => {
    const other = await payload.create({
      collection: 'subscribers',
      data: { email: 'andere@example.com', region: 'DE-BY', timeZone: 'Europe/Berlin' } as never,
    })
    expect((await asShop('/api/subscribers', 'GET')).status).toBe(403)
    const bulk = await asShop('/api/subscribers?where[id][exists]=true', 'PATCH', {})
    expect(bulk.status).toBe(403)
    expect(JSON.stringify(await bulk.json())).not.toContain('DE-BY')

    // 200 for the stored address against 403 for another would confirm who has this id.
    for (const email of [undefined, 'andere@example.com', 'jemand@example.com'])
      expect((await asShop(`/api/subscribers/${other.id}`, 'PATCH', { email, firstName: 'Anna' })).status).toBe(403)
    expect((await payload.findByID({ collection: 'subscribers', id: other.id })).firstName ?? null).toBeNull()
    // A create's refusal of a taken address would tell the key who subscribes: keys use the bulk upsert.
    expect((await asShop('/api/subscribers', 'POST', { email: 'andere@example.com' })).status).toBe(403)
    expect((await asShop('/api/subscribers', 'POST', { email: 'neu@example.com', region: 'DE-HH' })).status).toBe(403)
    const upserted = await asShop('/api/subscribers/bulk-upsert', 'POST', {
      subscribers: [{ email: 'neu@example.com' }],
    })
    expect([upserted.status, ((await upserted.json()) as { results: unknown }).results]).toEqual([
      200,
      [{ index: 0, status: 'accepted' }],
    ])
    expect(
      (await payload.find({ collection: 'subscribers', where: { email: { equals: 'neu@example.com' } } })).totalDocs,
    ).toBe(1)
  })
})

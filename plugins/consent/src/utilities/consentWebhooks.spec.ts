import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { createHmac } from 'node:crypto'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { personalizationOptions, recordEvents, WEBHOOK_DELIVERY_TASK } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { type ReceivedWebhook, webhookReceiver } from '../../../../tests/helpers/webhookReceiver'
import { withdrawAll } from './flows'
import { consentOptions } from './options'
import { recordConsent } from './recordConsent'

type Delivery = {
  attempts: number
  body: { data: Record<string, unknown>; id: string; type: string }
  eventType: string
  id: number | string
  lastResponseCode: null | number
  replays: number
  status: string
}

/** The receiver's check, as docs/api.md#webhook-signatures describes it: HMAC-SHA256 of "<timestamp>.<raw body>". */
function signatureValid(secret: string, { body, headers }: ReceivedWebhook) {
  const expected = createHmac('sha256', secret)
    .update(`${String(headers['x-kontorwerk-timestamp'])}.${body}`)
    .digest('hex')
  return headers['x-kontorwerk-signature'] === `sha256=${expected}`
}

/**
 * Outgoing webhooks end to end: a consent withdrawal and a bounce queue one delivery each, the job
 * queue retries a failing receiver with backoff until it accepts, every request is signed, and an
 * admin's replay sends the same event again.
 */
describe.each(testedDatabases())('outgoing webhooks on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let crm: Awaited<ReturnType<typeof webhookReceiver>>
  let secret: string
  let subscriber: number | string

  const deliveries = async (eventType: string) =>
    (
      (await payload.find({
        collection: 'webhook-deliveries' as never,
        depth: 0,
        pagination: false,
        where: { eventType: { equals: eventType } },
      })) as unknown as { docs: Delivery[] }
    ).docs
  /** Runs the job queue as the worker does until no delivery job is left (retries wait their backoff). */
  async function runDeliveries() {
    const deadline = Date.now() + 20_000
    for (;;) {
      await payload.jobs.run({ limit: 10 })
      const { totalDocs } = await payload.count({
        collection: 'payload-jobs',
        where: {
          and: [
            { taskSlug: { equals: WEBHOOK_DELIVERY_TASK } },
            { completedAt: { exists: false } },
            { hasError: { not_equals: true } },
          ],
        },
      })
      if (totalDocs === 0) return
      if (Date.now() > deadline) throw new Error('webhook jobs still open after 20 s')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    // The receiver listens on loopback: allowed by the host option, as in a deployment whose CRM sits beside it.
    personalizationOptions(payload).allowPrivateWebhooks = true
    // Backoff of 50 ms (then 100, 200 …) instead of 30 s, so the retries happen within the test.
    const task = payload.config.jobs.tasks!.find((candidate) => candidate.slug === WEBHOOK_DELIVERY_TASK)!
    task.retries = { attempts: 5, backoff: { delay: 50, type: 'exponential' } }
    crm = await webhookReceiver()
    const webhook = (await payload.create({
      collection: 'webhooks' as never,
      data: { events: ['unsubscribed', 'bounced'], name: 'CRM', url: crm.url } as never,
    })) as unknown as { secret: string }
    secret = webhook.secret
    const created = await payload.create({ collection: 'subscribers', data: { email: 'lena@kunde.example' } as never })
    subscriber = created.id
    await recordConsent(
      payload,
      { action: 'confirmed', channel: 'email', purpose: 'marketing', source: 'form', subscriber },
      consentOptions(payload),
    )
  })
  afterAll(async () => {
    crm?.close()
    await local?.close()
  })

  it('generates a secret for a webhook saved without one', () => {
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/)
  })

  it('delivers an unsubscribe once, after a receiver failed twice, signed as documented', async () => {
    crm.failNext(2)
    await withdrawAll(payload, subscriber, { source: 'one_click' })
    await runDeliveries()

    expect(crm.received).toHaveLength(3)
    const [delivery, ...others] = await deliveries('unsubscribed')
    expect(others).toEqual([])
    expect(delivery).toMatchObject({ attempts: 3, lastResponseCode: 204, status: 'delivered' })
    // Every attempt carries the same event, each freshly signed.
    expect(new Set(crm.received.map((request) => JSON.parse(request.body).id)).size).toBe(1)
    for (const request of crm.received) expect(signatureValid(secret, request)).toBe(true)
    expect(signatureValid('another secret', crm.received[2]!)).toBe(false)
    const body = JSON.parse(crm.received[2]!.body)
    expect(body).toMatchObject({
      data: { channel: 'email', email: 'lena@kunde.example', purpose: 'marketing', subscriber: String(subscriber) },
      type: 'unsubscribed',
    })
    expect(new Date(body.occurredAt).getTime()).not.toBeNaN()
    // The confirmation before was a consent change, to which this webhook did not subscribe.
    expect(await deliveries('consent_changed')).toEqual([])
  })

  it('delivers a bounce once, also when the bounce is reported again', async () => {
    crm.received.length = 0
    const bounce = {
      id: 'bounce-lena-1',
      properties: { kind: 'hard', reason: '550 5.1.1 user unknown' },
      subscriber: String(subscriber),
      type: 'bounce' as const,
    }
    await recordEvents(payload, [bounce], { source: 'api' })
    await recordEvents(payload, [bounce], { source: 'api' })
    await runDeliveries()

    const bounced = await deliveries('bounced')
    expect(bounced).toHaveLength(1)
    expect(bounced[0]).toMatchObject({ attempts: 1, status: 'delivered' })
    expect(crm.received).toHaveLength(1)
    expect(JSON.parse(crm.received[0]!.body)).toMatchObject({
      data: { email: 'lena@kunde.example', kind: 'hard', subscriber: String(subscriber) },
      type: 'bounced',
    })
    expect(signatureValid(secret, crm.received[0]!)).toBe(true)
  })

  it('replays a delivery for an admin through the REST endpoint, and refuses an editor', async () => {
    const [delivery] = await deliveries('bounced')
    const endpoint = (payload.collections['webhook-deliveries' as 'subscribers'].config.endpoints as Endpoint[]).find(
      (candidate) => candidate.path === '/:id/replay',
    )!
    // The admin first: the first account of a fresh installation becomes an admin whatever its role.
    const staff = { admin: await createStaff(payload, 'admin'), editor: await createStaff(payload, 'editor') }
    const call = async (role: 'admin' | 'editor') => {
      const user = staff[role]
      const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
      return endpoint.handler({ ...req, routeParams: { id: String(delivery!.id) } } as PayloadRequest)
    }

    const refused = await call('editor')
    expect(refused.status).toBe(403)
    expect((await refused.json()).error.code).toBe('FORBIDDEN')

    crm.received.length = 0
    const answer = await call('admin')
    expect(answer.status).toBe(200)
    await runDeliveries()
    expect(crm.received).toHaveLength(1)
    expect(JSON.parse(crm.received[0]!.body).id).toBe(delivery!.body.id)
    expect(signatureValid(secret, crm.received[0]!)).toBe(true)
    const [replayed] = await deliveries('bounced')
    expect(replayed).toMatchObject({ attempts: 1, replays: 1, status: 'delivered' })
  })
})

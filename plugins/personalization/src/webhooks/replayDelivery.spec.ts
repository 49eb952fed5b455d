import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { webhookReceiver } from '../../../../tests/helpers/webhookReceiver'
import { personalizationOptions } from '../extensions'
import { emitWebhookEvent } from './emitWebhookEvent'
import { WEBHOOK_DELIVERIES, WEBHOOK_DELIVERY_TASK } from './webhookEvents'

/** A replay while the delivery's job is still open would queue a second job: the event would arrive twice. */
describe.each(testedDatabases())('replaying a webhook delivery on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let crm: Awaited<ReturnType<typeof webhookReceiver>>
  let admin: Record<string, unknown>
  let delivery: number | string

  const status = async () =>
    (
      (await payload.findByID({ collection: WEBHOOK_DELIVERIES as never, depth: 0, id: delivery })) as {
        status: string
      }
    ).status
  async function replay() {
    const endpoint = (payload.collections[WEBHOOK_DELIVERIES as 'subscribers'].config.endpoints as Endpoint[]).find(
      (candidate) => candidate.path === '/:id/replay',
    )!
    const req = await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
    const response = await endpoint.handler({ ...req, routeParams: { id: String(delivery) } } as PayloadRequest)
    return { body: (await response.json()) as { error?: { code: string } }, status: response.status }
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    admin = (await createStaff(payload, 'admin')) as never
    personalizationOptions(payload).allowPrivateWebhooks = true
    // A retry after 50 ms instead of 30 s, so it happens within the test.
    const task = payload.config.jobs.tasks!.find((candidate) => candidate.slug === WEBHOOK_DELIVERY_TASK)!
    task.retries = { attempts: 5, backoff: { delay: 50, type: 'exponential' } }
    crm = await webhookReceiver()
    await payload.create({
      collection: 'webhooks' as never,
      data: { events: ['bounced'], name: 'CRM', url: crm.url } as never,
    })
    const event = { data: { subscriber: '1' }, id: 'bounce:replay-1', occurredAt: new Date().toISOString() }
    await emitWebhookEvent(payload, { ...event, type: 'bounced' })
    const { docs } = (await payload.find({ collection: WEBHOOK_DELIVERIES as never, depth: 0 })) as unknown as {
      docs: { id: number | string }[]
    }
    delivery = docs[0]!.id
  })
  afterAll(async () => {
    crm?.close()
    await local?.close()
  })

  it('is refused with 409 while the delivery is queued, and the event arrives once', async () => {
    expect(await status()).toBe('queued')
    const refused = await replay()
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'FAILED_PRECONDITION'])
    await payload.jobs.run({ limit: 10 })
    await payload.jobs.run({ limit: 10 })
    expect(crm.received).toHaveLength(1)
    expect(await status()).toBe('delivered')
  })

  it('is refused while a failed attempt waits for its retry, and works again once delivered', async () => {
    crm.failNext(1)
    expect((await replay()).status).toBe(200)
    await payload.jobs.run({ limit: 10 })
    expect(await status()).toBe('retrying')
    const refused = await replay()
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'FAILED_PRECONDITION'])

    await new Promise((resolve) => setTimeout(resolve, 200))
    await payload.jobs.run({ limit: 10 })
    await payload.jobs.run({ limit: 10 })
    // The first delivery, the failed attempt of the replay and its retry: nothing twice.
    expect(crm.received).toHaveLength(3)
    expect(await status()).toBe('delivered')
    expect((await replay()).status).toBe(200)
  })
})

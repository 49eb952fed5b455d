import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { webhookReceiver } from '../../../../tests/helpers/webhookReceiver'
import { recordEvents } from '../events/intake'
import { personalizationOptions } from '../extensions'
import { exportPersonalData } from '../personalData/export'

/**
 * Erasure (Art. 17) covers the webhook delivery log: a bounce is reported with the address; after
 * the person is erased no delivery names the address, and a delivery still queued is never sent.
 */
describe.each(testedDatabases())('erasure and the webhook delivery log on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let admin: Record<string, unknown>
  let crm: Awaited<ReturnType<typeof webhookReceiver>>

  const log = async () =>
    JSON.stringify((await payload.find({ collection: 'webhook-deliveries' as never, pagination: false })).docs)
  const bounce = async (email: string) => {
    const person = await payload.create({ collection: 'subscribers', data: { email } as never })
    const event = { id: `bounce-${person.id}`, properties: { kind: 'hard' }, subscriber: String(person.id) }
    await recordEvents(payload, [{ ...event, type: 'bounce' }], { source: 'api' })
    return person
  }
  const erase = (id: number | string) =>
    payload.delete({ collection: 'subscribers', id, overrideAccess: false, user: admin as never })

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    admin = (await createStaff(payload, 'admin')) as never
    personalizationOptions(payload).allowPrivateWebhooks = true
    crm = await webhookReceiver()
    const data = { events: ['bounced'], name: 'CRM', url: crm.url }
    await payload.create({ collection: 'webhooks' as never, data: data as never })
  })
  afterAll(async () => {
    crm?.close()
    await local?.close()
  })

  it('deletes a queued delivery naming the person, so nothing reaches the receiver after the erasure', async () => {
    const person = await bounce('queued-loeschen@example.de')
    expect(await log()).toContain('queued-loeschen@example.de')
    // The person's export (Art. 15) lists the report.
    const exported = await exportPersonalData(payload, person as never)
    expect(JSON.stringify(exported)).toContain('"event":"bounced"')

    await erase(person.id)
    await payload.jobs.run({ limit: 10 })

    expect(await log()).not.toContain('queued-loeschen@example.de')
    expect(await payload.count({ collection: 'webhook-deliveries' as never })).toMatchObject({ totalDocs: 0 })
    expect(crm.received).toEqual([])
  })

  it('keeps a delivered report by id only, without the address', async () => {
    const person = await bounce('delivered-loeschen@example.de')
    await payload.jobs.run({ limit: 10 })
    expect(crm.received).toHaveLength(1)
    expect(crm.received[0]!.body).toContain('delivered-loeschen@example.de')

    await erase(person.id)

    const [delivery, ...others] = (await payload.find({ collection: 'webhook-deliveries' as never, depth: 0 }))
      .docs as unknown as { body: { data: Record<string, unknown> }; status: string }[]
    expect(others).toEqual([])
    expect(delivery).toMatchObject({ body: { data: { subscriber: String(person.id) } }, status: 'delivered' })
    expect(await log()).not.toContain('delivered-loeschen@example.de')
  })
})

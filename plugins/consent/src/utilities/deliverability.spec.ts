import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordEvents } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { canContactSubscriber } from './contactProfile'
import { consentOptions } from './options'
import { recordConsent } from './recordConsent'

/** Bounces arrive as events; a hard one closes the contact gate for email, in the same transaction. */
describe.each(testedDatabases())('hard bounces on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let anna: number | string
  let ben: number | string
  const ask = (subscriber: number | string, at = new Date('2026-06-20T12:00:00Z')) =>
    canContactSubscriber(payload, subscriber, { at, channel: 'email', topic: null })

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    for (const email of ['anna@kunde.example', 'ben@kunde.example']) {
      const { id } = await payload.create({ collection: 'subscribers', data: { email } as never })
      await recordConsent(
        payload,
        {
          action: 'confirmed',
          channel: 'email',
          occurredAt: new Date('2026-06-01T00:00:00Z'),
          purpose: 'marketing',
          source: 'form',
          subscriber: id,
        },
        consentOptions(payload),
      )
      if (email.startsWith('anna')) anna = id
      else ben = id
    }
  })
  afterAll(() => local?.close())

  it('marks the address undeliverable on a hard bounce, not on a soft one', async () => {
    const now = new Date('2026-06-20T12:00:00Z')
    const result = await recordEvents(
      payload,
      [
        {
          id: 'b-1',
          occurredAt: '2026-06-10T08:00:00Z',
          properties: { kind: 'hard', reason: '550 5.1.1 user unknown' },
          subscriber: anna,
          type: 'bounce',
        },
        {
          id: 'b-2',
          occurredAt: '2026-06-10T08:00:00Z',
          properties: { kind: 'soft', reason: '452 mailbox full' },
          subscriber: ben,
          type: 'bounce',
        },
      ],
      { now, source: 'api' },
    )
    expect(result.accepted).toBe(2)
    const stored = await payload.findByID({ collection: 'subscribers', id: anna })
    expect(stored.deliverability).toMatchObject({
      reason: 'hard bounce: 550 5.1.1 user unknown',
      undeliverableSince: '2026-06-10T08:00:00.000Z',
    })
    expect(await ask(anna)).toEqual({ allowed: false, reason: 'undeliverable' })
    expect(await ask(ben)).toEqual({ allowed: true, reason: 'ok' })
  })

  it('cannot be cleared through the API, only by a new confirmed opt-in', async () => {
    await payload.update({
      collection: 'subscribers',
      data: { deliverability: { undeliverableSince: null } } as never,
      id: anna,
      overrideAccess: false,
      user: (await payload.create({
        collection: 'users',
        data: { email: `admin-${kind}@x.example`, password: 'test-password-123', role: 'admin' },
      })) as never,
    })
    expect(await ask(anna)).toEqual({ allowed: false, reason: 'undeliverable' })
    await recordConsent(
      payload,
      {
        action: 'confirmed',
        channel: 'email',
        occurredAt: new Date('2026-06-15T00:00:00Z'),
        purpose: 'marketing',
        source: 'preference_center',
        subscriber: anna,
      },
      consentOptions(payload),
    )
    expect(await ask(anna)).toEqual({ allowed: true, reason: 'ok' })
  })
})

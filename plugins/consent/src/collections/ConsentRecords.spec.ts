import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { canContactSubscriber, recordConsent } from '../index'
import { consentOptions } from '../utilities/options'

describe.each(testedDatabases())('the consent ledger on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let admin: Awaited<ReturnType<typeof createStaff>>
  let editor: Awaited<ReturnType<typeof createStaff>>
  let subscriber: number | string
  let topic: number | string

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    admin = await createStaff(payload, 'admin')
    editor = await createStaff(payload, 'editor')
    subscriber = (await payload.create({ collection: 'subscribers', data: { email: 'ledger@example.com' } as never }))
      .id
    topic = (await payload.create({ collection: 'topics', data: { name: 'Update', slug: 'update' } as never })).id
  })
  afterAll(() => local?.close())

  const entry = {
    channel: 'email',
    ip: '198.51.100.7',
    purpose: 'marketing' as const,
    source: 'form' as const,
    textVersion: 'v1',
    userAgent: 'Test/1.0',
  }

  it('proves a double opt-in step by step, with the address hashed by default', async () => {
    const options = consentOptions(payload)
    const requested = await recordConsent(payload, { ...entry, action: 'requested', subscriber, topic }, options)
    expect(requested.ipAddress).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(requested.ipAddress).not.toContain('198.51.100.7')
    expect(requested.userAgent).toBe('Test/1.0')
    expect(
      (await canContactSubscriber(payload, subscriber, { at: new Date(), channel: 'email', topic: String(topic) }))
        .reason,
    ).toBe('pending_confirmation')

    await recordConsent(payload, { ...entry, action: 'confirmed', subscriber, topic }, options)
    expect(
      await canContactSubscriber(payload, subscriber, { at: new Date(), channel: 'email', topic: String(topic) }),
    ).toEqual({ allowed: true, reason: 'ok' })

    await recordConsent(
      payload,
      { ...entry, action: 'withdrawn', source: 'one_click', subscriber, topic: null },
      options,
    )
    expect(
      (await canContactSubscriber(payload, subscriber, { at: new Date(), channel: 'email', topic: String(topic) }))
        .reason,
    ).toBe('withdrawn')
  })

  it('cannot be written, changed or deleted through the API, not even by an admin', async () => {
    const [record] = (await payload.find({ collection: 'consent-records', limit: 1 })).docs
    const asAdmin = { overrideAccess: false, user: admin }
    await expect(
      payload.create({ collection: 'consent-records', data: { ...record, id: undefined } as never, ...asAdmin }),
    ).rejects.toThrow()
    await expect(
      payload.update({ id: record.id, collection: 'consent-records', data: { action: 'confirmed' }, ...asAdmin }),
    ).rejects.toThrow()
    await expect(payload.delete({ id: record.id, collection: 'consent-records', ...asAdmin })).rejects.toThrow()
    expect((await payload.findByID({ id: record.id, collection: 'consent-records' })).action).toBe(record.action)
  })

  it('cannot be changed or deleted by server code either, unless a subscriber is erased', async () => {
    const [record] = (await payload.find({ collection: 'consent-records', limit: 1 })).docs
    await expect(
      payload.update({ id: record.id, collection: 'consent-records', data: { action: 'confirmed' } }),
    ).rejects.toThrow('Consent records cannot be changed')
    await expect(payload.delete({ id: record.id, collection: 'consent-records' })).rejects.toThrow(
      'Consent records cannot be deleted',
    )
    expect((await payload.count({ collection: 'consent-records' })).totalDocs).toBe(3)
  })

  it('go with an erased subscriber, leaving only an anonymised note of the erasure', async () => {
    const before = (await payload.count({ collection: 'consent-records' })).totalDocs
    await payload.delete({ id: subscriber, collection: 'subscribers' })
    const remaining = (await payload.find({ collection: 'consent-records', limit: 0, pagination: false })).docs
    expect(remaining).toHaveLength(1)
    expect(remaining[0]).toMatchObject({ action: 'erased', proof: { recordsRemoved: before }, subscriber: null })
    expect(JSON.stringify(remaining[0])).not.toMatch(/ledger@example|sha256:/)
  })

  it('is readable by admins only', async () => {
    expect((await payload.find({ collection: 'consent-records', overrideAccess: false, user: admin })).totalDocs).toBe(
      1,
    )
    await expect(payload.find({ collection: 'consent-records', overrideAccess: false, user: editor })).rejects.toThrow()
  })
})

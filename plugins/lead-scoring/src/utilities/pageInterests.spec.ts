import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { consentOptions, recordConsent } from '@kontorwerk/consent'
import { recordEvents } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'

/** Issue 22: a subscriber's page views feed their interests by the editors' URL→interest rules, not only views that name a block. */
describe.each(testedDatabases())('implicit interests from page URLs on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
  }, 120_000)
  afterAll(() => local?.close())

  it('adds the click weight to the interests whose page URLs match a viewed page, and nothing for other pages', async () => {
    const gobd = await payload.create({
      collection: 'interests',
      data: { label: 'GoBD', pageUrls: ['/ratgeber/gobd'], slug: 'gobd' } as never,
    })
    const reader = await payload.create({ collection: 'subscribers', data: { email: 'leser@kunde.example' } as never })
    await recordConsent(
      payload,
      { action: 'confirmed', channel: 'email', purpose: 'tracking', source: 'form', subscriber: reader.id },
      consentOptions(payload),
    )
    const at = new Date().toISOString()
    await recordEvents(payload, [
      {
        id: 'p1',
        occurredAt: at,
        properties: { url: 'https://www.example.com/ratgeber/gobd/fristen' },
        subscriber: reader.id,
        type: 'page_viewed',
      },
      {
        id: 'p2',
        occurredAt: at,
        properties: { url: 'https://www.example.com/preise' },
        subscriber: reader.id,
        type: 'page_viewed',
      },
    ])
    await payload.jobs.run({ queue: 'default' })
    const doc = await payload.findByID({ collection: 'subscribers', depth: 0, id: reader.id })
    expect((doc.interests ?? []).map((entry) => [String(entry.interest), entry.source, entry.weight])).toEqual([
      [String(gobd.id), 'implicit', 0.25],
    ])
  })
})

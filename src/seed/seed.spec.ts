import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ERASURE_SUPPRESSIONS } from '@kontorwerk/consent'
import { CHANNELS } from '@kontorwerk/personalization'
import { segmentCount } from '@kontorwerk/segments'

import { testedDatabases } from '../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../tests/helpers/localPayload'
import { seedDemoData, seedIfEmpty } from './index'

describe.each(testedDatabases())('demo data on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    expect(await seedIfEmpty(payload)).toBe(true)
  })
  afterAll(() => local?.close())

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (
          [
            'personas',
            'interests',
            'lifecycle-stages',
            'content-blocks',
            'media',
            'newsletters',
            'landing-pages',
            'subscribers',
            'users',
          ] as const
        ).map(async (collection) => [collection, (await payload.count({ collection })).totalDocs]),
      ),
    )

  it('has segments that each select some demo subscribers but not all of them', async () => {
    const { docs } = await payload.find({ collection: 'segments', depth: 0, limit: 0, sort: 'name' })
    expect(docs.map((doc) => doc.name)).toEqual([
      'Geschäftsführung (Fit ab 60 %)',
      'Heiße Leads',
      'Interesse E-Rechnung',
      'Kontaktsperre',
      'Newsletter-Zielgruppe',
    ])
    for (const segment of docs) {
      const count = await segmentCount(payload, segment.id)
      expect(count, segment.name).toBeGreaterThan(0)
      expect(count, segment.name).toBeLessThan(200)
    }
  })

  it('is a realistic German demo of the promised size', async () => {
    const seeded = await counts()
    expect(seeded).toMatchObject({
      'landing-pages': 7,
      'lifecycle-stages': 8,
      interests: 16,
      media: 4,
      newsletters: 1,
      personas: 3,
      subscribers: 200,
      users: 2,
    })
    expect(seeded['content-blocks']).toBeGreaterThanOrEqual(40)

    const interests = await payload.find({ collection: 'interests', depth: 0, limit: 0 })
    expect(interests.docs.filter((interest) => interest.parent == null)).toHaveLength(4)

    const subscribers = (await payload.find({ collection: 'subscribers', depth: 0, limit: 0 })).docs
    expect(subscribers.some((s) => !s.firstName && !s.lastName)).toBe(true) // salutation fallback material
    expect(subscribers.some((s) => s.academicTitle === 'Dr.')).toBe(true)
    expect(new Set(subscribers.map((s) => s.gender))).toEqual(new Set(['female', 'male', 'diverse', 'unspecified']))
    expect(new Set(subscribers.map((s) => s.addressForm))).toEqual(new Set(['formal', 'informal']))
    expect(new Set(subscribers.map((s) => s.locale))).toEqual(new Set(['de', 'en']))
    expect(new Set(subscribers.map((s) => s.stage)).size).toBe(8)
    expect(subscribers.every((s) => (s.stageHistory ?? []).length === 1)).toBe(true)

    // Customers' purchases are purchase events (the subscriber shows them read-only), each with a price.
    const purchases = (
      await payload.find({ collection: 'events', depth: 0, limit: 0, where: { type: { equals: 'purchase' } } })
    ).docs
    expect(purchases.length).toBeGreaterThan(20)
    for (const { properties } of purchases)
      expect(properties).toMatchObject({ amount: expect.any(Number), currency: 'EUR', product: expect.any(String) })
  })

  it('has a published German fallback block for every channel and an English one for email', async () => {
    const fallbacks = (
      await payload.find({
        collection: 'content-blocks',
        limit: 0,
        where: { _status: { equals: 'published' }, isFallback: { equals: true } },
      })
    ).docs
    for (const channel of CHANNELS) {
      expect(
        fallbacks.some((block) => block.locale === 'de' && block.channels.includes(channel)),
        channel,
      ).toBe(true)
    }
    expect(fallbacks.some((block) => block.locale === 'en' && block.channels.includes('email'))).toBe(true)
  })

  it('adds nothing when run again, and is skipped once the database has users', async () => {
    const before = await counts()
    await seedDemoData(payload)
    expect(await counts()).toEqual(before)
    expect(await seedIfEmpty(payload)).toBe(false)
  })

  it('completes an interrupted run', async () => {
    const victim = (await payload.find({ collection: 'subscribers', limit: 1, sort: 'email' })).docs[0]
    // As if the run stopped before this subscriber. A delete is an erasure (DSGVO Art. 17) that also puts the
    // address on the suppression list, which the seed would rightly respect: an interrupted run left no entry.
    await payload.delete({ id: victim.id, collection: 'subscribers' })
    await payload.delete({
      collection: ERASURE_SUPPRESSIONS as never,
      overrideAccess: true,
      where: { id: { exists: true } },
    })
    await seedDemoData(payload)
    expect(
      (await payload.find({ collection: 'subscribers', where: { email: { equals: victim.email } } })).totalDocs,
    ).toBe(1)
    expect((await counts()).subscribers).toBe(200)
  })

  it('lets the demo accounts log in', async () => {
    const login = await payload.login({
      collection: 'users',
      data: { email: 'editor@example.com', password: 'editor-demo-2026' },
    })
    expect(login.user?.role).toBe('editor')
  })
})

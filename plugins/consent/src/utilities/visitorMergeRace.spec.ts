import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'
import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  exportPersonalData,
  mergeVisitor,
  personalizationOptions,
  VISITOR_EVENTS,
  VISITOR_MERGES,
} from '@kontorwerk/personalization'

import { beaconInit, BROWSER_EVENTS_PATH, pageView } from '../../../../tests/helpers/browserBeacon'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { consentOptions } from './options'
import { recordConsent } from './recordConsent'

/**
 * Two tabs of one browser confirming sign-ups and merging the same visitor at the
 * same moment: the history moves once, the interests are combined once, one merge is recorded.
 */
describe.each(testedDatabases())('merging one visitor twice at the same moment on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let subscriber: number | string

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    await payload.create({
      collection: 'interests',
      data: { label: 'GoBD', pageUrls: ['/ratgeber/gobd'], slug: 'gobd' } as never,
    })
    subscriber = (
      await payload.create({ collection: 'subscribers', data: { email: 'zwei-tabs@example.com' } as never })
    ).id
    await recordConsent(
      payload,
      { action: 'confirmed', channel: 'email', purpose: 'tracking', source: 'admin', subscriber, topic: null },
      consentOptions(payload),
    )
  }, 120_000)
  afterAll(() => local?.close())

  it('moves the events once, records one merge and gives the interest its weight once', async () => {
    const visitor = randomUUID()
    const origin = new URL(personalizationOptions(payload).publicUrl).origin
    const events = [1, 2, 3].map((n) => pageView(`v${n}`, `https://www.example.com/ratgeber/gobd/artikel-${n}`))
    const stored = await handleEndpoints({
      config: payload.config,
      payloadInstanceCacheKey: local.databaseUri,
      request: new Request(new URL(BROWSER_EVENTS_PATH, origin), beaconInit(origin, { events, visitor })),
    })
    expect(stored.status).toBe(200)

    const results = await Promise.all([
      mergeVisitor(payload, { subscriber, via: 'signup', visitor }),
      mergeVisitor(payload, { subscriber, via: 'signup', visitor }),
    ])
    expect(results.map((result) => result.status)).toContain('merged')
    expect(
      (
        await payload.count({
          collection: VISITOR_MERGES as 'events',
          where: { visitor: { equals: visitor } } as never,
        })
      ).totalDocs,
    ).toBe(1)
    const moved = await payload.find({ collection: 'events', limit: 0, where: { subscriber: { equals: subscriber } } })
    expect(moved.docs.map((event) => event.eventId).sort()).toEqual(events.map((event) => `web:${visitor}:${event.id}`))
    expect(
      (
        await payload.count({
          collection: VISITOR_EVENTS as 'events',
          where: { visitor: { equals: visitor } } as never,
        })
      ).totalDocs,
    ).toBe(0)
    const profile = await payload.findByID({ collection: 'subscribers', depth: 1, id: subscriber })
    expect(
      profile.interests?.map((entry) => [(entry.interest as { slug: string }).slug, entry.source, entry.weight]),
    ).toEqual([['gobd', 'implicit', 1]])

    // And later: nothing at all.
    expect(await mergeVisitor(payload, { subscriber, via: 'signup', visitor })).toEqual({ status: 'already_merged' })
  })

  it('erases the merge record with the subscriber (DSGVO Art. 17), and exports it before (Art. 15)', async () => {
    const merges = () =>
      payload.count({ collection: VISITOR_MERGES as 'events', where: { subscriber: { equals: subscriber } } })
    expect((await merges()).totalDocs).toBe(1)
    const profile = await payload.findByID({ collection: 'subscribers', depth: 0, id: subscriber })
    const exported = await exportPersonalData(payload, profile as never)
    expect(JSON.stringify(exported)).toContain('visitorMerges')
    await payload.delete({ collection: 'subscribers', id: subscriber })
    expect((await merges()).totalDocs).toBe(0)
    expect(
      (await payload.count({ collection: 'events', where: { subscriber: { equals: subscriber } } })).totalDocs,
    ).toBe(0)
  })
})

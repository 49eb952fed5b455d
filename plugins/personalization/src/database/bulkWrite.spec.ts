import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { queuedJob } from '../jobs/queuedJob'
import { WEBHOOK_DELIVERY_TASK } from '../webhooks/webhookEvents'
import { writeAtomically } from './bulkWrite'

/** Text that must arrive as sent: quotes of both kinds, a backslash, SQL, JSON syntax, umlauts, an emoji. */
const NASTY = `O'Brien "Zitat" \\ back'); drop table events; -- {"a":1} Grüße 🎉`

/**
 * The bulk writer's inserts (rows as one JSON parameter) against what Payload reads back: every
 * column type the product writes in bulk, on each database.
 */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('bulk inserts (%s)', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let subscriber: string

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    subscriber = String(
      (await payload.create({ collection: 'subscribers', data: { email: 'bulk@example.de' } as never })).id,
    )
  })
  afterAll(() => local?.close())

  const readEvents = async (prefix: string) =>
    (
      await payload.find({
        collection: 'events' as never,
        depth: 0,
        pagination: false,
        sort: 'eventId',
        where: { eventId: { like: prefix } },
      })
    ).docs as unknown as Record<string, unknown>[]

  it('stores text, JSON, dates, relations and nulls as Payload reads them', async () => {
    const occurredAt = new Date('2026-03-04T05:06:07.089Z')
    const properties = { amount: 1234.5, flag: true, list: [1, 'zwei', null], nested: { text: NASTY }, off: false }
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'events',
          docs: [
            { block: null, eventId: 'bulk-1', occurredAt, properties, source: NASTY, subscriber, type: 'custom' },
            { block: null, eventId: 'bulk-2', occurredAt, properties: {}, source: 'api', subscriber, type: 'download' },
          ],
        },
      ],
    })
    const [first, second] = await readEvents('bulk-')
    expect(first).toMatchObject({ eventId: 'bulk-1', occurredAt: occurredAt.toISOString(), properties, source: NASTY })
    expect(String(first.subscriber)).toBe(subscriber)
    expect(first.block ?? null).toBeNull()
    expect(second).toMatchObject({ eventId: 'bulk-2', properties: {}, type: 'download' })
  })

  it('skips rows that hit the unique key when asked, keeping the stored ones', async () => {
    const event = (properties: Record<string, unknown>) => ({
      block: null,
      eventId: 'again-1',
      occurredAt: new Date(),
      properties,
      source: 'api',
      subscriber,
      type: 'custom',
    })
    const write = (properties: Record<string, unknown>) =>
      writeAtomically(payload, {
        inserts: [{ collection: 'events', conflictKey: 'eventId', docs: [event(properties)], ignoreConflicts: true }],
      })
    await write({ attempt: 1 })
    await write({ attempt: 2 })
    expect((await readEvents('again-')).map((doc) => doc.properties)).toEqual([{ attempt: 1 }])
  })

  it('stores booleans, numbers and group fields, and rows that set different columns', async () => {
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'payload-jobs',
          docs: [{ ...queuedJob(WEBHOOK_DELIVERY_TASK, { text: NASTY }, 'bulk-probe'), hasError: true, totalTried: 3 }],
        },
        {
          collection: 'subscribers',
          docs: [
            { attributes: { size: 12, vip: true }, email: 'eins@example.de', firstName: NASTY, score: { fit: 12.5 } },
            // Different columns in one chunk: the writer takes drizzle's own INSERT for it.
            { email: 'zwei@example.de' },
          ],
        },
        {
          // JSON fields that hold a text or a boolean, not an object.
          collection: 'subscribers',
          docs: [
            { attributes: 'nur Text', email: 'drei@example.de' },
            { attributes: false, email: 'vier@example.de' },
          ],
        },
      ],
    })
    const job = (
      await payload.find({ collection: 'payload-jobs', depth: 0, where: { queue: { equals: 'bulk-probe' } } })
    ).docs[0] as unknown as Record<string, unknown>
    expect(job).toMatchObject({ hasError: true, input: { text: NASTY }, processing: false, totalTried: 3 })
    const people = (
      await payload.find({
        collection: 'subscribers',
        depth: 0,
        sort: 'email',
        where: { email: { in: ['drei@example.de', 'eins@example.de', 'vier@example.de', 'zwei@example.de'] } },
      })
    ).docs as unknown as Record<string, unknown>[]
    expect(people.map((person) => person.attributes ?? null)).toEqual([
      'nur Text',
      { size: 12, vip: true },
      false,
      null,
    ])
    expect(people[1]).toMatchObject({ firstName: NASTY, score: { fit: 12.5 } })
    expect(people[3]).toMatchObject({ email: 'zwei@example.de' })
  })

  it('updates only the given columns of each row, group fields and JSON included', async () => {
    const ids = await Promise.all(
      ['fuenf', 'sechs'].map(async (name) =>
        String(
          (
            await payload.create({
              collection: 'subscribers',
              data: { attributes: { keep: 1 }, email: `${name}@example.de`, firstName: name } as never,
            })
          ).id,
        ),
      ),
    )
    await writeAtomically(payload, {
      updates: [
        { collection: 'subscribers', data: { attributes: { neu: NASTY }, score: { fit: 7.25 } }, id: ids[0] },
        { collection: 'subscribers', data: { attributes: 'nur Text', score: { fit: -3 } }, id: ids[1] },
        { collection: 'subscribers', data: { firstName: NASTY, lastName: null }, id: ids[1] },
      ],
    })
    const people = await Promise.all(ids.map((id) => payload.findByID({ collection: 'subscribers', depth: 0, id })))
    expect(people.map(({ attributes, firstName, score }) => [attributes, firstName, score?.fit])).toEqual([
      [{ neu: NASTY }, 'fuenf', 7.25],
      ['nur Text', NASTY, -3],
    ])
  })

  it('stores half an emoji as the replacement character, and undefined values as not given', async () => {
    const cut = ('x'.repeat(9) + '🎉').slice(0, 10) // ends in a lone high surrogate
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'events',
          docs: [
            {
              block: null,
              eventId: 'cut-1',
              occurredAt: new Date(),
              properties: {},
              source: cut,
              subscriber,
              type: 'custom',
            },
          ],
        },
        {
          // A column left undefined gets its default (processing: false), as drizzle's own INSERT gives it.
          collection: 'payload-jobs',
          docs: [{ ...queuedJob(WEBHOOK_DELIVERY_TASK, {}, 'undefined-probe'), processing: undefined }],
        },
        { collection: 'subscribers', docs: [{ email: 'schluessel@example.de', linkKey: undefined }] },
      ],
    })
    expect((await readEvents('cut-'))[0].source).toBe(`${'x'.repeat(9)}\ufffd`)
    const job = (
      await payload.find({ collection: 'payload-jobs', depth: 0, where: { queue: { equals: 'undefined-probe' } } })
    ).docs[0]
    expect(job.processing).toBe(false)
    const person = (
      await payload.find({
        collection: 'subscribers',
        depth: 0,
        showHiddenFields: true, // the link key is hidden from every read
        where: { email: { equals: 'schluessel@example.de' } },
      })
    ).docs[0] as unknown as { linkKey: null | string }
    expect(person.linkKey).toEqual(expect.any(String))
  })

  it('keeps the last of two updates of one row in one write', async () => {
    const id = String(
      (await payload.create({ collection: 'subscribers', data: { email: 'zweimal@example.de' } as never })).id,
    )
    await writeAtomically(payload, {
      updates: ['erste', 'zweite', 'dritte'].map((firstName) => ({
        collection: 'subscribers',
        data: { firstName },
        id,
      })),
    })
    expect((await payload.findByID({ collection: 'subscribers', depth: 0, id })).firstName).toBe('dritte')
  })
})

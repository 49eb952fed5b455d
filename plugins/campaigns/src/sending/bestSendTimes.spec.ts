import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { writeAtomically } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { bestSendTimes, populationHours } from './bestSendTimes'
import { hourOfWeek } from './sendTimeProfile'

const NOW = new Date('2026-12-07T06:00:00Z') // Monday 07:00 Berlin

describe.each(testedDatabases())('reading hours from stored opens on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let reader: string
  let newcomer: string

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    const create = async (email: string) =>
      String((await payload.create({ collection: 'subscribers', data: { email } as never })).id)
    reader = await create('abends@example.com')
    newcomer = await create('neu@example.com')
    // The reader opens on Tuesday evenings at 18:30 Berlin (17:30 UTC in winter), five weeks running; one click at night.
    const tuesdays = ['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24', '2026-12-01'].map(
      (day) => new Date(`${day}T17:30:00Z`),
    )
    await writeAtomically(payload, {
      inserts: [
        {
          collection: 'events',
          docs: [
            ...tuesdays.map((at, index) => ({
              eventId: `o-${index}`,
              occurredAt: at.toISOString(),
              subscriber: Number(reader) || reader,
              type: 'email_opened',
            })),
            {
              eventId: 'c-1',
              occurredAt: '2026-11-20T02:10:00Z',
              subscriber: Number(reader) || reader,
              type: 'email_clicked',
            },
            // Older than half a year: not counted.
            {
              eventId: 'old',
              occurredAt: '2026-01-05T09:00:00Z',
              subscriber: Number(reader) || reader,
              type: 'email_opened',
            },
          ],
        },
      ],
    })
  })
  afterAll(() => local?.close())

  it("counts everyone's opens and clicks of the last half year per hour of the planning zone's week", async () => {
    const hours = await populationHours(payload, NOW, 'Europe/Berlin')
    expect(hours.reduce((sum, count) => sum + count, 0)).toBe(6)
    expect(hours[24 + 18]).toBe(5) // Tuesday 18:00–18:59 Berlin
    expect(hours[4 * 24 + 3]).toBe(1) // Friday 03:10 Berlin
  })

  it("sends the reader on Tuesday evening and the newcomer at the crowd's hour, within 24 hours of the plan", async () => {
    const population = await populationHours(payload, NOW, 'Europe/Berlin')
    const planned = new Date('2026-12-08T07:05:00Z') // Tuesday 08:05 Berlin
    const times = await bestSendTimes(payload, [reader, newcomer], planned, population, NOW)
    expect(times.get(reader)).toEqual(new Date('2026-12-08T17:05:00Z'))
    expect(hourOfWeek(times.get(newcomer)!, 'Europe/Berlin')).toBe(24 + 18)
  })
})

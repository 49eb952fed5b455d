import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readRows, recordEvents, writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../../tests/helpers/smtp'

import { createAudience } from '../../../../../tests/helpers/audience'
import { automationKit } from '../../../../../tests/helpers/automationKit'
import { type CampaignWorld, startCampaignWorld } from '../../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../../tests/helpers/databases'
import { CAMPAIGN_QUEUE } from '../../defaults'
import { advanceAutomations } from '../advance'
import { sweepAutomations } from '../triggers'
import { dateValues } from './dateRelative'
import { purchaseProgress, type TierRule } from './loyaltyTier'
import { type EventRow, latestEventDateValues, purchaseProgressOf } from './triggerRows'

const DAY = 24 * 3600 * 1000

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'date-relative and loyalty triggers on %s (Local API, real SMTP server, injected clock)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let sink: SmtpSink

    let kit: ReturnType<typeof automationKit>
    let newsletters: Awaited<ReturnType<ReturnType<typeof automationKit>['newsletters']>>
    const subjects = (email: string) => kit.subjects(email)
    const automation = (data: Record<string, unknown>) => kit.automation(data)
    const runsOf = (automationId: number | string) => kit.runsOf(automationId)
    /** The run's occasion (new field: payload-types learn it when they are regenerated). */
    const occasion = (run: object) => (run as { occurrenceKey?: null | string }).occurrenceKey
    /** What the worker does every ten minutes, at a simulated time: the trigger sweep, due steps, the send jobs. */
    const sweepAt = async (at: Date) => {
      await sweepAutomations(payload, at)
      await advanceAutomations(payload, at)
      for (let round = 0; round < 10; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    }
    /** The sender's clock is real: a week passes for the contact budget before the next mail to the same person. */
    const ageSends = () => kit.ageSends(8)
    const setProfile = (id: string, data: Record<string, unknown>) =>
      writeAtomically(payload, { updates: [{ collection: 'subscribers', data, id }] })

    beforeAll(async () => {
      world = await startCampaignWorld(kind)
      ;({ payload, sink } = world)
      await payload.updateGlobal({
        data: { quietHours: { from: '00:00', until: '00:00' } } as never,
        slug: 'contact-budget' as never,
      })
      // Only this spec's automations react.
      await payload.update({ collection: 'automations', data: { active: false } as never, where: {} })
      kit = automationKit(payload, sink)
      newsletters = await kit.newsletters(['verlaengerung', 'reise', 'stammkunde', 'fast-gold'], `-${kind}`)
    }, 240_000)
    afterAll(() => world?.close())

    it('sends "7 days before contractRenewal" at 9:00 local time (Berlin on its DST-end day, New York), once per date, again for a changed date', async () => {
      const renewal = await automation({
        dateAttribute: 'contractRenewal',
        dateDirection: 'before',
        dateHour: 9,
        dateOffsetDays: 7,
        steps: [{ newsletter: newsletters.verlaengerung.id, type: 'send' }],
        trigger: 'date_relative',
      })
      const audience = await createAudience(payload, {
        count: 6,
        prefix: `renew-${kind}-`,
        withoutConsent: (index) => index === 5,
      })
      const [berlin, newYork, past, unreadable, without, noConsent] = audience.ids
      const emails = audience.emails
      // Berlin by region (no zone of its own), New York by its own zone.
      await setProfile(berlin, { attributes: { contractRenewal: '2026-11-01' }, region: 'DE' })
      await setProfile(newYork, { attributes: { contractRenewal: '2026-11-01' }, timeZone: 'America/New_York' })
      await setProfile(past, { attributes: { contractRenewal: '2026-10-20' } })
      await setProfile(unreadable, { attributes: { contractRenewal: '01.11.2026' } })
      await setProfile(without, { attributes: { other: '2026-11-01' } })
      await setProfile(noConsent, { attributes: { contractRenewal: '2026-11-01' } })

      // 25 October 2026, 07:55 UTC = 08:55 in Berlin (clocks went back at 03:00): too early for everyone.
      await sweepAt(new Date('2026-10-25T07:55:00Z'))
      expect(emails.flatMap(subjects)).toEqual([])
      // 08:05 UTC = 09:05 Berlin, 04:05 New York.
      await sweepAt(new Date('2026-10-25T08:05:00Z'))
      expect(subjects(emails[0])).toEqual(['verlaengerung: Person0'])
      expect(subjects(emails[1])).toEqual([])
      // 13:05 UTC = 09:05 in New York (still summer time there, UTC−4); a second sweep for Berlin changes nothing.
      await sweepAt(new Date('2026-10-25T13:05:00Z'))
      await sweepAt(new Date('2026-10-25T16:00:00Z'))
      expect(subjects(emails[0])).toEqual(['verlaengerung: Person0'])
      expect(subjects(emails[1])).toEqual(['verlaengerung: Person1'])
      // The date long past, no date at all: nothing. Without consent: a run, but the gate holds the mail back.
      expect(subjects(emails[2])).toEqual([])
      expect(subjects(emails[4])).toEqual([])
      expect(subjects(emails[5])).toEqual([])
      const held = await payload.find({
        collection: 'campaign-sends',
        depth: 0,
        where: { subscriber: { equals: noConsent } },
      })
      expect(held.docs.map((doc) => doc.state)).toEqual(['skipped'])

      let runs = await runsOf(renewal.id)
      const bySubscriber = (id: string) => runs.filter((run) => String(run.subscriber) === id)
      expect(bySubscriber(berlin).map((run) => [run.state, occasion(run)])).toEqual([
        ['done', `${renewal.id}:${berlin}:date:2026-11-01`],
      ])
      // The unreadable value is in the run list with its reason, once however often the sweep meets it.
      expect(bySubscriber(unreadable).map((run) => [run.state, run.exitReason])).toEqual([
        ['exited', 'skipped: not a date (YYYY-MM-DD): "01.11.2026"'],
      ])
      expect(bySubscriber(past)).toEqual([])

      // The contract is renewed to 8 November: the new date fires on 1 November (Berlin now UTC+1), the old one not again.
      await ageSends()
      await setProfile(berlin, { attributes: { contractRenewal: '2026-11-08' }, region: 'DE' })
      await sweepAt(new Date('2026-10-31T08:05:00Z'))
      expect(subjects(emails[0])).toEqual(['verlaengerung: Person0'])
      await sweepAt(new Date('2026-11-01T08:05:00Z'))
      await sweepAt(new Date('2026-11-01T12:05:00Z'))
      expect(subjects(emails[0])).toEqual(['verlaengerung: Person0', 'verlaengerung: Person0'])
      runs = await runsOf(renewal.id)
      expect(bySubscriber(berlin).map(occasion)).toEqual([
        `${renewal.id}:${berlin}:date:2026-11-01`,
        `${renewal.id}:${berlin}:date:2026-11-08`,
      ])
      await payload.update({ collection: 'automations', data: { active: false } as never, id: renewal.id })
    })

    it('sends "1 day before the tripDate of the latest booking" in the traveller’s zone', async () => {
      await automation({
        dateDirection: 'before',
        dateEvent: 'booking',
        dateHour: 10,
        dateOffsetDays: 1,
        dateProperty: 'tripDate',
        dateSource: 'event',
        steps: [{ newsletter: newsletters.reise.id, type: 'send' }],
        trigger: 'date_relative',
      })
      const audience = await createAudience(payload, { count: 2, prefix: `trip-${kind}-` })
      const [rebooked, other] = audience.ids
      await setProfile(other, { timeZone: 'America/New_York' })
      const book = (subscriber: string, tripDate: string, occurredAt: string) =>
        recordEvents(payload, [
          {
            id: `booking-${kind}-${subscriber}-${tripDate}`,
            occurredAt,
            properties: { name: 'booking', tripDate },
            subscriber,
            type: 'custom',
          },
        ])
      // Booked for 20 December, then rebooked to 23 December: only the latest booking counts.
      await book(rebooked, '2026-12-20', '2026-11-01T10:00:00Z')
      await book(rebooked, '2026-12-23', '2026-11-02T10:00:00Z')
      await book(other, '2026-12-20', '2026-11-01T10:00:00Z')
      // 19 December, 09:05 UTC = 10:05 in Berlin, 04:05 in New York.
      await sweepAt(new Date('2026-12-19T09:05:00Z'))
      await sweepAt(new Date('2026-12-19T15:05:00Z'))
      expect(subjects(audience.emails[0])).toEqual([])
      expect(subjects(audience.emails[1])).toEqual(['reise: Person1'])
      await sweepAt(new Date('2026-12-22T09:05:00Z'))
      expect(subjects(audience.emails[0])).toEqual(['reise: Person0'])
    })

    it('sends "third purchase: new loyalty tier" once, and "close to 500 EUR" only counting euros', async () => {
      const tier = await automation({
        loyaltyMeasure: 'purchases',
        loyaltyMoment: 'reached',
        loyaltyPeriodDays: 365,
        loyaltyThreshold: 3,
        steps: [{ newsletter: newsletters.stammkunde.id, type: 'send' }],
        trigger: 'loyalty_tier',
      })
      await automation({
        loyaltyCloseWithin: 50,
        loyaltyCurrency: 'EUR',
        loyaltyMeasure: 'spend',
        loyaltyMoment: 'close',
        loyaltyPeriodDays: 365,
        loyaltyThreshold: 500,
        steps: [{ newsletter: newsletters['fast-gold'].id, type: 'send' }],
        trigger: 'loyalty_tier',
      })
      const audience = await createAudience(payload, { count: 5, prefix: `loyal-${kind}-` })
      const [third, twoOrders, close, far, over] = audience.ids
      const buy = (subscriber: string, order: string, amount: number, currency = 'EUR', occurredAt?: string) =>
        recordEvents(payload, [
          {
            id: `buy-${kind}-${subscriber}-${order}-${amount}-${currency}`,
            ...(occurredAt && { occurredAt }),
            properties: { amount, currency, order, product: 'lohn-modul' },
            subscriber,
            type: 'purchase',
          },
        ])
      await buy(third, 'o1', 10)
      await buy(third, 'o2', 10)
      await buy(third, 'o3', 10)
      // Two lines of one order are one purchase; an order older than the period does not count.
      await buy(twoOrders, 'o1', 10)
      await buy(twoOrders, 'o2', 10)
      await buy(twoOrders, 'o2', 20)
      await buy(twoOrders, 'o0', 10, 'EUR', new Date(Date.now() - 400 * DAY).toISOString())
      // 460 EUR and 100 USD: 40 EUR short of 500, dollars not converted.
      await buy(close, 'o1', 460)
      await buy(close, 'o2', 100, 'USD')
      await buy(far, 'o1', 300)
      await buy(over, 'o1', 520)

      const now = new Date(Date.now() + 60_000)
      await sweepAt(now)
      expect(audience.emails.map(subjects)).toEqual([['stammkunde: Person0'], [], ['fast-gold: Person2'], [], []])
      // A fourth purchase: the tier does not fire again.
      await buy(third, 'o4', 10)
      await ageSends()
      await sweepAt(new Date(now.getTime() + 20 * 60_000))
      expect(subjects(audience.emails[0])).toEqual(['stammkunde: Person0'])
      expect((await runsOf(tier.id)).map(occasion)).toEqual([`${tier.id}:${third}:tier:reached:orders>=3`])
    })

    it('counts the same in memory (the MongoDB path) as in SQL, from the same stored rows', async () => {
      const audience = await createAudience(payload, { count: 2, prefix: `same-${kind}-` })
      const [a, b] = audience.ids
      const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()
      const buy = (subscriber: string, id: string, occurredAt: string, properties: Record<string, unknown>) =>
        recordEvents(payload, [
          {
            id: `same-${kind}-${id}`,
            occurredAt,
            properties: { product: 'lohn-modul', ...properties },
            subscriber,
            type: 'purchase',
          },
        ])
      await buy(a, 'e1', ago(100), { amount: 10, currency: 'EUR', order: 'o1' })
      await buy(a, 'e2', ago(50), { amount: 10, currency: 'EUR', order: 'o2' })
      await buy(a, 'e3', ago(50), { amount: 20, currency: 'EUR', order: 'o2' })
      await buy(a, 'e4', ago(1), { amount: 10, currency: 'EUR' })
      await buy(a, 'e0', ago(400), { amount: 10, currency: 'EUR', order: 'o0' })
      await buy(b, 'e5', ago(3), { amount: 460, currency: 'EUR', order: 'b1' })
      await buy(b, 'e6', ago(2), { amount: 100, currency: 'USD', order: 'b2' })
      const now = new Date(Date.now() + 60_000)
      const purchases = (await readRows(
        payload,
        'events',
        ['subscriber', 'type', 'occurredAt', 'properties', 'eventId'],
        [{ field: 'type', in: ['purchase'] }],
      )) as EventRow[]
      const ours = (progress: Map<string, number>) => ({ a: progress.get(a), b: progress.get(b) })
      const rules: [TierRule, { a: number; b: number }][] = [
        [
          { loyaltyMeasure: 'purchases', loyaltyPeriodDays: 365, loyaltyThreshold: 3 },
          { a: 3, b: 2 },
        ],
        [
          { loyaltyCurrency: 'EUR', loyaltyMeasure: 'spend', loyaltyPeriodDays: 365, loyaltyThreshold: 500 },
          { a: 50, b: 460 },
        ],
      ]
      for (const [rule, expected] of rules) {
        const inSql = await purchaseProgress(payload, rule, now)
        expect(ours(inSql)).toEqual(expected)
        expect(purchaseProgressOf(purchases, rule, now)).toEqual(inSql)
      }
      // The bookings of the trip test (and everyone else's custom events): the same latest trip dates.
      const booking = { dateEvent: 'booking', dateProperty: 'tripDate', dateSource: 'event' as const }
      const customs = await readRows(
        payload,
        'events',
        ['id', 'subscriber', 'type', 'occurredAt', 'properties'],
        [{ field: 'type', in: ['custom'] }],
      )
      const inSql = await dateValues(payload, booking)
      expect([...inSql.values()]).toContain('2026-12-23')
      expect(latestEventDateValues(customs as EventRow[], booking)).toEqual(inSql)
    })

    it('refuses an incomplete configuration with a field error', async () => {
      await expect(
        automation({
          dateAttribute: 'contract renewal!',
          steps: [{ newsletter: newsletters.verlaengerung.id, type: 'send' }],
          trigger: 'date_relative',
        }),
      ).rejects.toThrow(/dateAttribute|Attribut/)
      await expect(
        automation({
          loyaltyCurrency: 'Euro',
          loyaltyMeasure: 'spend',
          loyaltyThreshold: 500,
          steps: [{ newsletter: newsletters['fast-gold'].id, type: 'send' }],
          trigger: 'loyalty_tier',
        }),
      ).rejects.toThrow(/loyaltyCurrency|Währung/)
    })
  },
)

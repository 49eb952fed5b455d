import { describe, expect, it } from 'vitest'

import { decideDate } from './dateRelative'
import { tierFires, type TierRule } from './loyaltyTier'
import { attributeDateValues, type EventRow, latestEventDateValues, purchaseProgressOf } from './triggerRows'

// The MongoDB path of the date and loyalty triggers, without a database: rows as readRows returns them on MongoDB
// (JSON as objects, dates as Date) or on SQL (JSON as text, dates as text).

const NOW = new Date('2026-12-07T12:00:00Z')
const DAY = 24 * 3600 * 1000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY)

const purchase = (subscriber: null | string, eventId: string, at: Date, properties: Record<string, unknown>) => ({
  eventId,
  occurredAt: at,
  properties,
  subscriber,
  type: 'purchase',
})

const purchases: EventRow[] = [
  // a: three orders in the year, one of them in two lines; one older order outside the period.
  purchase('a', 'e1', daysAgo(100), { amount: 10, currency: 'EUR', order: 'o1' }),
  purchase('a', 'e2', daysAgo(50), { amount: 10, currency: 'EUR', order: 'o2' }),
  purchase('a', 'e3', daysAgo(50), { amount: 20, currency: 'EUR', order: 'o2' }),
  purchase('a', 'e4', daysAgo(1), { amount: 10, currency: 'eur' }),
  purchase('a', 'e0', daysAgo(400), { amount: 10, currency: 'EUR', order: 'o0' }),
  // b: 460 EUR (as text from a SQL row: amounts as JSON text) and 100 USD, never converted.
  {
    eventId: 'e5',
    occurredAt: daysAgo(3).toISOString(),
    properties: JSON.stringify({ amount: '460', currency: 'EUR', order: 'b1' }),
    subscriber: 'b',
    type: 'purchase',
  },
  purchase('b', 'e6', daysAgo(2), { amount: 100, currency: 'USD', order: 'b2' }),
  // c: a purchase after `now` (a clock running behind the shop) does not count yet; a view is no purchase.
  purchase('c', 'e7', new Date(NOW.getTime() + 60_000), { amount: 520, currency: 'EUR', order: 'c1' }),
  { eventId: 'e8', occurredAt: daysAgo(1), properties: {}, subscriber: 'c', type: 'page_viewed' },
  // Anonymous purchases count for nobody.
  purchase(null, 'e9', daysAgo(1), { amount: 999, currency: 'EUR', order: 'x' }),
]

const orders: TierRule = {
  loyaltyMeasure: 'purchases',
  loyaltyMoment: 'reached',
  loyaltyPeriodDays: 365,
  loyaltyThreshold: 3,
}
const closeToGold: TierRule = {
  loyaltyCloseWithin: 50,
  loyaltyCurrency: 'EUR',
  loyaltyMeasure: 'spend',
  loyaltyMoment: 'close',
  loyaltyPeriodDays: 365,
  loyaltyThreshold: 500,
}
const firing = (progress: Map<string, number>, rule: TierRule) =>
  [...progress].filter(([, value]) => tierFires(value, rule)).map(([subscriber]) => subscriber)

describe('loyalty tier in memory (the MongoDB path)', () => {
  it('counts orders in the period: lines of one order once, one without an order by its event', () => {
    const progress = purchaseProgressOf(purchases, orders, NOW)
    expect(Object.fromEntries(progress)).toEqual({ a: 3, b: 2 })
    expect(firing(progress, orders)).toEqual(['a'])
  })

  it('sums spend in the rule’s currency only (case-insensitive), so b is close to 500 EUR', () => {
    const progress = purchaseProgressOf(purchases, closeToGold, NOW)
    expect(Object.fromEntries(progress)).toEqual({ a: 50, b: 460 })
    expect(firing(progress, closeToGold)).toEqual(['b'])
    // Reached at 500: nobody yet; c's 520 EUR count once the clock passes the purchase.
    const reached = { ...closeToGold, loyaltyMoment: 'reached' as const }
    expect(firing(progress, reached)).toEqual([])
    const later = new Date(NOW.getTime() + 120_000)
    expect(firing(purchaseProgressOf(purchases, reached, later), reached)).toEqual(['c'])
  })

  it('has no period limit without period days, and no spend for an invalid currency', () => {
    const always = purchaseProgressOf(purchases, { ...orders, loyaltyPeriodDays: 0 }, NOW)
    expect(always.get('a')).toBe(4)
    expect(purchaseProgressOf(purchases, { ...closeToGold, loyaltyCurrency: 'Euro' }, NOW).size).toBe(0)
  })
})

describe('date values in memory (the MongoDB path)', () => {
  it('reads a nested attribute from stored JSON (object or text), leaving out those without one', () => {
    const values = attributeDateValues(
      [
        { attributes: { contract: { renewal: '2026-12-14' } }, id: 'a' },
        { attributes: JSON.stringify({ contract: { renewal: '01.12.2026' } }), id: 'b' },
        { attributes: { contract: { renewal: null } }, id: 'c' },
        { attributes: null, id: 'd' },
        { attributes: { contract: 'none' }, id: 'e' },
      ],
      'contract.renewal',
    )
    expect(Object.fromEntries(values)).toEqual({ a: '2026-12-14', b: '01.12.2026' })
    // Then the rule decides as on SQL: a is due at 9:00 Berlin 7 days before, b is skipped as no date.
    const rule = { dateDirection: 'before' as const, dateHour: 9, dateOffsetDays: 7 }
    expect(decideDate(values.get('a'), rule, 'Europe/Berlin', new Date('2026-12-07T08:05:00Z'))).toMatchObject({
      at: new Date('2026-12-07T08:00:00Z'),
      date: '2026-12-14',
      due: true,
    })
    expect(decideDate(values.get('b'), rule, 'Europe/Berlin', NOW).kind).toBe('invalid')
  })

  it('takes the latest matching event’s property (time, then id), a custom event by its name', () => {
    const booking = (id: number, subscriber: string, at: string, properties: Record<string, unknown>) => ({
      id,
      occurredAt: new Date(at),
      properties: { name: 'booking', ...properties },
      subscriber,
      type: 'custom',
    })
    const rows: EventRow[] = [
      booking(10, 'a', '2026-11-02T10:00:00Z', { tripDate: '2026-12-23' }),
      booking(9, 'a', '2026-11-01T10:00:00Z', { tripDate: '2026-12-20' }),
      // Same moment: the higher id is the later (10 after 9, not as text).
      booking(9, 'b', '2026-11-01T10:00:00Z', { tripDate: '2026-12-20' }),
      booking(10, 'b', '2026-11-01T10:00:00Z', { tripDate: '2026-12-21' }),
      // c's latest booking has no date: null, so the run list shows "not a date" as on SQL.
      booking(11, 'c', '2026-11-01T10:00:00Z', { tripDate: '2026-12-20' }),
      booking(12, 'c', '2026-11-03T10:00:00Z', {}),
      // Another custom event and an anonymous booking do not count.
      { ...booking(13, 'd', '2026-11-03T10:00:00Z', { tripDate: '2026-12-20' }), properties: { name: 'visit' } },
      { ...booking(14, 'x', '2026-11-03T10:00:00Z', { tripDate: '2026-12-20' }), subscriber: null },
    ]
    const values = latestEventDateValues(rows, { dateEvent: 'booking', dateProperty: 'tripDate' })
    expect(Object.fromEntries(values)).toEqual({ a: '2026-12-23', b: '2026-12-21', c: null })
  })

  it('takes a built-in event by its type', () => {
    const rows: EventRow[] = [
      {
        id: 1,
        occurredAt: '2026-11-01T10:00:00Z',
        properties: { on: '2026-12-01' },
        subscriber: 'a',
        type: 'purchase',
      },
      { id: 2, occurredAt: '2026-11-01T10:00:00Z', properties: { on: '2026-12-02' }, subscriber: 'a', type: 'custom' },
    ]
    expect(Object.fromEntries(latestEventDateValues(rows, { dateEvent: 'purchase', dateProperty: 'on' }))).toEqual({
      a: '2026-12-01',
    })
  })
})

import { describe, expect, it } from 'vitest'

import { calendarDate, type DateRule, decideDate, triggerDay } from './dateRelative'
import { tierFires, tierOccurrence } from './loyaltyTier'

const renewal: DateRule = { dateAttribute: 'contractRenewal', dateDirection: 'before', dateHour: 9, dateOffsetDays: 7 }
const at = (iso: string) => new Date(iso)

describe('date-relative trigger: which day and hour', () => {
  it('reads YYYY-MM-DD and the date of an ISO timestamp as written, and nothing else', () => {
    expect(calendarDate('2026-11-01')).toBe('2026-11-01')
    expect(calendarDate('2027-03-01T23:30:00+01:00')).toBe('2027-03-01')
    expect(calendarDate('01.11.2026')).toBeNull()
    expect(calendarDate('2027-02-30')).toBeNull()
    expect(calendarDate(20261101)).toBeNull()
    expect(calendarDate('')).toBeNull()
  })

  it('moves the date the configured days before or after, across months and years', () => {
    expect(triggerDay('2026-11-01', renewal)).toBe('2026-10-25')
    expect(triggerDay('2027-01-03', { ...renewal, dateOffsetDays: 5 })).toBe('2026-12-29')
    expect(triggerDay('2028-02-27', { dateDirection: 'after', dateOffsetDays: 2 })).toBe('2028-02-29')
    expect(triggerDay('2026-11-01', { dateOffsetDays: 0 })).toBe('2026-11-01')
  })

  it('fires at 9:00 on the recipient’s clock: Berlin on its DST-end day (UTC+1), New York still on summer time (UTC−4)', () => {
    // 1 November 2026, 7 days before = 25 October, the day Berlin turns its clocks back at 03:00.
    expect(decideDate('2026-11-01', renewal, 'Europe/Berlin', at('2026-10-25T07:59:00Z'))).toMatchObject({
      at: at('2026-10-25T08:00:00Z'),
      due: false,
    })
    expect(decideDate('2026-11-01', renewal, 'Europe/Berlin', at('2026-10-25T08:00:00Z')).kind).toBe('date')
    expect(decideDate('2026-11-01', renewal, 'Europe/Berlin', at('2026-10-25T08:00:00Z'))).toMatchObject({
      due: true,
    })
    expect(decideDate('2026-11-01', renewal, 'America/New_York', at('2026-10-25T08:00:00Z'))).toMatchObject({
      at: at('2026-10-25T13:00:00Z'),
      due: false,
    })
    expect(decideDate('2026-11-01', renewal, 'America/New_York', at('2026-10-25T13:10:00Z'))).toMatchObject({
      due: true,
    })
    // A day earlier Berlin was still on summer time (UTC+2).
    expect(decideDate('2026-10-31', renewal, 'Europe/Berlin', at('2026-10-24T07:00:00Z'))).toMatchObject({
      at: at('2026-10-24T07:00:00Z'),
      due: true,
    })
  })

  it('still fires up to 24 hours late (worker down), never later, never early', () => {
    const rule: DateRule = { ...renewal, dateOffsetDays: 0 }
    expect(decideDate('2026-12-24', rule, 'Europe/Berlin', at('2026-12-25T07:59:00Z'))).toMatchObject({ due: true })
    expect(decideDate('2026-12-24', rule, 'Europe/Berlin', at('2026-12-25T08:00:00Z'))).toMatchObject({ due: false })
    // A date long past (entered after the fact) never fires retroactively.
    expect(decideDate('2026-01-10', rule, 'Europe/Berlin', at('2026-12-06T12:00:00Z'))).toMatchObject({ due: false })
    expect(decideDate('2026-12-24', rule, 'Europe/Berlin', at('2026-12-24T07:59:00Z'))).toMatchObject({ due: false })
  })

  it('names an unreadable value as the reason instead of failing', () => {
    expect(decideDate('31.12.2026', renewal, 'Europe/Berlin', at('2026-12-06T12:00:00Z'))).toEqual({
      kind: 'invalid',
      reason: 'not a date (YYYY-MM-DD): "31.12.2026"',
    })
  })
})

describe('loyalty trigger: reached or close', () => {
  it('reaches a purchase tier on the third order, is close on the second, not on the first or later', () => {
    const reached = { loyaltyMeasure: 'purchases', loyaltyMoment: 'reached', loyaltyThreshold: 3 } as const
    const close = { ...reached, loyaltyMoment: 'close' } as const
    expect([1, 2, 3, 4].map((orders) => tierFires(orders, reached))).toEqual([false, false, true, true])
    expect([0, 1, 2, 3].map((orders) => tierFires(orders, close))).toEqual([false, false, true, false])
  })

  it('is close on spend when at most the set distance is missing', () => {
    const close = {
      loyaltyCloseWithin: 50,
      loyaltyCurrency: 'EUR',
      loyaltyMeasure: 'spend',
      loyaltyMoment: 'close',
      loyaltyThreshold: 500,
    } as const
    expect([449.99, 450, 499.99, 500].map((spend) => tierFires(spend, close))).toEqual([false, true, true, false])
    expect(tierFires(500, { ...close, loyaltyMoment: 'reached' })).toBe(true)
    expect(tierFires(5, { ...close, loyaltyThreshold: 0 })).toBe(false)
  })

  it('keys a tier by measure, threshold and currency, so raising the bar is a new tier', () => {
    const rule = { loyaltyCurrency: 'EUR', loyaltyMeasure: 'spend', loyaltyThreshold: 500 } as const
    expect(tierOccurrence(7, '12', rule)).toBe('7:12:tier:reached:spend>=500EUR')
    expect(tierOccurrence(7, '12', { ...rule, loyaltyThreshold: 1000 })).not.toBe(tierOccurrence(7, '12', rule))
  })
})

import { describe, expect, it } from 'vitest'

import { reportWeeks } from './weeks'

const HOUR = 3_600_000
const hours = (week: { end: string; start: string }) =>
  (new Date(week.end).getTime() + 1 - new Date(week.start).getTime()) / HOUR

describe('report weeks on the Berlin calendar', () => {
  it('runs Monday 00:00 to Sunday 24:00, the clock change in October giving a week of 169 hours', () => {
    // Sunday 25 October 2026, 03:00 CEST → 02:00 CET: the week of 19–25 October is an hour longer.
    const weeks = reportWeeks(new Date('2026-10-28T12:00:00.000Z'), 3)
    expect(weeks.map((week) => [week.iso, week.start])).toEqual([
      ['2026-W42', '2026-10-11T22:00:00.000Z'],
      ['2026-W43', '2026-10-18T22:00:00.000Z'],
      ['2026-W44', '2026-10-25T23:00:00.000Z'],
    ])
    expect(weeks.slice(0, 2).map(hours)).toEqual([168, 169])
    expect(weeks[2].end).toBe('2026-10-28T12:00:00.000Z')
  })

  it('numbers weeks as ISO 8601 does across the new year (2026 has a week 53)', () => {
    // Friday 1 January 2027, 00:30 in Berlin (still 31 December in UTC): its week began Monday 28 December.
    const weeks = reportWeeks(new Date('2026-12-31T23:30:00.000Z'), 2)
    expect(weeks.map((week) => [week.iso, week.start])).toEqual([
      ['2026-W52', '2026-12-20T23:00:00.000Z'],
      ['2026-W53', '2026-12-27T23:00:00.000Z'],
    ])
    expect(reportWeeks(new Date('2027-01-04T08:00:00.000Z'), 1)[0].iso).toBe('2027-W01')
  })
})

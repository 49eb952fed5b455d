import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { addPoints, decayedAt } from './decay'
import { periodKey } from './periods'

const DAY = 86_400_000
const runs = Number(process.env.PROPERTY_RUNS ?? 500)

describe('engagement decay', () => {
  it('halves per half-life and never grows with time', () => {
    const state = { asOf: new Date('2026-01-01T00:00:00Z'), value: 80 }
    expect(decayedAt(state, new Date('2026-01-31T00:00:00Z'), 30)).toBeCloseTo(40, 10)
    expect(decayedAt(state, new Date('2026-03-02T00:00:00Z'), 30)).toBeCloseTo(20, 10)
    // Reading before the stored moment does not invent points.
    expect(decayedAt(state, new Date('2025-12-01T00:00:00Z'), 30)).toBe(80)
  })

  it('gives the same score whatever order the events arrive in (property)', () => {
    const event = fc.record({ day: fc.integer({ max: 365, min: 0 }), points: fc.integer({ max: 50, min: -50 }) })
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 40, minLength: 1 }),
        fc.integer({ max: 400, min: 0 }),
        fc.integer({ max: 90, min: 1 }),
        (events, readDay, halfLife) => {
          const base = Date.UTC(2026, 0, 1)
          const apply = (list: typeof events) =>
            list.reduce((state, { day, points }) => addPoints(state, points, new Date(base + day * DAY), halfLife), {
              asOf: null as Date | null,
              value: 0,
            })
          const at = new Date(base + (365 + readDay) * DAY)
          const inOrder = decayedAt(apply([...events].sort((a, b) => a.day - b.day)), at, halfLife)
          const shuffled = decayedAt(apply([...events].reverse()), at, halfLife)
          // The closed form: Σ points · 2^(−age / half-life).
          const exact = events.reduce(
            (sum, { day, points }) => sum + points * 0.5 ** ((365 + readDay - day) / halfLife),
            0,
          )
          expect(inOrder).toBeCloseTo(exact, 6)
          expect(shuffled).toBeCloseTo(exact, 6)
        },
      ),
      { numRuns: runs },
    )
  })
})

describe('cap periods', () => {
  it('use ISO weeks, calendar days and months in UTC', () => {
    expect(periodKey(new Date('2026-01-05T10:00:00Z'), 'week')).toBe('2026-W02')
    expect(periodKey(new Date('2026-01-11T23:59:59Z'), 'week')).toBe('2026-W02')
    expect(periodKey(new Date('2026-01-12T00:00:00Z'), 'week')).toBe('2026-W03')
    // 1 Jan 2027 is a Friday: it belongs to the last ISO week of 2026.
    expect(periodKey(new Date('2027-01-01T12:00:00Z'), 'week')).toBe('2026-W53')
    expect(periodKey(new Date('2026-02-28T23:00:00Z'), 'day')).toBe('2026-02-28')
    expect(periodKey(new Date('2026-02-28T23:00:00Z'), 'month')).toBe('2026-02')
  })
})

import { describe, expect, it } from 'vitest'

import {
  bestTimeWithin,
  hourCounts,
  hourOfWeek,
  HOURS_PER_WEEK,
  posteriorProfile,
  preferredHour,
} from './sendTimeProfile'

const ZONE = 'Europe/Berlin'

/** A fixed-seed generator, so the simulation is the same on every run. */
function generator(seed: number) {
  let state = seed
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) + 0.5) / 2 ** 31
}

/** The circular distance of two hours of the week. */
const distance = (a: number, b: number) => Math.min(Math.abs(a - b), HOURS_PER_WEEK - Math.abs(a - b))

/**
 * A population with known habits: each person reads at a preferred hour of the week, most opens
 * around it (normal jitter, σ one hour), one in four at a random moment; the population
 * leans towards weekday mornings, so its peak is known too.
 */
function simulate(people: number, opens: () => number, random: () => number) {
  const monday = Date.UTC(2026, 10, 2, -1) // Monday 2026-11-02 00:00 in Berlin (CET)
  const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random())
  return Array.from({ length: people }, () => {
    const morning = random() < 0.6
    const day = Math.floor(random() * (morning ? 5 : 7))
    const preferred = day * 24 + (morning ? 8 + Math.floor(random() * 3) : Math.floor(random() * 24))
    const times = Array.from({ length: opens() }, () => {
      const week = Math.floor(random() * 20) * 7 * 24
      const hour = random() < 0.25 ? random() * HOURS_PER_WEEK : preferred + 0.5 + normal()
      return new Date(monday + (week + hour) * 3_600_000)
    })
    return { preferred, times }
  })
}

describe('hours of the week', () => {
  it('count from Monday 00:00 in the person’s zone, across daylight saving time', () => {
    expect(hourOfWeek(new Date('2026-11-02T07:30:00Z'), ZONE)).toBe(8) // Monday 08:30 CET
    expect(hourOfWeek(new Date('2026-07-06T07:30:00Z'), ZONE)).toBe(9) // Monday 09:30 CEST
    expect(hourOfWeek(new Date('2026-11-08T22:59:00Z'), ZONE)).toBe(167) // Sunday 23:59
    expect(hourOfWeek(new Date('2026-11-02T07:30:00Z'), 'America/New_York')).toBe(2)
  })
})

describe('send-time optimisation on a simulated population with known preferred hours', () => {
  const random = generator(7)
  const population = simulate(2000, () => Math.floor(random() * 30), random)
  const populationCounts = new Array<number>(HOURS_PER_WEEK).fill(0)
  for (const person of population)
    hourCounts(person.times, ZONE).forEach((count, hour) => (populationCounts[hour] += count))
  const populationPeak = preferredHour(posteriorProfile(new Array(HOURS_PER_WEEK).fill(0), populationCounts))

  it('finds the preferred hour within ±1 h for at least 80 % of people with 10 or more opens', () => {
    const regulars = simulate(1000, () => 10 + Math.floor(random() * 20), random)
    const hits = regulars.filter(
      (person) =>
        distance(preferredHour(posteriorProfile(hourCounts(person.times, ZONE), populationCounts)), person.preferred) <=
        1,
    )
    const share = hits.length / regulars.length
    console.info(`send-time optimisation: ${(share * 100).toFixed(1)} % of people with ≥ 10 opens within ±1 h`)
    expect(share).toBeGreaterThanOrEqual(0.8)
  })

  it('falls back to the population’s peak for people with 0–2 opens', () => {
    const newcomers = simulate(300, () => Math.floor(random() * 3), random)
    for (const person of newcomers.filter((each) => each.times.length === 0))
      expect(preferredHour(posteriorProfile(hourCounts(person.times, ZONE), populationCounts))).toBe(populationPeak)
    const near = newcomers.filter(
      (person) =>
        distance(preferredHour(posteriorProfile(hourCounts(person.times, ZONE), populationCounts)), populationPeak) <=
        1,
    )
    expect(near.length / newcomers.length).toBeGreaterThanOrEqual(0.95)
  })

  it('sends at the best hour of the next 24 hours, keeping the planned minute, or as planned without any data', () => {
    const tuesdays = ['2026-10-20T15:10:00Z', '2026-10-27T16:40:00Z', '2026-11-03T16:05:00Z'].map((at) => new Date(at))
    const profile = posteriorProfile(hourCounts(tuesdays, ZONE), new Array(HOURS_PER_WEEK).fill(0))
    // Planned Tuesday 08:15 Berlin; the three opens were Tuesdays at 17:xx Berlin (summer and winter time).
    expect(bestTimeWithin(profile, new Date('2026-11-10T07:15:00Z'), ZONE)).toEqual(new Date('2026-11-10T16:15:00Z'))
    // Planned Wednesday: Tuesday's hour is not within 24 hours; the profile is flat there, so as planned.
    const flat = new Date('2026-11-11T07:15:00Z')
    expect(bestTimeWithin(profile, flat, ZONE)).toEqual(flat)
    const nothing = posteriorProfile(new Array(HOURS_PER_WEEK).fill(0), new Array(HOURS_PER_WEEK).fill(0))
    expect(bestTimeWithin(nothing, flat, ZONE)).toEqual(flat)
  })
})

/**
 * Send-time optimisation, the pure part: a week of 168 hours (Monday 00:00 local = 0), a person's
 * opens and clicks counted per hour, smoothed over the neighbouring hours (an open at 9:58 says as
 * much about 10:00 as about 9:00) and shrunk towards the population's profile (empirical Bayes:
 * the prior's shape is the population's own), and the best hour of a window picked from it.
 */
export const HOURS_PER_WEEK = 168
const HOUR_MS = 3_600_000

/**
 * How much the population's profile weighs: its peak stands this many events above its typical
 * hour. A person's own opens at one hour count 0.5 each after smoothing (half to the neighbours),
 * so a few scattered ones do not outweigh the population's peak, while the usual 4–5 of 10 opens
 * at their habitual hour do.
 */
export const PRIOR_PEAK_ADVANTAGE = 1.5

/** Fewer opens and clicks than this: the population's profile alone. */
export const MIN_OWN_EVENTS = 3

const WEEKDAY = { Fri: 4, Mon: 0, Sat: 5, Sun: 6, Thu: 3, Tue: 1, Wed: 2 } as const

/** The hour of the week an instant shows in a zone (Monday 00:00–00:59 = 0). */
export function hourOfWeek(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone, weekday: 'short' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  )
  return WEEKDAY[parts.weekday as keyof typeof WEEKDAY] * 24 + Number(parts.hour)
}

/** Counts per hour of the week from event times in the person's zone. */
export function hourCounts(times: Date[], timeZone: string): number[] {
  const counts = new Array<number>(HOURS_PER_WEEK).fill(0)
  for (const time of times) counts[hourOfWeek(time, timeZone)]++
  return counts
}

/** Shares summing to 1 (uniform when there is nothing to share). */
export function normalized(counts: number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0)
  return total > 0 ? counts.map((count) => count / total) : counts.map(() => 1 / counts.length)
}

/** Counts smoothed 1-2-1 over the neighbouring hours (the week is a circle). */
const smoothed = (counts: number[]) =>
  counts.map(
    (value, hour) =>
      0.25 * counts[(hour + HOURS_PER_WEEK - 1) % HOURS_PER_WEEK] +
      0.5 * value +
      0.25 * counts[(hour + 1) % HOURS_PER_WEEK],
  )

/** A person's smoothed counts plus the population's smoothed shares, weighted so its peak leads by PRIOR_PEAK_ADVANTAGE. */
export function posteriorProfile(own: number[], population: number[]): number[] {
  const events = own.reduce((sum, count) => sum + count, 0)
  const prior = smoothed(normalized(population))
  const median = [...prior].sort((a, b) => a - b)[Math.floor(prior.length / 2)]
  const spread = Math.max(...prior) - median
  // A flat population says nothing: any weight adds the same to every hour, so none is needed.
  const weight = spread > 1e-12 ? PRIOR_PEAK_ADVANTAGE / spread : 0
  // Below three events of one's own the population decides alone: two opens are an anecdote.
  const mine = events < MIN_OWN_EVENTS ? own.map(() => 0) : smoothed(own)
  return mine.map((value, hour) => value + weight * prior[hour])
}

/** The hour of the week the profile rates highest (the earliest of equals). */
export const preferredHour = (profile: number[]): number => profile.indexOf(Math.max(...profile))

/**
 * The moment within [planned, planned + 24 h) whose hour of the week the profile rates highest,
 * keeping the planned minute; the planned moment itself when the profile says nothing (flat).
 */
export function bestTimeWithin(profile: number[], planned: Date, timeZone: string): Date {
  let best = planned
  let bestScore = profile[hourOfWeek(planned, timeZone)]
  for (let hour = 1; hour < 24; hour++) {
    const candidate = new Date(planned.getTime() + hour * HOUR_MS)
    const score = profile[hourOfWeek(candidate, timeZone)]
    if (score > bestScore + 1e-12) ((best = candidate), (bestScore = score))
  }
  return best
}

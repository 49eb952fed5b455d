/** The zone campaigns are planned in (the editors' wall clock). */
export const PLANNING_TIME_ZONE = 'Europe/Berlin'

/** A region code's country (ISO 3166-2 like "AT-9") to its zone, for subscribers without one of their own. */
const ZONE_BY_COUNTRY: Record<string, string> = {
  AT: 'Europe/Vienna',
  CH: 'Europe/Zurich',
  DE: 'Europe/Berlin',
  LI: 'Europe/Vaduz',
  LU: 'Europe/Luxembourg',
}

export const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

/** The subscriber's own zone if valid, else their region's, else the planning zone. */
export function timeZoneOf(subscriber: { region?: null | string; timeZone?: null | string }): string {
  if (subscriber.timeZone && isTimeZone(subscriber.timeZone)) return subscriber.timeZone
  return ZONE_BY_COUNTRY[(subscriber.region ?? '').slice(0, 2).toUpperCase()] ?? PLANNING_TIME_ZONE
}

/** The wall clock (year … minute) of an instant in a zone. */
function wallClock(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      day: 'numeric',
      hour: 'numeric',
      hourCycle: 'h23',
      minute: 'numeric',
      month: 'numeric',
      second: 'numeric',
      timeZone,
      year: 'numeric',
    })
      .formatToParts(at)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'day' | 'hour' | 'minute' | 'month' | 'second' | 'year', number>
  return parts
}

/**
 * The instant at which `timeZone` shows the same wall-clock time that `planned` shows in the
 * planning zone (09:00 in Berlin → 09:00 in New York). Two passes of Intl's offsets make it exact
 * across daylight-saving changes; a wall time that does not exist (spring forward) moves on by the gap.
 */
export function sameWallClockIn(planned: Date, timeZone: string, from = PLANNING_TIME_ZONE): Date {
  const wall = wallClock(planned, from)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  let guess = asUtc
  for (let pass = 0; pass < 2; pass++) {
    const seen = wallClock(new Date(guess), timeZone)
    guess -= Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second) - asUtc
  }
  // Intl's wall clock stops at seconds; the milliseconds carry over unchanged.
  return new Date(guess + (planned.getTime() % 1000))
}

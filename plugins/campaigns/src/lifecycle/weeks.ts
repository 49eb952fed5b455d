import { PLANNING_TIME_ZONE } from '@kontorwerk/personalization'

import { atLocal, localClock } from '../automation/sendTiming'

/** One calendar week of the lifecycle report: Monday 00:00 to Sunday 24:00 on the planning zone's clock. */
export type ReportWeek = {
  /** The last millisecond of the week (the one before next Monday 00:00), or `now` for the current week. */
  end: string
  /** The ISO 8601 week, e.g. `2026-W49` ("KW 49"). */
  iso: string
  start: string
}

const DAY = 86_400_000

/** The date `days` after a `YYYY-MM-DD` date, as a calendar date (no clock, so no daylight-saving step). */
const plusDays = (date: string, days: number) => {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/** The ISO week of a Monday: the week belongs to the year of its Thursday and counts from that year's first Thursday. */
function isoWeek(monday: string): string {
  const thursday = new Date(`${plusDays(monday, 3)}T00:00:00Z`)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/**
 * The last `count` calendar weeks up to `now`, oldest first: Monday 00:00 to Sunday 24:00 in the
 * zone campaigns are planned in (Europe/Berlin, DST-exact: a week of the clock change is an hour
 * shorter or longer). The last week is the current one and ends at `now`.
 */
export function reportWeeks(now: Date, count: number, timeZone = PLANNING_TIME_ZONE): ReportWeek[] {
  const today = localClock(now, timeZone).date
  // getUTCDay of a calendar date: 0 Sunday … 6 Saturday; Monday is day 0 of the ISO week.
  const monday = plusDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7))
  return Array.from({ length: count }, (_, index) => {
    const first = plusDays(monday, -7 * (count - 1 - index))
    const next = atLocal(plusDays(first, 7), 0, timeZone)
    const last = index === count - 1
    return {
      end: (last ? now : new Date(next.getTime() - 1)).toISOString(),
      iso: isoWeek(first),
      start: atLocal(first, 0, timeZone).toISOString(),
    }
  })
}

/**
 * When an A/B test is checked (docs/plugins/campaigns.md#ab-tests): first `decideAfterHours` after the
 * variants went out, then evenly up to `maxTestHours`, at most AB_MAX_CHECKS times, an hour apart or
 * more unless the two are closer. The checks share the 5 % error of the test (abSignificance), so a few well-spaced looks
 * beat hourly ones that would each have to clear a far higher bar. Pure and client-safe: the sidebar
 * shows the same times the worker uses.
 */

export const DEFAULT_DECIDE_AFTER_HOURS = 4
export const DEFAULT_MAX_TEST_HOURS = 72
/** The longest a test may run (two weeks, as `decideAfterHours`). */
export const MAX_TEST_HOURS_LIMIT = 336
export const AB_MAX_CHECKS = 4

/** What the rest gets when the last check finds no significant winner: the first variant, or the observed leader. */
export type NoWinnerSends = 'control' | 'leader'

export type AbTiming = {
  decideAfterHours?: null | number
  maxTestHours?: null | number
  noWinnerSends?: NoWinnerSends | null
}

const HOUR_MS = 3_600_000

/** The test's maximum in hours; a stored one below the decision time (set before the rule) counts as the decision time. */
export const maxTestHoursOf = (timing: AbTiming) =>
  Math.max(timing.decideAfterHours ?? DEFAULT_DECIDE_AFTER_HOURS, timing.maxTestHours ?? DEFAULT_MAX_TEST_HOURS)

/** The times of all checks of a test whose variants went out at `startedAt`; the last one always decides. */
export function abCheckTimes(timing: AbTiming, startedAt: Date): Date[] {
  const first = timing.decideAfterHours ?? DEFAULT_DECIDE_AFTER_HOURS
  const span = maxTestHoursOf(timing) - first
  // The last check is always at the maximum; in between, checks an hour apart or more.
  const checks = span > 0 ? 1 + Math.min(AB_MAX_CHECKS - 1, Math.max(1, Math.floor(span))) : 1
  const step = checks > 1 ? span / (checks - 1) : 0
  return Array.from(
    { length: checks },
    (_, index) => new Date(Math.round(startedAt.getTime() + (first + index * step) * HOUR_MS)),
  )
}

/** How many of the checks are due at `now` (0 before the first). */
export const checksDueAt = (times: Date[], now: Date) => times.filter((time) => time.getTime() <= now.getTime()).length

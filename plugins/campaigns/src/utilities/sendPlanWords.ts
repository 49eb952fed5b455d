import { DEFAULT_DECIDE_AFTER_HOURS, maxTestHoursOf, type NoWinnerSends } from '../sending/abSchedule'

/**
 * The send plan in words for the confirmation dialog and the sidebar: the A/B split ("Variante A
 * und B je 10 %, Gewinner nach 4 Stunden an die übrigen 80 %") and what a waiting send waits for.
 * Pure and client-safe: the words come from the package's translations through `t`, numbers and
 * times are formatted for the admin's language and time zone.
 */

export type AbPlan = {
  decideAfterHours: number
  holdoutPercent: number
  /** Without a significant winner the test runs on until then; never before `decideAfterHours`. */
  maxTestHours: number
  metric: 'conversion_rate' | 'unique_click_rate'
  noWinnerSends: NoWinnerSends
  variants: { key: string; share: number }[]
}

export type SendPlanKey =
  | 'kontorwerk-campaigns:planAnd'
  | 'kontorwerk-campaigns:planEachShare'
  | 'kontorwerk-campaigns:planFallbackControl'
  | 'kontorwerk-campaigns:planFallbackLeader'
  | 'kontorwerk-campaigns:planHoldout'
  | 'kontorwerk-campaigns:planHour'
  | 'kontorwerk-campaigns:planHours'
  | 'kontorwerk-campaigns:planMetricClicks'
  | 'kontorwerk-campaigns:planMetricConversions'
  | 'kontorwerk-campaigns:planNoAbTest'
  | 'kontorwerk-campaigns:planNoWinner'
  | 'kontorwerk-campaigns:planShares'
  | 'kontorwerk-campaigns:planStillTesting'
  | 'kontorwerk-campaigns:planWaitsForWinner'
  | 'kontorwerk-campaigns:planWaitsForWinnerUpTo'
  | 'kontorwerk-campaigns:planWinner'

export type Translate = (key: SendPlanKey, vars?: Record<string, string>) => string

const percent = (value: number, locale: string) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1, style: 'percent' }).format(value / 100)

/** "A, B und C" in the admin's language. */
const listOf = (items: string[], t: Translate) =>
  items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${t('kontorwerk-campaigns:planAnd')} ${items.at(-1)}`

export const hoursIn = (hours: number, t: Translate, locale: string) =>
  t(hours === 1 ? 'kontorwerk-campaigns:planHour' : 'kontorwerk-campaigns:planHours', {
    hours: new Intl.NumberFormat(locale).format(hours),
  })

/** The A/B plan as one sentence; a campaign without variants says that everyone gets the same mail. */
export function abPlanWords(plan: AbPlan | null, t: Translate, locale: string): string {
  if (!plan || plan.variants.length === 0) return t('kontorwerk-campaigns:planNoAbTest')
  const shares = plan.variants.map((variant) => variant.share)
  const split = shares.every((share) => share === shares[0])
    ? t('kontorwerk-campaigns:planEachShare', {
        share: percent(shares[0], locale),
        variants: listOf(
          plan.variants.map((variant) => variant.key),
          t,
        ),
      })
    : t('kontorwerk-campaigns:planShares', {
        variants: listOf(
          plan.variants.map((variant) => `${variant.key} ${percent(variant.share, locale)}`),
          t,
        ),
      })
  const rest = 100 - shares.reduce((sum, share) => sum + share, 0) - plan.holdoutPercent
  const parts = [split]
  parts.push(
    rest > 0
      ? t('kontorwerk-campaigns:planWinner', {
          fallback: fallbackIn(plan, t),
          hours: hoursIn(plan.decideAfterHours, t, locale),
          maxHours: hoursIn(plan.maxTestHours, t, locale),
          metric: t(
            plan.metric === 'conversion_rate'
              ? 'kontorwerk-campaigns:planMetricConversions'
              : 'kontorwerk-campaigns:planMetricClicks',
          ),
          share: percent(rest, locale),
        })
      : t('kontorwerk-campaigns:planNoWinner'),
  )
  if (plan.holdoutPercent > 0)
    parts.push(t('kontorwerk-campaigns:planHoldout', { share: percent(plan.holdoutPercent, locale) }))
  return parts.join(', ')
}

/** What the rest gets when the test ends without a significant winner: "die Kontrollvariante A". */
const fallbackIn = (plan: Pick<AbPlan, 'noWinnerSends' | 'variants'>, t: Translate) =>
  plan.noWinnerSends === 'leader'
    ? t('kontorwerk-campaigns:planFallbackLeader')
    : t('kontorwerk-campaigns:planFallbackControl', { variant: plan.variants[0]?.key ?? '' })

/**
 * What the waiting rest of a running test waits for, at the check times the worker uses
 * (abCheckTimes) and after `checks` checks made: before the first, "Wartet auf den A/B-Gewinner bis
 * 14:30 (4 Stunden nach dem Versand der Varianten); ohne signifikanten Unterschied länger, spätestens
 * bis …"; after one without a winner, the next check and the last. Null once the last check is due.
 */
export function winnerWaitWords(
  plan: AbPlan,
  times: Date[],
  checks: number,
  t: Translate,
  locale: string,
  { now = new Date(), timeZone }: { now?: Date; timeZone?: string } = {},
): null | string {
  const last = times.at(-1)
  if (!last || last.getTime() <= now.getTime() || checks >= times.length) return null
  const at = (date: Date) =>
    new Intl.DateTimeFormat(locale, {
      ...(now.toDateString() === date.toDateString() ? {} : { day: 'numeric', month: 'short' }),
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(date)
  const next = times[checks]
  if (checks === 0) {
    const hours = hoursIn(plan.decideAfterHours, t, locale)
    return times.length === 1
      ? t('kontorwerk-campaigns:planWaitsForWinner', { hours, time: at(next) })
      : t('kontorwerk-campaigns:planWaitsForWinnerUpTo', { hours, latest: at(last), time: at(next) })
  }
  return t('kontorwerk-campaigns:planStillTesting', { fallback: fallbackIn(plan, t), latest: at(last), next: at(next) })
}

/** The campaign's A/B settings as the plan words read them (null: no test). */
export function abPlanOf(
  abTest:
    | {
        decideAfterHours?: null | number
        holdoutPercent?: null | number
        maxTestHours?: null | number
        noWinnerSends?: null | string
        variants?: null | { key: string; share: number }[]
        winnerMetric?: null | string
      }
    | null
    | undefined,
): AbPlan | null {
  const variants = (abTest?.variants ?? []).map(({ key, share }) => ({ key, share }))
  if (variants.length === 0) return null
  return {
    decideAfterHours: abTest?.decideAfterHours ?? DEFAULT_DECIDE_AFTER_HOURS,
    holdoutPercent: abTest?.holdoutPercent ?? 0,
    maxTestHours: maxTestHoursOf({
      decideAfterHours: abTest?.decideAfterHours,
      maxTestHours: abTest?.maxTestHours,
    }),
    metric: abTest?.winnerMetric === 'conversion_rate' ? 'conversion_rate' : 'unique_click_rate',
    noWinnerSends: abTest?.noWinnerSends === 'leader' ? 'leader' : 'control',
    variants,
  }
}

import type { CampaignsTranslationKey } from '../translations'
import type { AbTestReport } from './abTestReport'
import type { ReportFormat } from './reportFormat'

type Words = (key: CampaignsTranslationKey, vars?: Record<string, string>) => string

/** Shown as "über 99,9 %" above that: one decimal would round a p of 0.0004 up to a certain "100,0 %". */
const SHOWN_CONFIDENCE_LIMIT = 0.999

/**
 * The A/B test in the report's words: "Variante B gewinnt (99,2 % Konfidenz …)", "Kein signifikanter
 * Gewinner – gesendet wurde Variante A (Kontrolle)." with what the last check saw, or while it runs
 * the checks made, the next and the last one. Empty before the campaign started.
 */
export function abTestWords(test: AbTestReport, status: string, t: Words, format: ReportFormat): string[] {
  const metric = t(
    test.metric === 'conversion_rate'
      ? 'kontorwerk-campaigns:planMetricConversions'
      : 'kontorwerk-campaigns:planMetricClicks',
  )
  const confidence = (value: null | number) =>
    value != null && value > SHOWN_CONFIDENCE_LIMIT
      ? t('kontorwerk-campaigns:reportAbAbove', { value: format.percent(SHOWN_CONFIDENCE_LIMIT) })
      : format.percent(value ?? 0)
  const lastCheck = () =>
    test.reason === 'sample_too_small'
      ? t('kontorwerk-campaigns:reportAbTooFew', {
          successes: t(
            test.metric === 'conversion_rate'
              ? 'kontorwerk-campaigns:reportAbSuccessesConversions'
              : 'kontorwerk-campaigns:reportAbSuccessesClicks',
          ),
        })
      : t('kontorwerk-campaigns:reportAbLastCheck', {
          confidence: confidence(test.confidence),
          leader: test.leader ?? test.control,
          metric,
        })

  if (test.sent) {
    if (test.outcome === 'winner')
      return [
        t('kontorwerk-campaigns:reportAbWinner', {
          confidence: confidence(test.confidence),
          metric,
          variant: test.sent,
        }),
      ]
    const noWinner =
      test.outcome === 'leader'
        ? 'kontorwerk-campaigns:reportAbNoWinnerLeader'
        : 'kontorwerk-campaigns:reportAbNoWinnerControl'
    return [t(noWinner, { variant: test.sent }), lastCheck()]
  }
  if (status === 'cancelled') return [t('kontorwerk-campaigns:reportAbCancelled')]
  if (!test.nextCheckAt) return []
  const schedule = {
    fallback:
      test.noWinnerSends === 'leader'
        ? t('kontorwerk-campaigns:planFallbackLeader')
        : t('kontorwerk-campaigns:planFallbackControl', { variant: test.control }),
    latest: format.dateTime(test.latestAt),
    next: format.dateTime(test.nextCheckAt),
  }
  if (test.checks === 0) return [t('kontorwerk-campaigns:reportAbFirstCheck', schedule)]
  return [
    t('kontorwerk-campaigns:reportAbRunning', {
      ...schedule,
      checks: format.number(test.checks),
      planned: format.number(test.plannedChecks),
    }),
    lastCheck(),
  ]
}

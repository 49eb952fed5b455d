import type { ReportWords } from '../components/ReportTable'
import type { AutomationHoldoutReport } from './automationHoldout'
import type { ReportFormat } from './reportFormat'

/**
 * An automation against its holdout in the report's words: without a holdout it says so ("Keine
 * Kontrollgruppe …") instead of showing a difference of 0 that nothing was measured for; else the
 * groups, then per currency each group's revenue per person and the difference with its interval.
 */
export function automationHoldoutWords(
  report: AutomationHoldoutReport,
  t: ReportWords,
  format: ReportFormat,
): string[] {
  if (report.holdout === 0 && report.holdoutPercent > 0)
    return [
      t('kontorwerk-campaigns:reportAutomationHoldoutEmpty', {
        percent: format.percent(report.holdoutPercent / 100),
        treated: format.number(report.treated),
      }),
    ]
  if (report.holdout === 0) return [t('kontorwerk-campaigns:reportAutomationNoHoldout')]
  if (!report.revenue)
    return [t('kontorwerk-campaigns:reportAutomationNoTreated', { holdout: format.number(report.holdout) })]
  const groups = t('kontorwerk-campaigns:reportAutomationGroups', {
    days: format.number(report.windowDays),
    holdout: format.number(report.holdout),
    percent: format.percent(report.holdoutPercent / 100),
    treated: format.number(report.treated),
  })
  if (report.revenue.length === 0) return [groups, t('kontorwerk-campaigns:reportAutomationNoRevenue')]
  return [
    groups,
    ...report.revenue.map((entry) => {
      const money = (amount: number) => format.money([{ amount, currency: entry.currency }])
      const line = t('kontorwerk-campaigns:reportAutomationLine', {
        high: money(entry.totalHigh),
        holdoutMean: money(entry.holdoutMean),
        low: money(entry.totalLow),
        perRecipient: money(entry.perRecipient),
        total: money(entry.total),
        treatedMean: money(entry.recipientsMean),
      })
      const verdict = t(
        entry.significant
          ? 'kontorwerk-campaigns:reportIncrementalSignificant'
          : 'kontorwerk-campaigns:reportIncrementalNotSignificant',
      )
      return `${line} ${verdict}`
    }),
  ]
}

import type { Campaign } from '../documents'
import type { AbReason } from '../sending/abSignificance'

import { abCheckTimes, type NoWinnerSends } from '../sending/abSchedule'

/**
 * Where a campaign's A/B test stands, as stored by the worker (sending/abTest.ts): decided (which
 * variant the rest got and why) or still running (checks made, the next one, the last one). The
 * report shows what was decided, not a fresh computation: it never says "significant" while the
 * rest still waits for the next check.
 */
export type AbTestReport = {
  /** Checks made so far, of `plannedChecks`. */
  checks: number
  /** 1 − pValue at the last check; null before it, or when there were too few successes to test. */
  confidence: null | number
  /** The first variant: what the rest gets without a significant winner, unless `noWinnerSends` is the leader. */
  control: string
  decidedAt: null | string
  /** The last check's time at the latest, when the rest gets a variant whatever the test says. */
  latestAt: null | string
  /** The variant with the best rate at the last check. */
  leader: null | string
  method: null | string
  metric: 'conversion_rate' | 'unique_click_rate'
  /** The next check while the test runs; null once decided. */
  nextCheckAt: null | string
  noWinnerSends: NoWinnerSends
  /** Why `sent` was sent: a significant winner, or at the maximum the control or the leader. */
  outcome: 'control' | 'leader' | 'winner' | null
  plannedChecks: number
  pValue: null | number
  reason: AbReason | null
  /** The variant the rest got; null while the test runs. */
  sent: null | string
  significant: boolean
}

/** The test's state, or null for a campaign without a test or without a rest waiting for a winner. */
export function abTestReport(campaign: Campaign): AbTestReport | null {
  const variants = campaign.abTest?.variants ?? []
  const shares = variants.reduce((sum, variant) => sum + variant.share, 0) + (campaign.abTest?.holdoutPercent ?? 0)
  if (variants.length === 0 || shares >= 100) return null
  const decision = campaign.abDecision ?? {}
  const times = campaign.startedAt ? abCheckTimes(campaign.abTest ?? {}, new Date(campaign.startedAt)) : []
  const checks = decision.checks ?? 0
  const sent = campaign.abWinner ?? null
  return {
    checks,
    confidence: decision.pValue == null ? null : 1 - decision.pValue,
    control: variants[0].key,
    decidedAt: decision.decidedAt ?? null,
    latestAt: times.at(-1)?.toISOString() ?? null,
    leader: decision.leader ?? null,
    method: decision.method ?? null,
    metric: campaign.abTest?.winnerMetric === 'conversion_rate' ? 'conversion_rate' : 'unique_click_rate',
    nextCheckAt: sent ? null : (times[checks]?.toISOString() ?? null),
    noWinnerSends: campaign.abTest?.noWinnerSends === 'leader' ? 'leader' : 'control',
    outcome: sent ? (decision.outcome ?? null) : null,
    plannedChecks: times.length || abCheckTimes(campaign.abTest ?? {}, new Date()).length,
    pValue: decision.pValue ?? null,
    reason: decision.reason ?? null,
    sent,
    significant: Boolean(decision.significant),
  }
}

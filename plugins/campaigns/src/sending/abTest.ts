import type { Payload } from 'payload'

import { relationKey } from '@kontorwerk/personalization'

import type { Campaign } from '../documents'
import type { Problem } from '../utilities/readiness'

import { campaignReport, type CampaignReport } from '../reporting/campaignReport'
import { recordAbCheck } from '../utilities/campaignStatus'
import { stablePercent } from '../utilities/stablePercent'
import { abCheckTimes, checksDueAt } from './abSchedule'
import { AB_METHOD, abSignificance, type VariantCounts } from './abSignificance'

export const HOLDOUT = 'holdout'
/** Recipients who wait for the winner. */
export const WINNER = 'winner'

export type Variant = { block: null | string; key: string; share: number; slot: null | string; subject: null | string }
export type Assignment = { variant: null | string; waits: boolean; holdout: boolean }

export const variantsOf = (campaign: Campaign): Variant[] =>
  (campaign.abTest?.variants ?? []).map((variant) => ({
    block: relationKey(variant.block),
    key: variant.key,
    share: variant.share,
    slot: variant.slot || null,
    subject: variant.subject || null,
  }))

/** The share (0–100) left for the winner after the variants and the holdout. */
export const remainderOf = (campaign: Campaign) => {
  const variants = variantsOf(campaign)
  if (variants.length === 0) return 0
  return 100 - variants.reduce((sum, variant) => sum + variant.share, 0) - (campaign.abTest?.holdoutPercent ?? 0)
}

/**
 * Which group a recipient falls in: a stable hash of campaign and subscriber picks a point in
 * [0, 100); the variants' shares, then the holdout, then the remainder (the winner's) cover it in
 * order. The same recipient always lands in the same group, whichever worker asks.
 */
export function assignVariant(campaign: Campaign, subscriber: string): Assignment {
  const variants = variantsOf(campaign)
  if (variants.length === 0) return { holdout: false, variant: null, waits: false }
  const point = stablePercent(String(campaign.id), subscriber)
  let edge = 0
  for (const variant of variants) {
    edge += variant.share
    if (point < edge) return { holdout: false, variant: variant.key, waits: false }
  }
  edge += campaign.abTest?.holdoutPercent ?? 0
  if (point < edge) return { holdout: true, variant: HOLDOUT, waits: false }
  return { holdout: false, variant: WINNER, waits: true }
}

/** What is wrong with a campaign's A/B settings (checked when scheduling and starting). */
export function abTestProblems(campaign: Campaign, slotKeys: string[]): Problem[] {
  const variants = variantsOf(campaign)
  if (variants.length === 0) return []
  const problems: Problem[] = []
  const problem = (message: string) => problems.push({ code: 'AB_TEST', message })
  if (variants.length < 2) problem('An A/B test needs at least two variants')
  const keys = variants.map((variant) => variant.key)
  if (new Set(keys).size !== keys.length) problem('Variant names must differ')
  if (keys.some((key) => key === HOLDOUT || key === WINNER)) problem(`"${HOLDOUT}" and "${WINNER}" are reserved names`)
  if (remainderOf(campaign) < 0) problem('Variant shares and holdout add up to more than 100 %')
  for (const variant of variants) {
    if (!variant.subject && !variant.block)
      problem(`Variant "${variant.key}" changes nothing: give a subject or a block`)
    if (variant.block && !variant.slot) problem(`Variant "${variant.key}" names a block but no slot`)
    if (variant.slot && !slotKeys.includes(variant.slot))
      problem(`Variant "${variant.key}": the newsletter has no slot "${variant.slot}"`)
  }
  return problems
}

/** What the waiting recipients do now: get `winner`, or wait until the next check. */
export type WinnerState = { waitUntil: Date } | { winner: string }

/**
 * The A/B test's winner, checked when the waiting recipients become due (docs/plugins/campaigns.md#ab-tests).
 * At each check (abCheckTimes: `decideAfterHours` after the start, then evenly up to `maxTestHours`)
 * the leader is sent only if it is significantly better than every other variant (abSignificance);
 * at the last check without one, the control or the leader (`noWinnerSends`). Each check and the
 * decision are stored once on the campaign (recordAbCheck), so every worker and every later batch
 * goes by the same; a check already made for this time is not made again.
 */
export async function winnerOf(payload: Payload, campaign: Campaign, now = new Date()): Promise<WinnerState> {
  if (campaign.abWinner) return { winner: campaign.abWinner }
  const timing = campaign.abTest ?? {}
  const times = abCheckTimes(timing, new Date(campaign.startedAt ?? now))
  const due = checksDueAt(times, now)
  const made = campaign.abDecision?.checks ?? 0
  // Shortened while paused (fewer checks planned than made): the test is over, decide now.
  const over = made >= times.length
  if (!over && made >= due) return { waitUntil: times[made] }
  const check = over ? made + 1 : due

  const report = await campaignReport(payload, String(campaign.id))
  const verdict = abSignificance(testedCounts(campaign, report), { checks: Math.max(times.length, check) })
  // Not significant at the last check: the control (the first variant) or, if so chosen, the leader anyway.
  const fallback = timing.noWinnerSends === 'leader' ? 'leader' : 'control'
  let winner: string | undefined
  if (verdict.significant) winner = verdict.leader
  else if (check >= times.length) winner = fallback === 'leader' ? verdict.leader : variantsOf(campaign)[0].key
  const stored = await recordAbCheck(payload, campaign.id, check, {
    abDecision: {
      checkedAt: now.toISOString(),
      checks: check,
      decidedAt: winner ? now.toISOString() : null,
      leader: verdict.leader,
      method: AB_METHOD,
      outcome: winner ? (verdict.significant ? 'winner' : fallback) : null,
      pValue: verdict.pValue,
      reason: verdict.reason,
      significant: verdict.significant,
    },
    abWinner: winner,
  })
  if (stored.abWinner) {
    if (stored.abDecision?.decidedAt && new Date(stored.abDecision.decidedAt).getTime() === now.getTime())
      payload.logger.info(
        `Campaign ${campaign.id}: variant ${winner} goes to the rest (${verdict.reason}, p ${verdict.pValue ?? '–'}, check ${check} of ${times.length})`,
      )
    return { winner: stored.abWinner }
  }
  return { waitUntil: times[Math.min(stored.abDecision?.checks ?? check, times.length - 1)] }
}

/**
 * Each tested variant's recipients and successes from the report: unique clickers or converters
 * per sent mail, as the report's rates count them (a variant nobody got yet counts 0 of 0).
 */
function testedCounts(campaign: Campaign, report: CampaignReport): VariantCounts[] {
  const conversions = campaign.abTest?.winnerMetric === 'conversion_rate'
  return variantsOf(campaign).map(({ key }) => {
    const counts = report.variants.find((entry) => entry.variant === key)
    const n = counts?.sent ?? 0
    // Never more successes than mails: a click event cannot make a rate above 100 %.
    return { key, n, successes: Math.min(n, (conversions ? counts?.conversions : counts?.uniqueClicks) ?? 0) }
  })
}

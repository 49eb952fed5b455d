import type { Payload } from 'payload'

import { createHash } from 'node:crypto'

import { relationKey } from '@kontorwerk/personalization'

import type { Campaign } from '../documents'
import type { Problem } from '../utilities/readiness'

import { campaignReport } from '../reporting/campaignReport'
import { setCampaignStatus } from '../utilities/campaignStatus'

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
  const point = (createHash('sha256').update(`${campaign.id}:${subscriber}`).digest().readUInt32BE(0) / 2 ** 32) * 100
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

/**
 * The winner, decided once when the waiting recipients become due: the variant with the best
 * metric (unique click rate or conversion rate; ties go to the first variant). Stored on the
 * campaign, so every worker and every later batch uses the same one.
 */
export async function winnerOf(payload: Payload, campaign: Campaign): Promise<string> {
  if (campaign.abWinner) return campaign.abWinner
  const report = await campaignReport(payload, String(campaign.id))
  const metric = campaign.abTest?.winnerMetric === 'conversion_rate' ? 'conversionRate' : 'clickRate'
  const tested = variantsOf(campaign).map(
    (variant) =>
      report.variants.find((entry) => entry.variant === variant.key) ?? { [metric]: 0, variant: variant.key },
  )
  const best = tested.reduce((winner, entry) => ((entry[metric] ?? 0) > (winner[metric] ?? 0) ? entry : winner))
  await setCampaignStatus(payload, campaign.id, { abWinner: best.variant })
  payload.logger.info(`Campaign ${campaign.id}: variant ${best.variant} wins by ${metric}`)
  return best.variant
}

import type { Payload, PayloadRequest } from 'payload'

import {
  CodedError,
  hasApiScope,
  idFromKey,
  isPossibleId,
  relationKey,
  runSql,
  sql,
  sqlTable,
} from '@kontorwerk/personalization'

import type { Automation, Campaign } from '../documents'

import { AUTOMATIONS, CAMPAIGN_SENDS, CAMPAIGNS } from '../defaults'
import { campaignsOptions } from '../utilities/options'
import { abTestReport, type AbTestReport } from './abTestReport'
import { automationHoldoutReport, type AutomationHoldoutReport } from './automationHoldout'
import {
  incrementalRevenue,
  type IncrementalRevenue,
  revenueShare,
  type RevenueShare,
  withinDaysAfter,
} from './incrementalRevenue'
import { campaignRevenue, type Revenue } from './revenue'

/** Days after a send in which a purchase or an unsubscribe counts for the campaign. */
export const ATTRIBUTION_DAYS = 7

/**
 * A report limited to a period (the lifecycle dashboard's channel figures): send records sent in it,
 * opens, clicks and bounces that happened in it, conversions after those sends, revenue of purchases
 * in it whose last click was in it too. ISO timestamps, both ends included.
 */
export type ReportPeriod = { from: string; to: string }

export type Counts = {
  bounced: number
  cancelled: number
  clickRate: number
  clicks: number
  conversionRate: number
  conversions: number
  delivered: number
  failed: number
  opens: number
  pending: number
  recipients: number
  sent: number
  skipped: number
  uniqueClicks: number
  uniqueOpens: number
  /** Sent, but no answer of the server recorded: the worker died after the message's final dot, before writing the 250. */
  unconfirmed: number
  unsubscribes: number
}

export type CampaignReport = Counts & {
  /** Where the A/B test stands: decided (which variant the rest got, and why) or running; null without a test or a rest. */
  abTest: AbTestReport | null
  /**
   * For a step campaign: its automation as a whole against the automation's holdout (with
   * `revenueAnalysis`; null for a single campaign, a deleted automation, and in lists).
   */
  automationHoldout: AutomationHoldoutReport | null
  blocks: { block: string; clicks: number; revenue: Revenue; uniqueClicks: number }[]
  campaign: string
  name: string
  /** What the mails added against the holdout, per currency, with a 95 % interval; empty without a holdout, and in lists. */
  incrementalRevenue: IncrementalRevenue[]
  /** Purchases attributed to this campaign's mails by last click, per currency (reporting/revenue.ts). */
  revenue: Revenue
  revenueByProduct: { product: string; revenue: Revenue }[]
  /** The attributed revenue's share of all purchases in the campaign's period, per currency. */
  revenueShare: RevenueShare[]
  skippedBy: { count: number; reason: string }[]
  status: string
  statusReason: null | string
  variants: (Counts & { revenue: Revenue; variant: string })[]
}

type Table = Record<string, unknown>

const empty = (): Counts => ({
  bounced: 0,
  cancelled: 0,
  clickRate: 0,
  clicks: 0,
  conversionRate: 0,
  conversions: 0,
  delivered: 0,
  failed: 0,
  opens: 0,
  pending: 0,
  recipients: 0,
  sent: 0,
  skipped: 0,
  uniqueClicks: 0,
  uniqueOpens: 0,
  unconfirmed: 0,
  unsubscribes: 0,
})

/**
 * Per campaign and variant (docs/plugins/campaigns.md#reports): recipients by state from the send records; opens, clicks
 * (also per block) and bounces from the events that carry the campaign; conversions (purchases) and
 * unsubscribes of recipients within ATTRIBUTION_DAYS of their send (for the holdout: of the campaign's
 * start). Click rate = unique clicks / sent; conversion rate = conversions / sent (holdout: / members).
 */
export async function campaignReport(
  payload: Payload,
  id: string,
  req?: PayloadRequest,
  /** The holdout comparison and the revenue share: three more queries, for the one campaign someone looks at. */
  { period, revenueAnalysis = false }: { period?: ReportPeriod; revenueAnalysis?: boolean } = {},
): Promise<CampaignReport> {
  const campaign = isPossibleId(payload, id)
    ? await payload.findByID({ id, collection: CAMPAIGNS as 'campaigns', depth: 0, disableErrors: true, req })
    : null
  if (!campaign) throw new CodedError('NOT_FOUND', `Campaign ${id} not found`)
  if (payload.db.name === 'mongoose')
    throw new CodedError('FAILED_PRECONDITION', 'Campaign reports need SQLite or PostgreSQL for now')
  const key = String(campaign.id)
  const facts = await reportFacts(payload, key, campaign.startedAt, period)
  const byVariant = new Map<string, Counts>()
  const counts = (variant: string) => byVariant.get(variant) ?? byVariant.set(variant, empty()).get(variant)!
  const skippedBy = new Map<string, number>()
  const unique = new Map<string, Set<string>>()
  const distinct = (name: string, value: string) =>
    (unique.get(name) ?? unique.set(name, new Set()).get(name)!).add(value)

  for (const row of facts.sends) {
    const variant = String(row.variant ?? '-')
    const n = Number(row.count)
    for (const target of [counts(variant), counts('*')]) {
      target.recipients += n
      target[row.state as 'cancelled' | 'failed' | 'pending' | 'sent' | 'skipped'] += n
      target.delivered += Number(row.delivered)
    }
    if (row.state === 'skipped') skippedBy.set(String(row.reason), (skippedBy.get(String(row.reason)) ?? 0) + n)
  }
  const blocks = new Map<string, { clicks: number; subscribers: Set<string> }>()
  for (const row of facts.events) {
    // Tracking messages name the variant (`campaign:<id>:<variant>`); bounces carry it as a property.
    const variant =
      row.type === 'bounce' ? String(row.variant ?? '-') : (String(row.message ?? '').split(':')[2] ?? '-')
    const subscriber = String(row.subscriber)
    for (const scope of [variant, '*']) {
      const target = counts(scope)
      if (row.type === 'email_opened') {
        target.opens++
        distinct(`opens:${scope}`, subscriber)
      } else if (row.type === 'email_clicked') {
        target.clicks++
        distinct(`clicks:${scope}`, subscriber)
      } else if (row.type === 'bounce') distinct(`bounces:${scope}`, subscriber)
    }
    if (row.type === 'email_clicked' && row.block) {
      const entry =
        blocks.get(String(row.block)) ??
        blocks.set(String(row.block), { clicks: 0, subscribers: new Set() }).get(String(row.block))!
      entry.clicks++
      entry.subscribers.add(subscriber)
    }
  }
  for (const row of facts.outcomes) {
    const variant = String(row.variant ?? '-')
    for (const target of [counts(variant), counts('*')]) {
      target.conversions += Number(row.conversions)
      target.unsubscribes += Number(row.unsubscribes)
    }
  }
  for (const [scope, target] of byVariant) {
    target.uniqueOpens = unique.get(`opens:${scope}`)?.size ?? 0
    target.uniqueClicks = unique.get(`clicks:${scope}`)?.size ?? 0
    target.bounced = unique.get(`bounces:${scope}`)?.size ?? 0
    // Counted from the same records as `sent`, so delivered + unconfirmed = sent whatever a kill interrupted.
    target.unconfirmed = target.sent - target.delivered
    target.clickRate = target.sent > 0 ? target.uniqueClicks / target.sent : 0
    // The holdout got nothing: its rate is per member, which is what the campaign is measured against.
    const base = scope === 'holdout' ? target.skipped : target.sent
    target.conversionRate = base > 0 ? target.conversions / base : 0
  }
  const total = counts('*')
  const clickers = facts.events.filter((row) => row.type === 'email_clicked').map((row) => String(row.subscriber))
  const windowDays = campaignsOptions(payload).revenueAttributionDays
  const revenue = await campaignRevenue(payload, key, clickers, windowDays, period)
  const [incremental, share, automationHoldout] = revenueAnalysis
    ? await Promise.all([
        incrementalRevenue(payload, key, campaign.startedAt, windowDays),
        revenueShare(payload, key, campaign.startedAt, windowDays, revenue.total),
        holdoutOfAutomation(payload, campaign as Campaign, windowDays),
      ])
    : [[], [], null]
  return {
    ...total,
    abTest: abTestReport(campaign as Campaign),
    automationHoldout,
    blocks: [...blocks]
      .map(([block, entry]) => ({
        block,
        clicks: entry.clicks,
        revenue: revenue.blocks.get(block) ?? [],
        uniqueClicks: entry.subscribers.size,
      }))
      .sort((a, b) => b.uniqueClicks - a.uniqueClicks),
    campaign: key,
    incrementalRevenue: incremental,
    name: campaign.name,
    revenue: revenue.total,
    revenueByProduct: revenue.products,
    revenueShare: share,
    skippedBy: [...skippedBy].map(([reason, count]) => ({ count, reason })).sort((a, b) => b.count - a.count),
    status: campaign.status,
    // "Paused by <email>" names a member of staff: an integration's reports key gets the numbers, not the people.
    statusReason: req && hasApiScope(req, 'reports') ? null : (campaign.statusReason ?? null),
    variants: [...byVariant]
      .filter(([scope]) => scope !== '*' && scope !== '-')
      .map(([variant, value]) => ({ ...value, revenue: revenue.variants.get(variant) ?? [], variant })),
  }
}

/** The automation a step campaign belongs to, against its holdout; null for a single campaign or a deleted automation. */
async function holdoutOfAutomation(
  payload: Payload,
  campaign: Campaign,
  windowDays: number,
): Promise<AutomationHoldoutReport | null> {
  const id = relationKey(campaign.automation)
  if (!id) return null
  const automation = await payload.findByID({
    id,
    collection: AUTOMATIONS as 'automations',
    depth: 0,
    disableErrors: true,
  })
  return automation ? automationHoldoutReport(payload, automation as Automation, windowDays) : null
}

/** Three grouped queries: send records by state, the campaign's engagement events, attributed outcomes. */
async function reportFacts(
  payload: Payload,
  campaign: string,
  startedAt: null | string | undefined,
  period?: ReportPeriod,
) {
  const sends = sqlTable<Table>(payload, CAMPAIGN_SENDS)
  const events = sqlTable<Table>(payload, 'events')
  const consents = sqlTable<Table>(payload, 'consent-records')
  const postgres = payload.db.name === 'postgres'
  const id = idFromKey(payload, campaign)
  const jsonText = (field: string) =>
    postgres ? sql`(${events.properties} ->> ${field})` : sql`json_extract(${events.properties}, ${`$.${field}`})`
  // The holdout was never sent anything: its window opens when the campaign started.
  const anchor = sql`coalesce(${sends.sentAt}, ${startedAt ?? new Date(0).toISOString()})`
  const within = (at: unknown) => withinDaysAfter(payload, at, anchor, ATTRIBUTION_DAYS)
  // With a period: only what was sent in it (the holdout was never sent anything).
  const inPeriod = (at: unknown) => (period ? sql` and ${at} >= ${period.from} and ${at} <= ${period.to}` : sql``)
  // Opens, clicks and bounces of the mails sent in the period, up to its end: a rate over the
  // period's sends counts only their readers (events of earlier mails pushed it past 100 %).
  const ofPeriodSends = period
    ? sql` and ${events.occurredAt} <= ${period.to} and exists (select 1 from ${sends} where ${sends.campaign} = ${id} and ${sends.subscriber} = ${events.subscriber}${inPeriod(sends.sentAt)})`
    : sql``
  const [sendRows, eventRows, outcomeRows] = await Promise.all([
    runSql(
      payload,
      sql`select ${sends.state} as state, ${sends.variant} as variant, ${sends.reason} as reason, count(*) as count, count(${sends.acceptedAt}) as delivered
      from ${sends} where ${sends.campaign} = ${id}${inPeriod(sends.sentAt)} group by ${sends.state}, ${sends.variant}, ${sends.reason}`,
    ),
    runSql(
      payload,
      sql`select ${events.type} as type, ${events.block} as block, ${events.subscriber} as subscriber, ${jsonText('message')} as message, ${jsonText('variant')} as variant from ${events}
      where ((${events.type} in ('email_opened', 'email_clicked') and ${jsonText('message')} like ${`campaign:${campaign}:%`})
         or (${events.type} = 'bounce' and ${jsonText('campaign')} = ${campaign}))${ofPeriodSends}`,
    ),
    runSql(
      payload,
      sql`select ${sends.variant} as variant,
        count(distinct case when exists (select 1 from ${events} where ${events.subscriber} = ${sends.subscriber} and ${events.type} = 'purchase' and ${within(events.occurredAt)}) then ${sends.subscriber} end) as conversions,
        count(distinct case when exists (select 1 from ${consents} where ${consents.subscriber} = ${sends.subscriber} and ${consents.action} = 'withdrawn' and ${consents.purpose} = 'marketing' and ${within(consents.occurredAt)}) then ${sends.subscriber} end) as unsubscribes
      from ${sends} where ${sends.campaign} = ${id} and (${sends.state} = 'sent' or ${sends.variant} = 'holdout')${inPeriod(sends.sentAt)} group by ${sends.variant}`,
    ),
  ])
  return { events: eventRows, outcomes: outcomeRows, sends: sendRows }
}

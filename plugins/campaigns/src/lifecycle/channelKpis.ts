import type { Payload, PayloadRequest, Where } from 'payload'

import type { Campaign } from '../documents'

import { CAMPAIGNS } from '../defaults'
import { ATTRIBUTION_DAYS, campaignReport, type CampaignReport, type ReportPeriod } from '../reporting/campaignReport'
import { inMinorUnit } from '../reporting/incrementalRevenue'
import { type Revenue } from '../reporting/revenue'

/** A channel's campaign figures in the period: sums of the campaign reports limited to it (campaignReport's `period`). */
export type ChannelKpis = {
  /** Campaigns (single ones and automation steps) with a send, an open or a click in the period. */
  campaigns: number
  channel: string
  /** Unique clicks / sent, as in the campaign report; opens and conversions alike. */
  clickRate: number
  conversionRate: number
  conversions: number
  delivered: number
  openRate: number
  revenue: Revenue
  sent: number
  uniqueClicks: number
  uniqueOpens: number
}

const DAY = 86_400_000
/** Campaign reports computed at once: each is three grouped queries and a read of its clickers' events. */
const AT_ONCE = 4

/** The channels a campaign can have, as the campaigns collection names them (email, sms, push). */
export function campaignChannels(payload: Payload): string[] {
  const field = payload.collections[CAMPAIGNS as 'campaigns']?.config.flattenedFields.find(
    (candidate) => candidate.name === 'channel',
  )
  const options = field && 'options' in field ? field.options : []
  return options.map((option) => (typeof option === 'string' ? option : option.value))
}

/** Money of several campaigns per currency, each sum in the currency's minor unit. */
export function addRevenue(lists: Revenue[]): Revenue {
  const sums = new Map<string, { amount: number; purchases: number }>()
  for (const { amount, currency, purchases } of lists.flat()) {
    const entry = sums.get(currency) ?? { amount: 0, purchases: 0 }
    sums.set(currency, { amount: entry.amount + amount, purchases: entry.purchases + purchases })
  }
  return [...sums]
    .map(([currency, { amount, purchases }]) => ({ amount: inMinorUnit(amount, currency), currency, purchases }))
    .sort((a, b) => a.currency.localeCompare(b.currency))
}

/**
 * Per channel, side by side, the campaign reports of the period added up: sent, delivered, unique
 * opens and clicks (unique per campaign), conversions and revenue by last click. The campaigns read are
 * those that started before the period's end and were still sending in it, or finished at most
 * ATTRIBUTION_DAYS before it (their late opens and clicks fall into it). Every channel the campaigns
 * collection offers is listed, also one with no campaign. SQL databases only, as the campaign report.
 */
export async function channelKpis(payload: Payload, period: ReportPeriod, req?: PayloadRequest) {
  const lookBack = new Date(new Date(period.from).getTime() - ATTRIBUTION_DAYS * DAY).toISOString()
  const where: Where = {
    and: [
      { startedAt: { less_than_equal: period.to } },
      { or: [{ finishedAt: { exists: false } }, { finishedAt: { greater_than_equal: lookBack } }] },
    ],
  }
  const { docs } = await payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    select: { channel: true },
    sort: 'id',
    where,
  })
  const campaigns = docs as unknown as Pick<Campaign, 'channel' | 'id'>[]
  const reports: CampaignReport[] = []
  for (let index = 0; index < campaigns.length; index += AT_ONCE)
    reports.push(
      ...(await Promise.all(
        campaigns
          .slice(index, index + AT_ONCE)
          .map((campaign) => campaignReport(payload, String(campaign.id), req, { period })),
      )),
    )
  return campaignChannels(payload).map((channel): ChannelKpis => {
    const mine = reports.filter((_, index) => (campaigns[index].channel ?? 'email') === channel)
    const sum = (key: 'conversions' | 'delivered' | 'sent' | 'uniqueClicks' | 'uniqueOpens') =>
      mine.reduce((total, report) => total + report[key], 0)
    const sent = sum('sent')
    const rate = (count: number) => (sent > 0 ? count / sent : 0)
    return {
      campaigns: mine.filter((report) => report.sent > 0 || report.uniqueOpens > 0 || report.uniqueClicks > 0).length,
      channel,
      clickRate: rate(sum('uniqueClicks')),
      conversionRate: rate(sum('conversions')),
      conversions: sum('conversions'),
      delivered: sum('delivered'),
      openRate: rate(sum('uniqueOpens')),
      revenue: addRevenue(mine.map((report) => report.revenue)),
      sent,
      uniqueClicks: sum('uniqueClicks'),
      uniqueOpens: sum('uniqueOpens'),
    }
  })
}

import type { Payload } from 'payload'

import { idFromKey, runSql, type SQL, sql, sqlTable } from '@kontorwerk/personalization'

import { CAMPAIGN_SENDS } from '../defaults'
import { minorDigits, type Revenue } from './revenue'

/**
 * What the mails added in money per currency, measured against the holdout (who got nothing):
 * intention to treat, so both groups are drawn alike from the audience: every member of the
 * mailed group (also those the consent gate skipped at send time, as the holdout is not gated)
 * against every holdout member, each with every purchase within the window after the campaign's
 * start, clicked or not. `recipientsMean` and `holdoutMean` are each group's revenue per member,
 * `perRecipient` their difference, with a 95 % interval (`low`, `high`); `total` is that difference
 * times the mailed group. `significant` when the interval does not contain 0 and both groups are
 * large enough to tell (MIN_GROUP each). An automation's holdout is compared the same way
 * (reporting/automationHoldout.ts).
 */
export type IncrementalRevenue = {
  currency: string
  high: number
  holdout: number
  holdoutMean: number
  low: number
  perRecipient: number
  recipients: number
  recipientsMean: number
  significant: boolean
  total: number
  totalHigh: number
  totalLow: number
}

/** The campaign's attributed revenue as a share of all purchase revenue in its period, per currency. */
export type RevenueShare = { all: number; attributed: number; currency: string; share: number }

/** Two-sided 95 % of the normal distribution: groups of campaign size make Welch's t this normal. */
const Z95 = 1.959964
/** Below this many members in a group the normal interval is too narrow to call a difference significant. */
export const MIN_GROUP = 30

type Group = 'holdout' | 'recipients'
type Moments = { n: number; sum: number; sumOfSquares: number }

const DAY = 86_400_000

/**
 * A purchase event's currency and amount as SQL, the JSON keys written into the statement (constants
 * of this module): PostgreSQL matches a grouped expression to the selected one only when both are
 * the same text, which two bound parameters are not. `amount` is numeric on both databases.
 */
export function purchaseColumns(payload: Payload, events: ReturnType<typeof sqlTable<Record<string, unknown>>>) {
  const postgres = payload.db.name === 'postgres'
  const property = (field: 'amount' | 'currency' | 'order') =>
    postgres
      ? sql`(${events.properties} ->> ${sql.raw(`'${field}'`)})`
      : sql`json_extract(${events.properties}, ${sql.raw(`'$.${field}'`)})`
  return {
    amount: postgres ? sql`(${property('amount')})::numeric` : property('amount'),
    property,
  }
}

/**
 * `at` within `days` after `anchor` (both SQL timestamps: a column or a cast parameter), ends
 * included. SQLite compares Julian days, as its timestamps are ISO text.
 */
export function withinDaysAfter(payload: Payload, at: unknown, anchor: unknown, days: number): SQL {
  return payload.db.name === 'postgres'
    ? sql`${at} >= ${anchor} and ${at} <= ${anchor} + interval '${sql.raw(String(days))} days'`
    : sql`julianday(${at}) >= julianday(${anchor}) and julianday(${at}) <= julianday(${anchor}) + ${days}`
}

/** Rounded to the currency's minor unit, as the rest of the report. */
export const inMinorUnit = (amount: number, currency: string) => {
  const scale = 10 ** minorDigits(currency)
  return Math.round(amount * scale) / scale
}

/**
 * Welch's difference of means with its normal 95 % interval, from each group's size, sum and sum
 * of squares (members without a purchase count as 0). Revenue is skewed (many zeros, a few large
 * orders); with groups of hundreds the mean's distribution is close to normal, with a few dozen
 * the interval is optimistic (documented in docs/plugins/campaigns.md#revenue).
 */
export function meanDifference(recipients: Moments, holdout: Moments) {
  const mean = (group: Moments) => group.sum / group.n
  const variance = (group: Moments) =>
    group.n > 1 ? Math.max(0, (group.sumOfSquares - group.sum ** 2 / group.n) / (group.n - 1)) : 0
  const difference = mean(recipients) - mean(holdout)
  const error = Math.sqrt(variance(recipients) / recipients.n + variance(holdout) / holdout.n)
  return { difference, high: difference + Z95 * error, low: difference - Z95 * error }
}

/**
 * The two groups compared per currency, from their sizes and the revenue of each member who bought
 * (`spent`: `grp`, `currency`, `revenue`; members without a purchase count as 0). Empty when a
 * group is empty. Shared by the campaign's holdout and an automation's.
 */
export function compareGroups(sizes: Record<Group, number>, spent: Record<string, unknown>[]): IncrementalRevenue[] {
  const { holdout, recipients } = sizes
  if (recipients === 0 || holdout === 0) return []
  const byCurrency = new Map<string, Record<Group, Moments>>()
  for (const row of spent) {
    const currency = String(row.currency)
    const moments = byCurrency.get(currency) ?? {
      holdout: { n: holdout, sum: 0, sumOfSquares: 0 },
      recipients: { n: recipients, sum: 0, sumOfSquares: 0 },
    }
    const revenue = Number(row.revenue)
    moments[row.grp as Group].sum += revenue
    moments[row.grp as Group].sumOfSquares += revenue ** 2
    byCurrency.set(currency, moments)
  }
  return [...byCurrency]
    .map(([currency, moments]) => {
      const { difference, high, low } = meanDifference(moments.recipients, moments.holdout)
      return {
        currency,
        high: inMinorUnit(high, currency),
        holdout,
        holdoutMean: inMinorUnit(moments.holdout.sum / holdout, currency),
        low: inMinorUnit(low, currency),
        perRecipient: inMinorUnit(difference, currency),
        recipients,
        recipientsMean: inMinorUnit(moments.recipients.sum / recipients, currency),
        significant: recipients >= MIN_GROUP && holdout >= MIN_GROUP && (low > 0 || high < 0),
        total: inMinorUnit(difference * recipients, currency),
        totalHigh: inMinorUnit(high * recipients, currency),
        totalLow: inMinorUnit(low * recipients, currency),
      }
    })
    .sort((a, b) => a.currency.localeCompare(b.currency))
}

/** The incremental revenue per currency; empty without a holdout or without recipients. */
export async function incrementalRevenue(
  payload: Payload,
  campaign: string,
  startedAt: null | string | undefined,
  windowDays: number,
): Promise<IncrementalRevenue[]> {
  const sends = sqlTable<Record<string, unknown>>(payload, CAMPAIGN_SENDS)
  const events = sqlTable<Record<string, unknown>>(payload, 'events')
  const postgres = payload.db.name === 'postgres'
  const id = idFromKey(payload, campaign)
  const group = sql`case when ${sends.variant} = 'holdout' then 'holdout' else 'recipients' end`
  const members = sql`${sends.campaign} = ${id}`
  const { amount, property } = purchaseColumns(payload, events)
  // One window for both groups, from the start: a send spread over hours (best time, the A/B winner) must not shift one side.
  if (!startedAt) return []
  const anchor = postgres ? sql`${startedAt}::timestamptz` : sql`${startedAt}`
  const within = withinDaysAfter(payload, events.occurredAt, anchor, windowDays)
  const [sizes, spent] = await Promise.all([
    runSql(payload, sql`select ${group} as grp, count(*) as n from ${sends} where ${members} group by ${group}`),
    // One row per member who bought, per currency: their revenue in the window.
    runSql(
      payload,
      sql`select ${group} as grp, ${property('currency')} as currency, sum(${amount}) as revenue
      from ${sends} join ${events} on ${events.subscriber} = ${sends.subscriber} and ${events.type} = 'purchase' and ${within}
      where ${members} and ${property('currency')} is not null and ${property('amount')} is not null
      group by ${group}, ${sends.subscriber}, ${property('currency')}`,
    ),
  ])
  return compareGroups(groupSizes(sizes), spent)
}

/** The sizes of both groups from rows of `grp` and `n` (a group without a row has none). */
export function groupSizes(rows: Record<string, unknown>[]): Record<Group, number> {
  const size = (name: Group) => Number(rows.find((row) => row.grp === name)?.n ?? 0)
  return { holdout: size('holdout'), recipients: size('recipients') }
}

/**
 * The attributed revenue as a share of all purchases' revenue (every subscriber) from the campaign's
 * start until twice the attribution window after its last send (a click may come days after its
 * mail, the purchase up to the window after the click), per currency the campaign earned in. At
 * most 1: a purchase attributed later still counts among all.
 */
export async function revenueShare(
  payload: Payload,
  campaign: string,
  startedAt: null | string | undefined,
  windowDays: number,
  attributed: Revenue,
): Promise<RevenueShare[]> {
  if (!startedAt || attributed.length === 0) return []
  const sends = sqlTable<Record<string, unknown>>(payload, CAMPAIGN_SENDS)
  const events = sqlTable<Record<string, unknown>>(payload, 'events')
  const postgres = payload.db.name === 'postgres'
  const [last] = await runSql(
    payload,
    sql`select max(${sends.sentAt}) as at from ${sends} where ${sends.campaign} = ${idFromKey(payload, campaign)}`,
  )
  const lastSent = last?.at ? new Date(last.at as string).getTime() : new Date(startedAt).getTime()
  const until = new Date(lastSent + 2 * windowDays * DAY).toISOString()
  const { amount, property } = purchaseColumns(payload, events)
  const occurred = postgres ? events.occurredAt : sql`julianday(${events.occurredAt})`
  const bound = (at: string) => (postgres ? sql`${at}::timestamptz` : sql`julianday(${at})`)
  const totals = await runSql(
    payload,
    sql`select ${property('currency')} as currency, sum(${amount}) as revenue from ${events}
    where ${events.type} = 'purchase' and ${occurred} >= ${bound(new Date(startedAt).toISOString())} and ${occurred} <= ${bound(until)}
      and ${property('amount')} is not null
    group by ${property('currency')}`,
  )
  return attributed.map(({ amount: earned, currency }) => {
    const all = Math.max(
      earned,
      inMinorUnit(Number(totals.find((row) => row.currency === currency)?.revenue ?? 0), currency),
    )
    return { all, attributed: earned, currency, share: all > 0 ? earned / all : 0 }
  })
}

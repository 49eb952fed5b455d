import type { Payload } from 'payload'

import { readRows, runSql, sql, sqlTable } from '@kontorwerk/personalization'

import type { Automation } from '../../documents'

import { automationsFor, enroll } from '../enroll'
import { eachOnItsOwn } from './dateRelative'
import { unseenOccurrences } from './occurrences'
import { type EventRow, purchaseProgressOf } from './triggerRows'

const DAY = 24 * 3600 * 1000

export type TierRule = Pick<
  Automation,
  | 'loyaltyCloseWithin'
  | 'loyaltyCurrency'
  | 'loyaltyMeasure'
  | 'loyaltyMoment'
  | 'loyaltyPeriodDays'
  | 'loyaltyThreshold'
>

/**
 * Whether a subscriber's purchases (orders counted, or spend in the rule's currency) in the period
 * make this automation fire: "reached" at the threshold, "close" one order away (or at most
 * `loyaltyCloseWithin` of spend) without having reached it, and only for someone who bought at all.
 */
export function tierFires(progress: number, rule: TierRule): boolean {
  const threshold = Number(rule.loyaltyThreshold ?? 0)
  if (!(threshold > 0)) return false
  if (rule.loyaltyMoment !== 'close') return progress >= threshold
  const within = rule.loyaltyMeasure === 'spend' ? Number(rule.loyaltyCloseWithin ?? 0) : 1
  return progress > 0 && progress < threshold && threshold - progress <= within
}

/**
 * The key of "this person, this tier, this moment": an automation's tier is its measure, threshold
 * and currency, so raising the bar is a new tier, while the same tier never fires twice.
 */
export const tierOccurrence = (automation: Automation['id'], subscriber: string, rule: TierRule) =>
  `${automation}:${subscriber}:tier:${rule.loyaltyMoment === 'close' ? 'close' : 'reached'}:${rule.loyaltyMeasure === 'spend' ? `spend>=${rule.loyaltyThreshold}${rule.loyaltyCurrency}` : `orders>=${rule.loyaltyThreshold}`}`

/** Enrols everyone whose purchases reach (or come close to) an automation's loyalty tier. */
export async function enrollLoyaltyTiers(payload: Payload, now: Date): Promise<void> {
  for (const automation of await automationsFor(payload, 'loyalty_tier'))
    await eachOnItsOwn(payload, automation, () => enrollTier(payload, automation, now))
}

async function enrollTier(payload: Payload, automation: Automation, now: Date): Promise<void> {
  const progress = await purchaseProgress(payload, automation, now)
  const firing = new Map<string, string>()
  for (const [subscriber, value] of progress)
    if (tierFires(value, automation)) firing.set(subscriber, tierOccurrence(automation.id, subscriber, automation))
  const because = `${automation.loyaltyMoment === 'close' ? 'close to' : 'reached'} ${
    automation.loyaltyMeasure === 'spend'
      ? `${automation.loyaltyThreshold} ${automation.loyaltyCurrency} spend`
      : `${automation.loyaltyThreshold} purchases`
  }`
  const fresh = await unseenOccurrences(payload, automation, firing)
  await enroll(payload, automation, [...fresh.keys()], because, { now, occurrences: fresh })
}

/**
 * Per buyer in the period (up to `now`): orders (purchase events of one `order` count once) or the
 * sum of `amount` in the rule's currency; purchases in other currencies or without one do not count
 * towards spend, as nothing is converted.
 */
export async function purchaseProgress(payload: Payload, rule: TierRule, now: Date): Promise<Map<string, number>> {
  const days = Number(rule.loyaltyPeriodDays ?? 0)
  const since = days > 0 ? new Date(now.getTime() - days * DAY) : new Date(0)
  if (payload.db.name === 'mongoose') {
    // MongoDB has no SQL: the period's purchases are read and counted in memory (triggerRows.ts).
    const rows = await readRows(
      payload,
      'events',
      ['subscriber', 'type', 'occurredAt', 'properties', 'eventId'],
      [
        { field: 'type', in: ['purchase'] },
        { atLeast: since, field: 'occurredAt' },
      ],
    )
    return purchaseProgressOf(rows as EventRow[], rule, now)
  }
  const postgres = payload.db.name === 'postgres'
  const events = sqlTable<Record<string, unknown>>(payload, 'events')
  const property = (name: string) =>
    postgres ? sql`(${events.properties} ->> ${name})` : sql`json_extract(${events.properties}, ${`$.${name}`})`
  const spend = rule.loyaltyMeasure === 'spend'
  if (spend && !/^[A-Z]{3}$/.test(rule.loyaltyCurrency ?? '')) return new Map()
  const amount = postgres ? sql`cast(${property('amount')} as double precision)` : sql`${property('amount')}`
  const measure = spend ? sql`sum(${amount})` : sql`count(distinct coalesce(${property('order')}, ${events.eventId}))`
  const rows = await runSql(
    payload,
    sql`select ${events.subscriber} as subscriber, ${measure} as progress from ${events}
      where ${events.type} = 'purchase' and ${events.subscriber} is not null
        and ${events.occurredAt} >= ${since.toISOString()} and ${events.occurredAt} <= ${now.toISOString()}
        ${spend ? sql`and upper(${property('currency')}) = ${rule.loyaltyCurrency}` : sql``}
      group by ${events.subscriber}`,
  )
  return new Map(rows.map((row) => [String(row.subscriber), Number(row.progress ?? 0)]))
}

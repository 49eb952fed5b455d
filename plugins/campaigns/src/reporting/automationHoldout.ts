import type { Payload } from 'payload'

import { idFromKey, runSql, sql, sqlTable } from '@kontorwerk/personalization'

import type { Automation } from '../documents'

import { AUTOMATION_RUNS } from '../defaults'
import {
  compareGroups,
  groupSizes,
  type IncrementalRevenue,
  purchaseColumns,
  withinDaysAfter,
} from './incrementalRevenue'

/**
 * An automation measured against its holdout (docs/plugins/campaigns.md#holdout-of-an-automation):
 * everyone enrolled while it had one, by the group drawn at enrolment, each with every purchase
 * within `windowDays` after an enrolment of theirs, clicked or not. `revenue` holds per currency
 * each group's revenue per enrolled subscriber and the difference with its 95 % interval, as for a
 * campaign's holdout (`recipients` are the treated). `revenue` is null while either group is empty
 * (no holdout, or nobody enrolled since it was set): there is nothing to compare, which is not 0.
 */
export type AutomationHoldoutReport = {
  automation: string
  /** Enrolled subscribers in the holdout (no mail from this automation). */
  holdout: number
  /** The share set now; enrolments drawn under an earlier share keep their group. */
  holdoutPercent: number
  name: string
  revenue: IncrementalRevenue[] | null
  /** Enrolled subscribers who get the automation's mails (also those its gate then skipped). */
  treated: number
  windowDays: number
}

/** Two grouped queries over the automation's runs and the purchases of their subscribers (SQLite, PostgreSQL). */
export async function automationHoldoutReport(
  payload: Payload,
  automation: Pick<Automation, 'holdoutPercent' | 'id' | 'name'>,
  windowDays: number,
): Promise<AutomationHoldoutReport> {
  const runs = sqlTable<Record<string, unknown>>(payload, AUTOMATION_RUNS)
  const events = sqlTable<Record<string, unknown>>(payload, 'events')
  const { amount, property } = purchaseColumns(payload, events)
  const group = sql`case when ${runs.holdoutGroup} = 'holdout' then 'holdout' else 'recipients' end`
  // Runs without a group were enrolled while the automation had no holdout: no part of the comparison.
  const enrolled = sql`${runs.automation} = ${idFromKey(payload, String(automation.id))} and ${runs.holdoutGroup} is not null`
  const [sizeRows, spent] = await Promise.all([
    runSql(
      payload,
      sql`select ${group} as grp, count(distinct ${runs.subscriber}) as n from ${runs} where ${enrolled} group by ${group}`,
    ),
    // Per subscriber who bought, per currency: a purchase within the windows of two of their runs counts once (distinct event).
    runSql(
      payload,
      sql`select grp, currency, sum(amount) as revenue from (
        select distinct ${group} as grp, ${events.id} as event, ${events.subscriber} as subscriber,
          ${property('currency')} as currency, ${amount} as amount
        from ${runs} join ${events} on ${events.subscriber} = ${runs.subscriber} and ${events.type} = 'purchase'
          and ${withinDaysAfter(payload, events.occurredAt, runs.createdAt, windowDays)}
        where ${enrolled} and ${property('currency')} is not null and ${property('amount')} is not null
      ) bought group by grp, subscriber, currency`,
    ),
  ])
  const sizes = groupSizes(sizeRows)
  return {
    automation: String(automation.id),
    holdout: sizes.holdout,
    holdoutPercent: automation.holdoutPercent ?? 0,
    name: automation.name,
    revenue: sizes.holdout > 0 && sizes.recipients > 0 ? compareGroups(sizes, spent) : null,
    treated: sizes.recipients,
    windowDays,
  }
}

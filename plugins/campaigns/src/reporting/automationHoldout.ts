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
 * everyone enrolled while it had one, by the group drawn at their first such enrolment, each with
 * every purchase within `windowDays` after that first enrolment, clicked or not. One window per
 * person, from a moment the mail cannot have moved: the treated leave a run on engagement and
 * re-enter more often than the holdout, and a window per run would give them more purchases to count. `revenue` holds per currency
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
  // Runs without a group were enrolled while the automation had no holdout: no part of the comparison.
  const enrolled = sql`${runs.automation} = ${idFromKey(payload, String(automation.id))} and ${runs.holdoutGroup} is not null`
  // Each person once: their first grouped run's moment and group (a group is kept on re-entry; on
  // a tie, or for people drawn twice before that was so, the holdout wins, as 'holdout' < 'treated').
  const people = sql`(select subscriber, enrolled_at, grp from (
      select ${runs.subscriber} as subscriber, ${runs.createdAt} as enrolled_at,
        case when ${runs.holdoutGroup} = 'holdout' then 'holdout' else 'recipients' end as grp,
        row_number() over (partition by ${runs.subscriber} order by ${runs.createdAt}, ${runs.holdoutGroup}) as n
      from ${runs} where ${enrolled}) ranked where n = 1)`
  const [sizeRows, spent] = await Promise.all([
    runSql(payload, sql`select grp, count(*) as n from ${people} p group by grp`),
    runSql(
      payload,
      sql`select p.grp as grp, ${property('currency')} as currency, sum(${amount}) as revenue
        from ${people} p join ${events} on ${events.subscriber} = p.subscriber and ${events.type} = 'purchase'
          and ${withinDaysAfter(payload, events.occurredAt, sql`p.enrolled_at`, windowDays)}
        where ${property('currency')} is not null and ${property('amount')} is not null
        group by p.grp, p.subscriber, ${property('currency')}`,
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

import type { Payload } from 'payload'

import { idFromKey, runSql, sql, type SQL, sqlTable } from '@kontorwerk/personalization'

import type { FactsQuery, LifecycleFacts } from './facts'

import { purchaseColumns } from '../reporting/incrementalRevenue'
import { campaignsOptions } from '../utilities/options'

type Table = Record<string, unknown>

const key = (value: unknown) => (value == null ? null : String(value))

/**
 * The lifecycle facts in the database (SQLite, PostgreSQL), in five grouped statements, whatever the
 * number of subscribers: nothing per person leaves the database. The stage history becomes spans
 * (an entry's stage holds from its change until the next change of that person: `lead` over the
 * history ordered by time, then by the order written), which the weeks' ends and the purchases'
 * moments fall into. lifecycleMemory.ts computes the same in memory (MongoDB); a spec holds them together.
 */
export async function lifecycleFactsSql(payload: Payload, query: FactsQuery): Promise<LifecycleFacts> {
  const postgres = payload.db.name === 'postgres'
  const slug = campaignsOptions(payload).subscribersSlug
  const subscribers = sqlTable<Table>(payload, slug)
  const history = sqlTable<Table>(payload, `${slug}_stage_history`)
  const events = sqlTable<Table>(payload, 'events')
  const at = (iso: string) => (postgres ? sql`${iso}::timestamptz` : sql`${iso}`)
  // SQLite keeps a date as the text it was given (an API may write "+02:00"): compared as UTC ISO text. Not
  // needed for the stage history, which only recordStageChange writes (toISOString; no API can).
  const stored = (column: string) =>
    postgres ? sql.raw(column) : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.raw(column)})`
  const from = query.weeks[0].start
  const to = query.weeks[query.weeks.length - 1].end
  // The week a moment falls in is the number of weeks that ended before it: no join with the weeks needed.
  const weeksBefore = (moment: SQL) =>
    sql`(${sql.join(
      query.weeks.map((week) => sql`case when ${at(week.end)} < ${moment} then 1 else 0 end`),
      sql` + `,
    )})`
  // A CTE read twice in a statement would be computed twice by SQLite: computed once instead (PostgreSQL does so itself).
  const once = postgres ? sql`` : sql`materialized `
  const entries = sql`entries as ${once}(select h._parent_id as subscriber, h.stage_id as stage, h._order as position,
    h.changed_at as at from ${history} h where h.changed_at is not null)`
  const order = sql`partition by subscriber order by at, position`
  const spans = sql`spans as ${once}(select subscriber, stage, at as starts, lead(at) over (${order}) as ends from entries)`
  const firsts = sql`firsts as ${once}(select subscriber, min(at) as first from entries group by subscriber)`
  const lapsed = query.lapsed.length
    ? sql`(${sql.join(
        query.lapsed.map((id) => sql`${idFromKey(payload, id)}`),
        sql`, `,
      )})`
    : null
  const { amount, property } = purchaseColumns(payload, events)
  const orderOf = property('order')
  const [counts, moves, current, lapses, revenue] = await Promise.all([
    // Every span of a known or unknown stage: the history's; without history the stage as stored from the
    // creation on; before a history that starts after the creation, no stage known. A span covers the
    // ends of the weeks from the first ending at or after its start to the last ending before its end.
    runSql(
      payload,
      sql`with ${entries}, ${spans}, ${firsts},
      people as (select s.id as subscriber, s.stage_id as stage, ${stored('s.created_at')} as created, f.first as first
        from ${subscribers} s left join firsts f on f.subscriber = s.id),
      lifetimes as (select stage, starts, ends from spans
        union all select stage, created, null from people where first is null
        union all select null, created, first from people where first is not null and created < first)
      select stage, ${weeksBefore(sql.raw('starts'))} as first_week,
        case when ends is null then ${query.weeks.length} else ${weeksBefore(sql.raw('ends'))} end as after_week, count(*) as n
      from lifetimes where starts <= ${at(to)} and (ends is null or ends > ${at(query.weeks[0].end)})
      group by stage, first_week, after_week`,
    ),
    // Each history entry of the period with the one before it (none for a person's first).
    runSql(
      payload,
      sql`with ${entries}, moves as (select stage, at, lag(stage) over (${order}) as previous from entries)
      select ${weeksBefore(sql.raw('at'))} as week, previous as from_stage, stage as to_stage, count(*) as n
      from moves where at >= ${at(from)} and at <= ${at(to)} group by week, previous, stage`,
    ),
    runSql(payload, sql`select s.stage_id as stage, count(*) as n from ${subscribers} s group by s.stage_id`),
    // Each person's first entry into an at-risk or churned stage in the period; won back: a later entry
    // (up to the period's end) into a stage that is neither. Looked up by the history's index per person.
    lapsed
      ? runSql(
          payload,
          sql`with lapses as (
            select h._parent_id as subscriber, min(h.changed_at) as first from ${history} h
            where h.stage_id in ${lapsed} and h.changed_at >= ${at(from)} and h.changed_at <= ${at(to)}
            group by h._parent_id)
          select count(*) as lapsed, coalesce(sum(case when exists (
            select 1 from ${history} b where b._parent_id = l.subscriber and b.changed_at > l.first
              and b.changed_at <= ${at(to)} and b.stage_id is not null and b.stage_id not in ${lapsed}
          ) then 1 else 0 end), 0) as won_back from lapses l`,
        )
      : Promise.resolve([{ lapsed: 0, won_back: 0 }]),
    // Each purchase of the period with its buyer's stage at its moment (the span covering it; without
    // history the stage as stored), then summed per stage and currency; the items of one order count once.
    runSql(
      payload,
      sql`with ${entries}, ${spans}, ${firsts}
      select stage, currency, sum(amount) as amount, count(distinct order_key) as purchases from (
        select case when sp.subscriber is not null then sp.stage when f.subscriber is null then s.stage_id end as stage,
          ${property('currency')} as currency, ${amount} as amount,
          case when ${orderOf} is not null and ${orderOf} <> '' then 'order:' || ${orderOf}
            else 'event:' || cast(${events.id} as text) end as order_key
        from ${events} join ${subscribers} s on s.id = ${events.subscriber}
          left join firsts f on f.subscriber = s.id
          left join spans sp on sp.subscriber = s.id and sp.starts <= ${events.occurredAt}
            and (sp.ends is null or sp.ends > ${events.occurredAt})
        where ${events.type} = 'purchase' and ${events.occurredAt} >= ${at(from)} and ${events.occurredAt} <= ${at(to)}
          and ${property('amount')} is not null and ${property('currency')} is not null
      ) purchases group by stage, currency`,
    ),
  ])
  return {
    counts: counts.flatMap((row) =>
      Array.from({ length: Math.max(0, Number(row.after_week) - Number(row.first_week)) }, (_, offset) => ({
        count: Number(row.n),
        stage: key(row.stage),
        week: Number(row.first_week) + offset,
      })),
    ),
    current: current.map((row) => ({ count: Number(row.n), stage: key(row.stage) })),
    lapses: { lapsed: Number(lapses[0]?.lapsed ?? 0), wonBack: Number(lapses[0]?.won_back ?? 0) },
    moves: moves.map((row) => ({
      count: Number(row.n),
      from: key(row.from_stage),
      to: key(row.to_stage),
      week: Number(row.week),
    })),
    revenue: revenue.map((row) => ({
      amount: Number(row.amount),
      currency: String(row.currency),
      purchases: Number(row.purchases),
      stage: key(row.stage),
    })),
  }
}

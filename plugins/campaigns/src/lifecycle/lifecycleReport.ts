import type { Payload, PayloadRequest } from 'payload'

import { PLANNING_TIME_ZONE } from '@kontorwerk/personalization'

import type { LifecycleFacts } from './facts'

import { type Revenue } from '../reporting/revenue'
import { addRevenue, channelKpis, type ChannelKpis } from './channelKpis'
import { lifecycleFactsInMemory } from './lifecycleMemory'
import { lifecycleFactsSql } from './lifecycleSql'
import { lapsedStageIds, type LifecycleStage, lifecycleStages } from './stageRoles'
import { type ReportWeek, reportWeeks } from './weeks'

export const DEFAULT_WEEKS = 12
export const MAX_WEEKS = 104

type StageCount = { stage: null | string; subscribers: number }

/** The lifecycle dashboard's numbers (docs/plugins/campaigns.md#lifecycle-dashboard). Stages by id; `null`: no stage known. */
export type LifecycleReport = {
  /** Campaign figures per channel in the period; null on MongoDB (the campaign report needs SQL). */
  channels: ChannelKpis[] | null
  /** Subscribers per stage now (the stage stored on each), and how many are at risk or churned. */
  current: { atRisk: number; churned: number; stages: StageCount[]; total: number }
  period: { from: string; to: string }
  /** The period's purchases by the stage the buyer was in at the purchase, per currency. */
  revenueByStage: { revenue: Revenue; stage: null | string }[]
  stages: LifecycleStage[]
  timeZone: string
  weeks: (ReportWeek & {
    moves: { from: null | string; subscribers: number; to: null | string }[]
    stages: StageCount[]
    total: number
  })[]
  /** Of those who entered an at-risk or churned stage in the period, the share who moved to an active one after it (null: nobody lapsed). */
  winBack: { lapsed: number; rate: null | number; wonBack: number }
}

export type LifecycleOptions = {
  /** The language of the stage labels (a content locale). */
  locale?: string
  now?: Date
  /** The request of the one asking (a reports key gets the campaign figures without who paused what). */
  req?: PayloadRequest
  /** How many calendar weeks, the current one included (1–104, default 12). */
  weeks?: number
}

/**
 * The lifecycle report over the last `weeks` calendar weeks up to `now`: subscribers per stage at
 * each week's end, the moves between stages per week, who is at risk or churned now, the win-back
 * rate, revenue per stage and the channels' campaign figures. Computed in the database on SQLite
 * and PostgreSQL (lifecycleSql.ts), in memory on MongoDB (lifecycleMemory.ts); nothing is stored.
 */
export async function lifecycleReport(
  payload: Payload,
  { locale, now = new Date(), req, weeks = DEFAULT_WEEKS }: LifecycleOptions = {},
): Promise<LifecycleReport> {
  const count = Math.min(MAX_WEEKS, Math.max(1, Math.floor(Number.isFinite(weeks) ? weeks : DEFAULT_WEEKS)))
  const span = reportWeeks(now, count)
  const period = { from: span[0].start, to: span[span.length - 1].end }
  const stages = await lifecycleStages(payload, locale)
  const query = { lapsed: lapsedStageIds(stages), weeks: span }
  const sqlDatabase = payload.db.name !== 'mongoose'
  const [facts, channels] = await Promise.all([
    sqlDatabase ? lifecycleFactsSql(payload, query) : lifecycleFactsInMemory(payload, query),
    sqlDatabase ? channelKpis(payload, period, req) : null,
  ])
  return assemble(facts, stages, span, channels, period)
}

/** Puts the facts in the stages' order (no stage last) and adds what follows from them. */
export function assemble(
  facts: LifecycleFacts,
  stages: LifecycleStage[],
  span: ReportWeek[],
  channels: ChannelKpis[] | null,
  period: LifecycleReport['period'],
): LifecycleReport {
  const rank = (stage: null | string) => {
    const index = stages.findIndex((entry) => entry.id === stage)
    return index < 0 ? stages.length : index
  }
  const byStage = <T extends { stage: null | string }>(rows: T[]) =>
    [...rows].sort((a, b) => rank(a.stage) - rank(b.stage))
  const roleCount = (role: LifecycleStage['role']) =>
    facts.current
      .filter((row) => stages.some((stage) => stage.id === row.stage && stage.role === role))
      .reduce((total, row) => total + row.count, 0)
  const revenue = new Map<null | string, Revenue[]>()
  for (const row of facts.revenue)
    revenue.set(row.stage, [
      ...(revenue.get(row.stage) ?? []),
      [{ amount: row.amount, currency: row.currency, purchases: row.purchases }],
    ])
  const { lapsed, wonBack } = facts.lapses
  return {
    channels,
    current: {
      atRisk: roleCount('atRisk'),
      churned: roleCount('churned'),
      stages: byStage(facts.current.map((row) => ({ stage: row.stage, subscribers: row.count }))),
      total: facts.current.reduce((total, row) => total + row.count, 0),
    },
    period,
    revenueByStage: byStage([...revenue].map(([stage, lists]) => ({ revenue: addRevenue(lists), stage }))),
    stages,
    timeZone: PLANNING_TIME_ZONE,
    weeks: span.map((week, index) => {
      // A stage can come from more than one source (a history, or none and the stage as stored): one row each.
      const counts = new Map<null | string, number>()
      for (const row of facts.counts)
        if (row.week === index) counts.set(row.stage, (counts.get(row.stage) ?? 0) + row.count)
      return {
        ...week,
        moves: facts.moves
          .filter((row) => row.week === index && row.from !== row.to)
          .map((row) => ({ from: row.from, subscribers: row.count, to: row.to }))
          .sort((a, b) => b.subscribers - a.subscribers || rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to)),
        stages: byStage([...counts].map(([stage, subscribers]) => ({ stage, subscribers }))),
        total: [...counts.values()].reduce((total, subscribers) => total + subscribers, 0),
      }
    }),
    winBack: { lapsed, rate: lapsed > 0 ? wonBack / lapsed : null, wonBack },
  }
}

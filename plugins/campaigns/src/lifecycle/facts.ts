import type { ReportWeek } from './weeks'

/**
 * What the database (lifecycleSql.ts) or, on MongoDB, memory (lifecycleMemory.ts) computes for the
 * lifecycle report; lifecycleReport.ts assembles it. Stages by id as text; `null`: no stage known
 * (never given one, before the first recorded change of someone imported without one, a deleted stage).
 * `week` is the index into the report's weeks.
 */
export type LifecycleFacts = {
  /** Subscribers per stage at the end of each week. */
  counts: { count: number; stage: null | string; week: number }[]
  /** Subscribers per stage now (their stage as stored). */
  current: { count: number; stage: null | string }[]
  /** Who entered an at-risk or churned stage in the period, and how many of them later moved to an active one. */
  lapses: { lapsed: number; wonBack: number }
  /** Moves recorded in the stage history in each week: from the stage before (null: the first entry) to the next. */
  moves: { count: number; from: null | string; to: null | string; week: number }[]
  /** The period's purchases by the buyer's stage at the purchase's time, per currency; `purchases` counts orders. */
  revenue: { amount: number; currency: string; purchases: number; stage: null | string }[]
}

export type FactsQuery = {
  /** The ids of the at-risk and churned stages. */
  lapsed: string[]
  /** The report's weeks, oldest first: the period runs from the first's start to the last's end. */
  weeks: ReportWeek[]
}

import type { Payload } from 'payload'

import { jsonObject, readRows, relationKey } from '@kontorwerk/personalization'

import type { FactsQuery, LifecycleFacts } from './facts'

import { campaignsOptions } from '../utilities/options'

/** A subscriber's stages over time (keyed by their id): the stage history sorted by time (ties in the order written). */
export type Timeline = {
  createdAt: number
  history: { at: number; stage: null | string }[]
  stage: null | string
}

export type PurchaseRow = { amount: number; at: number; currency: string; order: string; subscriber: string }

const PAGE = 5_000
const time = (value: unknown) => new Date(value instanceof Date ? value : String(value)).getTime()

/**
 * The stage a subscriber was in at `at`: that of the last history entry at or before it; without any
 * history the stage they have now; with a history that starts later, none known. `exists`: whether
 * they were a subscriber by then (created, or a change recorded, at or before it).
 */
export function stageAt(timeline: Timeline, at: number): { exists: boolean; stage: null | string } {
  let last: null | Timeline['history'][number] = null
  for (const entry of timeline.history) if (entry.at <= at) last = entry
  if (last) return { exists: true, stage: last.stage }
  return { exists: timeline.createdAt <= at, stage: timeline.history.length === 0 ? timeline.stage : null }
}

/** Counts by a composite key (compared as JSON). */
const counter = <K>() => {
  const counts = new Map<string, { count: number; key: K }>()
  return {
    add: (key: K) => {
      const id = JSON.stringify(key)
      const entry = counts.get(id) ?? counts.set(id, { count: 0, key }).get(id)!
      entry.count++
    },
    list: () => [...counts.values()].map(({ count, key }) => ({ ...key, count })),
  }
}

/**
 * The lifecycle facts from timelines and purchases in memory, exactly as lifecycleSql.ts computes them in
 * the database (a spec holds the two together): the path for MongoDB, which has no SQL.
 */
export function lifecycleFactsOf(
  timelines: Map<string, Timeline>,
  purchases: PurchaseRow[],
  query: FactsQuery,
): LifecycleFacts {
  const lapsed = new Set(query.lapsed)
  const ranges = query.weeks.map((week) => ({ end: time(week.end), start: time(week.start) }))
  const from = ranges[0].start
  const to = ranges[ranges.length - 1].end
  const counts = counter<{ stage: null | string; week: number }>()
  const moves = counter<{ from: null | string; to: null | string; week: number }>()
  const current = counter<{ stage: null | string }>()
  let lapsedCount = 0
  let wonBack = 0
  for (const timeline of timelines.values()) {
    current.add({ stage: timeline.stage })
    ranges.forEach((range, week) => {
      const { exists, stage } = stageAt(timeline, range.end)
      if (exists) counts.add({ stage, week })
    })
    timeline.history.forEach((entry, index) => {
      const week = ranges.findIndex((range) => entry.at >= range.start && entry.at <= range.end)
      if (week >= 0) moves.add({ from: index > 0 ? timeline.history[index - 1].stage : null, to: entry.stage, week })
    })
    const lapse = timeline.history.find(
      (entry) => entry.stage !== null && lapsed.has(entry.stage) && entry.at >= from && entry.at <= to,
    )
    if (!lapse) continue
    lapsedCount++
    if (
      timeline.history.some(
        (entry) => entry.at > lapse.at && entry.at <= to && entry.stage !== null && !lapsed.has(entry.stage),
      )
    )
      wonBack++
  }
  const revenue = new Map<string, { amount: number; currency: string; orders: Set<string>; stage: null | string }>()
  for (const purchase of purchases) {
    const timeline = timelines.get(purchase.subscriber)
    if (!timeline || purchase.at < from || purchase.at > to) continue
    const { stage } = stageAt(timeline, purchase.at)
    const key = JSON.stringify([stage, purchase.currency])
    const entry =
      revenue.get(key) ??
      revenue.set(key, { amount: 0, currency: purchase.currency, orders: new Set(), stage }).get(key)!
    entry.amount += purchase.amount
    entry.orders.add(purchase.order)
  }
  return {
    counts: counts.list(),
    current: current.list(),
    lapses: { lapsed: lapsedCount, wonBack },
    moves: moves.list(),
    revenue: [...revenue.values()].map(({ amount, currency, orders, stage }) => ({
      amount,
      currency,
      purchases: orders.size,
      stage,
    })),
  }
}

/** Every subscriber's timeline, read a page at a time through the Local API (any database). */
export async function readTimelines(payload: Payload): Promise<Map<string, Timeline>> {
  const timelines = new Map<string, Timeline>()
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: campaignsOptions(payload).subscribersSlug as 'subscribers',
      depth: 0,
      limit: PAGE,
      page,
      select: { createdAt: true, stage: true, stageHistory: { changedAt: true, stage: true } },
      sort: 'id',
    })
    for (const doc of result.docs) {
      const history = (doc.stageHistory ?? [])
        .map((entry, index) => ({ at: time(entry.changedAt), index, stage: relationKey(entry.stage) ?? null }))
        .filter((entry) => !Number.isNaN(entry.at))
        .sort((a, b) => a.at - b.at || a.index - b.index)
        .map(({ at, stage }) => ({ at, stage }))
      timelines.set(String(doc.id), {
        createdAt: time(doc.createdAt),
        history,
        stage: relationKey(doc.stage) ?? null,
      })
    }
    if (!result.hasNextPage) return timelines
  }
}

/** The purchases with an amount and a currency from `since` on; the items of one order share its key. */
export async function readPurchases(payload: Payload, since: Date): Promise<PurchaseRow[]> {
  const rows = await readRows(
    payload,
    'events',
    ['id', 'subscriber', 'occurredAt', 'properties'],
    [
      { field: 'type', in: ['purchase'] },
      { atLeast: since, field: 'occurredAt' },
    ],
  )
  return rows.flatMap((row) => {
    const properties = jsonObject(row.properties)
    if (row.subscriber == null || typeof properties.amount !== 'number' || typeof properties.currency !== 'string')
      return []
    const order = typeof properties.order === 'string' && properties.order ? `order:${properties.order}` : null
    return [
      {
        amount: properties.amount,
        at: time(row.occurredAt),
        currency: properties.currency,
        order: order ?? `event:${String(row.id)}`,
        subscriber: String(row.subscriber),
      },
    ]
  })
}

/** The lifecycle facts computed in memory: MongoDB's path (and the SQL path's reference in the spec). */
export async function lifecycleFactsInMemory(payload: Payload, query: FactsQuery): Promise<LifecycleFacts> {
  const [timelines, purchases] = await Promise.all([
    readTimelines(payload),
    readPurchases(payload, new Date(query.weeks[0].start)),
  ])
  return lifecycleFactsOf(timelines, purchases, query)
}

import type { Payload } from 'payload'

import { type BudgetWindow, sentWithin } from '@kontorwerk/consent'
import { idFromKey, readRows, sql, sqlTable } from '@kontorwerk/personalization'

import { CAMPAIGN_SENDS, CAMPAIGNS } from '../defaults'
import { higherPriorities } from './priority'

const DAY = 24 * 60 * 60 * 1000
type SqlChunk = ReturnType<typeof sql>
type Table = Record<string, { name: string }>

/**
 * What a message of one campaign must fit at its commit: the campaign's channel and priority,
 * and per claimed record its subscriber and the budget windows left for this product's own sends
 * (the limits minus what other systems and the profile's history sent, as the gate read them).
 */
export type CommitBudget = {
  campaign: string
  channel: string
  priority: null | string
  records: Map<string, { subscriber: string; windows: BudgetWindow[] }>
}

/** The windows of a subscriber's budget, less the sends this product has no record of (they do not change mid-batch). */
export const windowsLeft = (windows: BudgetWindow[], otherSends: string[], at: Date): BudgetWindow[] =>
  windows.map((window) => ({ days: window.days, max: window.max - sentWithin(otherSends, window.days, at) }))

/** Campaigns of higher priority than `priority` on the channel that are sending now (their pending records hold budget). */
async function higherCampaigns(payload: Payload, { campaign, channel, priority }: Omit<CommitBudget, 'records'>) {
  const higher = higherPriorities(priority)
  if (higher.length === 0) return []
  const { docs } = await payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    select: {},
    where: {
      channel: { equals: channel },
      id: { not_equals: campaign },
      // A stored campaign without a priority counts as normal.
      or: [{ priority: { in: higher } }, ...(higher.includes('normal') ? [{ priority: { exists: false } }] : [])],
      status: { equals: 'sending' },
    },
  })
  return docs.map((doc) => String(doc.id))
}

/**
 * How many messages of higher priority wait for each subscriber on the channel, due within the
 * next day: they have the first claim on the budget, so a lower one defers to them. One read per batch.
 */
export async function reservedAhead(
  payload: Payload,
  subscribers: string[],
  request: Omit<CommitBudget, 'records'> & { at: Date },
): Promise<Map<string, number>> {
  const campaigns = await higherCampaigns(payload, request)
  const rows = await readRows(
    payload,
    CAMPAIGN_SENDS,
    ['subscriber', 'nextAttemptAt'],
    [
      { field: 'campaign', in: campaigns.map((id) => idFromKey(payload, id)) },
      { field: 'subscriber', in: subscribers.map((id) => idFromKey(payload, id)) },
      { field: 'state', in: ['pending'] },
    ],
  )
  const horizon = request.at.getTime() + DAY
  const reserved = new Map<string, number>()
  for (const row of rows) {
    if (row.nextAttemptAt && new Date(row.nextAttemptAt as Date | string).getTime() > horizon) continue
    reserved.set(String(row.subscriber), (reserved.get(String(row.subscriber)) ?? 0) + 1)
  }
  return reserved
}

/**
 * The commit's budget check as SQL over the send records (alias-free: it refers to the row being
 * updated as `campaign_sends`): per claimed record, every window's sent messages on the channel
 * plus the higher-priority messages still waiting stay below what the window has left. Run after
 * the subscribers' locks (PostgreSQL) or as one statement (SQLite), so a concurrent commit's sends are seen.
 * `fits` and `exceeded` split the records; `firstOfSubscriber` lets one record per subscriber through per
 * commit (the statement cannot see its own rows).
 */
export function budgetConditions(payload: Payload, budget: CommitBudget, ids: string[], at: Date) {
  const sends = sqlTable<Table>(payload, CAMPAIGN_SENDS)
  const campaigns = sqlTable<Table>(payload, CAMPAIGNS)
  const s = (field: string) => sql`s.${sql.identifier(sends[field].name)}`
  const k = (field: string) => sql`k.${sql.identifier(campaigns[field].name)}`
  const own = (field: string) => sql`campaign_sends.${sql.identifier(sends[field].name)}`
  const onChannel = sql`from campaign_sends s join campaigns k on ${k('id')} = ${s('campaign')}
    where ${s('subscriber')} = ${own('subscriber')} and ${k('channel')} = ${budget.channel}`
  const higher = higherPriorities(budget.priority)
  const reserved = higher.length
    ? sql`(select count(*) ${onChannel} and ${s('state')} = 'pending' and ${k('status')} = 'sending'
        and ${k('id')} <> ${idFromKey(payload, budget.campaign)}
        and (${k('priority')} in (${sql.join(
          higher.map((value) => sql`${value}`),
          sql`, `,
        )})${higher.includes('normal') ? sql` or ${k('priority')} is null` : sql``})
        and (${s('nextAttemptAt')} is null or ${s('nextAttemptAt')} <= ${new Date(at.getTime() + DAY).toISOString()}))`
    : sql`0`
  const sentWithinDays = (days: number) =>
    sql`(select count(*) ${onChannel} and ${s('state')} = 'sent' and ${s('sentAt')} > ${new Date(at.getTime() - days * DAY).toISOString()})`
  const fitsRecord = (windows: BudgetWindow[]): SqlChunk =>
    windows.length
      ? sql.join(
          windows.map((window) => sql`${sentWithinDays(window.days)} + ${reserved} < ${window.max}`),
          sql` and `,
        )
      : sql`1 = 1`
  const idList = (list: string[]) =>
    sql.join(
      list.map((id) => sql`${idFromKey(payload, id)}`),
      sql`, `,
    )
  // Records with the same windows (most of a batch: the same frequency) share one test. One test
  // per record made each commit's SQL ~10 KB with ~270 parameters, a quarter of the sender's CPU.
  const sameWindows = new Map<string, { ids: string[]; windows: BudgetWindow[] }>()
  for (const id of ids) {
    const windows = budget.records.get(id)?.windows ?? []
    const key = JSON.stringify(windows)
    const group = sameWindows.get(key)
    if (group) group.ids.push(id)
    else sameWindows.set(key, { ids: [id], windows })
  }
  const perRecord = (test: (windows: BudgetWindow[]) => SqlChunk) =>
    sql.join(
      [...sameWindows.values()].map(
        ({ ids: members, windows }) => sql`(${own('id')} in (${idList(members)}) and ${test(windows)})`,
      ),
      sql` or `,
    )
  const group = idList(ids)
  return {
    exceeded: sql`(${perRecord((windows) => sql`not (${fitsRecord(windows)})`)})`,
    firstOfSubscriber: sql`${own('id')} = (select min(${s('id')}) from campaign_sends s where ${s('id')} in (${group}) and ${s('subscriber')} = ${own('subscriber')})`,
    fits: sql`(${perRecord(fitsRecord)})`,
  }
}

/** A namespace for the subscribers' advisory locks (PostgreSQL), so they meet no other lock of the host's. */
export const BUDGET_LOCK = 0x6b62

/** Locks the subscribers' budgets until the transaction ends, in one order everywhere (no deadlock between commits). */
export const lockBudgets = (subscribers: string[]) =>
  sql`select count(pg_advisory_xact_lock(${BUDGET_LOCK}, hashtext(x))) from unnest(array[${sql.join(
    [...new Set(subscribers)].sort().map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]) as x`

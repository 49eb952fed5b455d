import type { CollectionAfterChangeHook, Payload } from 'payload'

import type { EventConsumer } from '@kontorwerk/personalization'

import {
  EVENT_TYPES,
  idFromKey,
  readRows,
  relationKey,
  runSql,
  sql,
  writeAtomically,
} from '@kontorwerk/personalization'
import { audienceMembers } from '@kontorwerk/segments'

import type { Automation, ConsentRecord, Subscriber } from '../documents'

import { AUTOMATION_RUNS, CAMPAIGN_SENDS } from '../defaults'
import { cancelPendingRecords } from '../sending/sendRecords'
import { birthdaysCelebratedOn } from './birthdays'
import { automationList, automationsFor, enroll } from './enroll'
import { enrollDateRelative } from './triggers/dateRelative'
import { enrollLoyaltyTiers } from './triggers/loyaltyTier'

/** Welcome series: a marketing email consent confirmed by double opt-in (its proof says so). */
export const enrollOnDoubleOptIn: CollectionAfterChangeHook<ConsentRecord> = async ({ doc, operation, req }) => {
  const proof = doc.proof as null | { method?: string }
  if (
    operation !== 'create' ||
    doc.action !== 'confirmed' ||
    doc.purpose !== 'marketing' ||
    doc.channel !== 'email' ||
    proof?.method !== 'double-opt-in'
  )
    return doc
  const subscriber = relationKey(doc.subscriber)
  if (!subscriber) return doc
  for (const automation of await automationsFor(req.payload, 'double_opt_in')) {
    const topic = relationKey(automation.topic)
    if (topic && topic !== relationKey(doc.topic)) continue
    await enroll(req.payload, automation, [subscriber], `double opt-in confirmed (${doc.id})`)
  }
  return doc
}

/** "Stage changed to X": any move (score threshold, rule, import, an editor) into the automation's stage. */
export const enrollOnStageChange: CollectionAfterChangeHook<Subscriber> = async ({
  doc,
  operation,
  previousDoc,
  req,
}) => {
  const stage = relationKey(doc.stage)
  if (operation !== 'update' || !stage || stage === relationKey(previousDoc?.stage)) return doc
  for (const automation of await automationsFor(req.payload, 'stage_changed')) {
    if (relationKey(automation.stage) === stage)
      await enroll(req.payload, automation, [String(doc.id)], `stage changed to ${stage}`)
  }
  return doc
}

/**
 * Learns from the event intake: a subscriber's first `purchase` starts onboarding, and any
 * engagement (click, visit, purchase …) ends their runs in automations that stop on a reaction
 * (reactivation). Idempotent, as settle must be.
 */
export const automationConsumer: EventConsumer = {
  name: 'automations',
  settle: async ({ events, now, payload }) => {
    const buyers = [...new Set(events.filter((event) => event.type === 'purchase').map((event) => event.subscriber))]
    if (buyers.length) {
      const purchases = await readRows(
        payload,
        'events',
        ['subscriber'],
        [
          { field: 'subscriber', in: buyers.map((id) => idFromKey(payload, id)) },
          { field: 'type', in: ['purchase'] },
        ],
      )
      const inBatch = (subscriber: string) =>
        events.filter((event) => event.type === 'purchase' && event.subscriber === subscriber).length
      const first = buyers.filter(
        (subscriber) => purchases.filter((row) => String(row.subscriber) === subscriber).length === inBatch(subscriber),
      )
      for (const automation of await automationsFor(payload, 'first_purchase'))
        await enroll(payload, automation, first, 'first purchase', { now })
    }
    const engaged = [
      ...new Set(events.filter((event) => EVENT_TYPES[event.type].engagement).map((event) => event.subscriber)),
    ]
    if (engaged.length) await exitOnEngagement(payload, engaged)
  },
}

async function exitOnEngagement(payload: Payload, subscribers: string[]) {
  const stopping = (await automationList.get(payload)).filter((automation) => automation.exitOnEngagement)
  await exitRuns(payload, stopping, subscribers, 'engaged', 'engaged: the automation stops on a reaction')
}

/** Ends these subscribers' active runs in these automations and cancels the mails they queued that have not gone out. */
export async function exitRuns(
  payload: Payload,
  stopping: Automation[],
  subscribers: string[],
  exitReason: string,
  cancelNote: string,
) {
  if (stopping.length === 0 || subscribers.length === 0) return
  const automations = stopping.map((doc) => doc.id)
  const who = subscribers.map((id) => idFromKey(payload, id))
  // Bulk reads, not payload.find: this runs for every intake round with engagement in it.
  const runs = await readRows(
    payload,
    AUTOMATION_RUNS,
    ['id', 'runKey'],
    [
      { field: 'automation', in: automations },
      { field: 'state', in: ['active'] },
      { field: 'subscriber', in: who },
    ],
  )
  if (runs.length > 0)
    await writeAtomically(payload, {
      updates: runs.map((run) => ({
        collection: AUTOMATION_RUNS,
        data: { exitReason, runKey: `${String(run.runKey)}:${String(run.id)}`, state: 'exited' },
        id: String(run.id),
      })),
    })
  // Mails these automations queued that have not gone out yet are not sent any more (the run may be over already).
  const steps = await readRows(payload, 'campaigns', ['id'], [{ field: 'automation', in: automations }])
  const queued = await readRows(
    payload,
    CAMPAIGN_SENDS,
    ['id'],
    [
      { field: 'campaign', in: steps.map((step) => step.id as number | string) },
      { field: 'state', in: ['pending'] },
      { field: 'subscriber', in: who },
    ],
  )
  await cancelPendingRecords(
    payload,
    queued.map((doc) => String(doc.id)),
    cancelNote,
  )
}

/** Triggers that are states, not moments: members of a segment (e.g. "no engagement for 60 days") and today's birthdays. */
export async function sweepAutomations(payload: Payload, now = new Date()): Promise<void> {
  await enrollSegmentMembers(payload, now)
  for (const automation of await automationsFor(payload, 'birthday')) {
    const days = birthdaysCelebratedOn(now)
    await enroll(
      payload,
      automation,
      await birthdaysOn(payload, automation.birthdayAttribute || 'birthday', days),
      `birthday ${days.join('/')}`,
      { now, reentry: true },
    )
  }
  // Dates before/after and loyalty tiers: once per date value or tier (automation/triggers/). They read with SQL.
  if (payload.db.name === 'mongoose') return
  await enrollDateRelative(payload, now)
  await enrollLoyaltyTiers(payload, now)
}

/**
 * Segment-entry automations enrol the segment's current members (re-entry rules apply). Also run
 * right after a purchase-model refit, so a win-back on "P(alive) below 0.3" starts that night.
 */
export async function enrollSegmentMembers(payload: Payload, now = new Date()): Promise<void> {
  for (const automation of await automationsFor(payload, 'segment_entry')) {
    const segment = relationKey(automation.segment)
    if (!segment) continue
    for await (const page of audienceMembers(payload, segment, [], now))
      await enroll(payload, automation, page, `member of segment ${segment}`, { now, reentry: true })
  }
}

/** Subscribers whose custom attribute holds a date (YYYY-MM-DD or MM-DD) on one of these months and days. */
async function birthdaysOn(payload: Payload, attribute: string, monthDays: string[]): Promise<string[]> {
  if (!/^[\w-]{1,40}$/.test(attribute)) return []
  if (payload.db.name === 'mongoose') {
    const where = { or: monthDays.map((monthDay) => ({ [`attributes.${attribute}`]: { like: monthDay } })) }
    const { docs } = await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: 0,
      pagination: false,
      select: {},
      where,
    })
    return docs.map((doc) => String(doc.id))
  }
  const value =
    payload.db.name === 'postgres'
      ? sql`attributes ->> ${attribute}`
      : sql`json_extract(attributes, ${`$.${attribute}`})`
  const matches = sql.join(
    monthDays.map((monthDay) => sql`${value} like ${`%${monthDay}`}`),
    sql` or `,
  )
  const rows = await runSql(payload, sql`select id from subscribers where ${matches}`)
  return rows.map((row) => String(row.id))
}

import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-sqlite'
import { randomUUID } from 'node:crypto'

import { sqlTable } from '../../../src/database/tables'
import { idFromKey } from '../../../src/utilities/relation'
import { CAMPAIGN_SENDS } from '../defaults'

/** A recipient handed to one worker by a claim. */
export type ClaimedRecipient = { attempts: number; id: string; messageId: string; subscriber: string; variant: null | string }

/** A change to claimed rows that still hold the claim and are pending (so a row another worker took over is never touched). */
export type Settlement = { attempts?: number; leaseUntil?: Date | null; nextAttemptAt?: Date | null; reason?: null | string; state: 'failed' | 'pending' | 'skipped' | 'cancelled' }

type Column = { name: string }
type Table = Record<string, Column>
type SqlDatabase = {
  all?: (query: unknown) => Promise<Record<string, unknown>[]>
  execute?: (query: unknown) => Promise<{ rows: Record<string, unknown>[] }>
}
type MongoModel = {
  find: (filter: unknown, projection?: unknown) => { lean: () => Promise<Record<string, unknown>[]>; limit: (n: number) => { lean: () => Promise<Record<string, unknown>[]> }; sort: (s: unknown) => { limit: (n: number) => { lean: () => Promise<Record<string, unknown>[]> } } }
  updateMany: (filter: unknown, update: unknown) => Promise<unknown>
}

const isMongo = (payload: Payload) => payload.db.name === 'mongoose'
const mongo = (payload: Payload) => (payload.db as unknown as { collections: Record<string, MongoModel> }).collections[CAMPAIGN_SENDS]

async function run(payload: Payload, query: unknown): Promise<Record<string, unknown>[]> {
  const db = (payload.db as unknown as { drizzle: SqlDatabase }).drizzle
  if (db.all) return db.all(query)
  return (await db.execute!(query)).rows
}

const table = (payload: Payload) => sqlTable<Table>(payload, CAMPAIGN_SENDS)
const column = (payload: Payload, field: string) => sql.identifier(table(payload)[field].name)
const iso = (date: Date) => date.toISOString()

/**
 * Claims up to `limit` pending recipients of a campaign whose lease is free and whose retry is due,
 * atomically: SQLite has one writer, PostgreSQL skips rows another worker is claiming right now.
 */
export async function claimRecipients(payload: Payload, campaign: string, { leaseSeconds, limit, now }: { leaseSeconds: number; limit: number; now: Date }) {
  const claim = randomUUID()
  const leaseUntil = new Date(now.getTime() + leaseSeconds * 1000)
  if (isMongo(payload)) return claimMongo(payload, campaign, claim, { leaseUntil, limit, now })
  const c = (field: string) => column(payload, field)
  const campaignId = idFromKey(payload, campaign)
  const lock = payload.db.name === 'postgres' ? sql` for update skip locked` : sql``
  const rows = await run(
    payload,
    sql`update campaign_sends set ${c('claim')} = ${claim}, ${c('leaseUntil')} = ${iso(leaseUntil)}
      where ${c('id')} in (
        select ${c('id')} from campaign_sends
        where ${c('campaign')} = ${campaignId} and ${c('state')} = 'pending'
          and (${c('leaseUntil')} is null or ${c('leaseUntil')} < ${iso(now)})
          and (${c('nextAttemptAt')} is null or ${c('nextAttemptAt')} <= ${iso(now)})
        order by ${c('id')} limit ${limit}${lock})
      returning ${c('id')} as id, ${c('subscriber')} as subscriber, ${c('attempts')} as attempts, ${c('messageId')} as "messageId", ${c('variant')} as variant`,
  )
  return { claim, recipients: rows.map(toRecipient).sort((a, b) => Number(a.id) - Number(b.id)) }
}

const toRecipient = (row: Record<string, unknown>): ClaimedRecipient => ({
  attempts: Number(row.attempts ?? 0),
  id: String(row.id ?? row._id),
  messageId: String(row.messageId),
  subscriber: String(row.subscriber),
  variant: row.variant == null ? null : String(row.variant),
})

async function claimMongo(payload: Payload, campaign: string, claim: string, { leaseUntil, limit, now }: { leaseUntil: Date; limit: number; now: Date }) {
  const model = mongo(payload)
  const free = {
    $and: [{ $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] }, { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }] }],
    campaign,
    state: 'pending',
  }
  const candidates = await model.find(free, { _id: 1 }).sort({ _id: 1 }).limit(limit).lean()
  // The filter is repeated in the update: a row another worker claimed in between is not taken.
  await model.updateMany({ ...free, _id: { $in: candidates.map((row) => row._id) } }, { $set: { claim, leaseUntil } })
  const rows = await model.find({ claim }).lean()
  return { claim, recipients: rows.map(toRecipient) }
}

/**
 * Marks claimed recipients `sent`, returning those it marked. This commit is the moment a message
 * counts as sent: the SMTP transaction waits for it before its final dot, so a crash before it
 * leaves the message undelivered (the server drops an unfinished message) and the row pending.
 */
export async function commitSent(payload: Payload, claim: string, ids: string[], sentAt: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  if (isMongo(payload)) {
    const model = mongo(payload)
    const keys = ids.map((id) => idFromKey(payload, id))
    await model.updateMany({ _id: { $in: keys }, claim, state: 'pending' }, { $set: { sentAt, state: 'sent' } })
    return new Set((await model.find({ _id: { $in: keys }, claim, state: 'sent' }, { _id: 1 }).lean()).map((row) => String(row._id)))
  }
  const c = (field: string) => column(payload, field)
  const rows = await run(
    payload,
    sql`update campaign_sends set ${c('state')} = 'sent', ${c('sentAt')} = ${iso(sentAt)}
      where ${c('claim')} = ${claim} and ${c('state')} = 'pending' and ${c('id')} in (${sql.join(ids.map((id) => sql`${idFromKey(payload, id)}`), sql`, `)})
      returning ${c('id')} as id`,
  )
  return new Set(rows.map((row) => String(row.id)))
}

/**
 * Settles claimed recipients still in state `from` (skipped by the gate, retry later, failed, lease
 * given back; from `sent`: a message the server refused after the commit).
 */
export async function settle(payload: Payload, claim: string, ids: string[], change: Settlement, from: 'pending' | 'sent' = 'pending'): Promise<void> {
  if (ids.length === 0) return
  const values: Record<string, unknown> = { state: change.state }
  if ('reason' in change) values.reason = change.reason ?? null
  if ('attempts' in change) values.attempts = change.attempts
  if ('nextAttemptAt' in change) values.nextAttemptAt = change.nextAttemptAt ?? null
  if ('leaseUntil' in change) values.leaseUntil = change.leaseUntil ?? null
  if (change.state === 'pending') Object.assign(values, { claim: null, sentAt: null })
  if (isMongo(payload)) {
    await mongo(payload).updateMany({ _id: { $in: ids.map((id) => idFromKey(payload, id)) }, claim, state: from }, { $set: values })
    return
  }
  const c = (field: string) => column(payload, field)
  const assignments = Object.entries(values).map(([field, value]) => sql`${c(field)} = ${value instanceof Date ? iso(value) : value}`)
  await run(
    payload,
    sql`update campaign_sends set ${sql.join(assignments, sql`, `)}
      where ${c('claim')} = ${claim} and ${c('state')} = ${from} and ${c('id')} in (${sql.join(ids.map((id) => sql`${idFromKey(payload, id)}`), sql`, `)})
      returning ${c('id')} as id`,
  )
}

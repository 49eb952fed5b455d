import type { Payload } from 'payload'

import { claimRows, idFromKey, runSql as run, sql, sqlTable } from '@kontorwerk/personalization'

import { CAMPAIGN_SENDS } from '../defaults'
import { budgetConditions, type CommitBudget, lockBudgets } from './contactBudget'

/** A recipient handed to one worker by a claim. */
export type ClaimedRecipient = {
  attempts: number
  id: string
  messageId: string
  sendKey: string
  subscriber: string
  variant: null | string
}

/** A change to claimed rows that still hold the claim and are pending (so a row another worker took over is never touched). */
export type Settlement = {
  attempts?: number
  leaseUntil?: Date | null
  nextAttemptAt?: Date | null
  reason?: null | string
  state: 'failed' | 'pending' | 'skipped' | 'cancelled'
}

type Column = { name: string }
type Table = Record<string, Column>
type MongoModel = {
  find: (filter: unknown, projection?: unknown) => { lean: () => Promise<Record<string, unknown>[]> }
  updateMany: (filter: unknown, update: unknown) => Promise<unknown>
}

const isMongo = (payload: Payload) => payload.db.name === 'mongoose'
const mongo = (payload: Payload) =>
  (payload.db as unknown as { collections: Record<string, MongoModel> }).collections[CAMPAIGN_SENDS]

const table = (payload: Payload) => sqlTable<Table>(payload, CAMPAIGN_SENDS)
const column = (payload: Payload, field: string) => sql.identifier(table(payload)[field].name)
const iso = (date: Date) => date.toISOString()

/** Claims up to `limit` pending recipients of a campaign whose retry is due (see claimRows). */
export async function claimRecipients(
  payload: Payload,
  campaign: string,
  { leaseSeconds, limit, now }: { leaseSeconds: number; limit: number; now: Date },
) {
  const { claim, rows } = await claimRows(payload, {
    collection: CAMPAIGN_SENDS,
    fields: ['subscriber', 'attempts', 'messageId', 'sendKey', 'variant'],
    filter: (c) =>
      sql`${c('campaign')} = ${idFromKey(payload, campaign)} and ${c('state')} = 'pending' and (${c('nextAttemptAt')} is null or ${c('nextAttemptAt')} <= ${iso(now)})`,
    leaseSeconds,
    limit,
    mongoFilter: { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: now } }], campaign, state: 'pending' },
    now,
  })
  return { claim, recipients: rows.map(toRecipient) }
}

const toRecipient = (row: Record<string, unknown>): ClaimedRecipient => ({
  attempts: Number(row.attempts ?? 0),
  id: String(row.id),
  messageId: String(row.messageId),
  sendKey: String(row.sendKey),
  subscriber: String(row.subscriber),
  variant: row.variant == null ? null : String(row.variant),
})

/** Recipients marked sent, and how to make the marks final: `seal` must be called before any message they stand for is released. */
export type SentMarks = { committed: Set<string>; seal: () => Promise<void> }

/**
 * Marks claimed recipients `sent`. This is the moment a message counts as sent: the SMTP
 * transaction waits for it before its final dot (see SmtpLanes), so a crash before it leaves the
 * message undelivered (a server drops an unfinished message) and the row pending.
 * A recipient whose consent ledger changed since the gate read it (`gateReadAt`), e.g. who just
 * unsubscribed, is not marked: their message is dropped and the next batch asks the gate again.
 *
 * The contact budget is reserved here too (docs/plugins/consent.md#contact-budget): a message that
 * no longer fits its subscriber's budget (another campaign's commit took it since the gate read it)
 * is settled `skipped` with reason `budget` in the same transaction and not sent. On PostgreSQL the
 * subscribers' budgets are locked first (advisory locks, held to the COMMIT), so two commits for one
 * person run one after the other and the second sees the first's sends; SQLite runs each statement
 * alone. The skip is written before the mark, so the mark stays the last write before the dots.
 *
 * SQLite commits the statements synchronously. On PostgreSQL they run in an open transaction and
 * `seal` writes its COMMIT to the socket without waiting, so the caller can write the final dots
 * right behind it in the same tick: a crash can only fall between those two writes (microseconds),
 * not into the round trip a commit takes.
 */
export async function markSent(
  payload: Payload,
  claim: string,
  ids: string[],
  { budget, gateReadAt, sentAt }: { budget?: CommitBudget; gateReadAt: Date; sentAt: Date },
): Promise<SentMarks> {
  const sealed = async () => {}
  if (ids.length === 0) return { committed: new Set(), seal: sealed }
  if (isMongo(payload))
    return { committed: await markSentMongo(payload, claim, ids, { gateReadAt, sentAt }), seal: sealed }
  const c = (field: string) => column(payload, field)
  const consents = sqlTable<Table>(payload, 'consent-records')
  const claimed = sql`${c('claim')} = ${claim} and ${c('state')} = 'pending' and ${c('id')} in (${sql.join(
    ids.map((id) => sql`${idFromKey(payload, id)}`),
    sql`, `,
  )})
        and not exists (select 1 from ${consents} where ${consents.subscriber} = campaign_sends.${c('subscriber')} and ${consents.createdAt} >= ${iso(gateReadAt)})`
  const limits = budget ? budgetConditions(payload, budget, ids, sentAt) : null
  const statements = [
    ...(limits
      ? [
          sql`update campaign_sends set ${c('state')} = 'skipped', ${c('reason')} = 'budget'
      where ${claimed} and ${limits.exceeded}`,
        ]
      : []),
    sql`update campaign_sends set ${c('state')} = 'sent', ${c('sentAt')} = ${iso(sentAt)}
      where ${claimed}${limits ? sql` and ${limits.fits} and ${limits.firstOfSubscriber}` : sql``}
      returning ${c('id')} as id`,
  ]
  if (payload.db.name !== 'postgres') {
    let rows: Record<string, unknown>[] = []
    for (const statement of statements) rows = await run(payload, statement)
    return { committed: new Set(rows.map((row) => String(row.id))), seal: sealed }
  }
  const db = payload.db as unknown as {
    drizzle: { dialect: { sqlToQuery: (query: unknown) => { params: unknown[]; sql: string } } }
    pool: PgPool
  }
  const query = (client: PgClient, statement: unknown) => {
    const { params, sql: text } = db.drizzle.dialect.sqlToQuery(statement)
    return client.query(text, params)
  }
  const client = await db.pool.connect()
  try {
    await client.query('begin')
    if (budget) await query(client, lockBudgets(ids.map((id) => budget.records.get(id)?.subscriber ?? '')))
    let rows: Record<string, unknown>[] = []
    for (const statement of statements) ({ rows } = await query(client, statement))
    let sealing: Promise<void> | null = null
    const seal = () =>
      (sealing ??= client.query('commit').then(
        () => client.release(),
        (error: unknown) => {
          client.release(error as Error)
          throw error
        },
      ))
    return { committed: new Set(rows.map((row) => String(row.id))), seal }
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    client.release()
    throw error
  }
}

type PgClient = {
  query: (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>
  release: (error?: Error) => void
}
type PgPool = { connect: () => Promise<PgClient> }

/** MongoDB has no conditional subquery in an update: the changed ledgers are read first (a window of one round trip). */
async function markSentMongo(
  payload: Payload,
  claim: string,
  ids: string[],
  { gateReadAt, sentAt }: { gateReadAt: Date; sentAt: Date },
) {
  const models = (payload.db as unknown as { collections: Record<string, MongoModel> }).collections
  const model = mongo(payload)
  const keys = ids.map((id) => idFromKey(payload, id))
  const rows = await model.find({ _id: { $in: keys } }, { subscriber: 1 }).lean()
  const changed = new Set(
    (
      await models['consent-records']
        .find(
          { createdAt: { $gte: gateReadAt }, subscriber: { $in: rows.map((row) => row.subscriber) } },
          { subscriber: 1 },
        )
        .lean()
    ).map((row) => String(row.subscriber)),
  )
  const allowed = rows.filter((row) => !changed.has(String(row.subscriber))).map((row) => row._id)
  await model.updateMany({ _id: { $in: allowed }, claim, state: 'pending' }, { $set: { sentAt, state: 'sent' } })
  return new Set(
    (await model.find({ _id: { $in: allowed }, claim, sentAt, state: 'sent' }, { _id: 1 }).lean()).map((row) =>
      String(row._id),
    ),
  )
}

/**
 * Settles claimed recipients still in state `from` (skipped by the gate, retry later, failed, lease
 * given back; from `sent`: a message the server refused after the commit).
 */
export async function settle(
  payload: Payload,
  claim: string,
  ids: string[],
  change: Settlement,
  from: 'pending' | 'sent' = 'pending',
): Promise<void> {
  if (ids.length === 0) return
  const values: Record<string, unknown> = { state: change.state }
  if ('reason' in change) values.reason = change.reason ?? null
  if ('attempts' in change) values.attempts = change.attempts
  if ('nextAttemptAt' in change) values.nextAttemptAt = change.nextAttemptAt ?? null
  if ('leaseUntil' in change) values.leaseUntil = change.leaseUntil ?? null
  if (change.state === 'pending') Object.assign(values, { claim: null, sentAt: null })
  if (isMongo(payload)) {
    await mongo(payload).updateMany(
      { _id: { $in: ids.map((id) => idFromKey(payload, id)) }, claim, state: from },
      { $set: values },
    )
    return
  }
  const c = (field: string) => column(payload, field)
  const assignments = Object.entries(values).map(
    ([field, value]) => sql`${c(field)} = ${value instanceof Date ? iso(value) : value}`,
  )
  await run(
    payload,
    sql`update campaign_sends set ${sql.join(assignments, sql`, `)}
      where ${c('claim')} = ${claim} and ${c('state')} = ${from} and ${c('id')} in (${sql.join(
        ids.map((id) => sql`${idFromKey(payload, id)}`),
        sql`, `,
      )})
      returning ${c('id')} as id`,
  )
}

/**
 * Moves a campaign's pending, unclaimed records of one group (the rest of an A/B test) to `until`
 * when they are due before it. A record a worker holds keeps its lease and is settled by that worker.
 */
export async function postponeWaiting(
  payload: Payload,
  campaign: string,
  variant: string,
  until: Date,
  now: Date,
): Promise<void> {
  if (isMongo(payload)) {
    await mongo(payload).updateMany(
      {
        $and: [
          { $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
          { $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lt: until } }] },
        ],
        campaign: idFromKey(payload, campaign),
        state: 'pending',
        variant,
      },
      { $set: { nextAttemptAt: until } },
    )
    return
  }
  const c = (field: string) => column(payload, field)
  await run(
    payload,
    sql`update campaign_sends set ${c('nextAttemptAt')} = ${iso(until)}
    where ${c('campaign')} = ${idFromKey(payload, campaign)} and ${c('state')} = 'pending' and ${c('variant')} = ${variant}
      and (${c('leaseUntil')} is null or ${c('leaseUntil')} < ${iso(now)})
      and (${c('nextAttemptAt')} is null or ${c('nextAttemptAt')} < ${iso(until)})`,
  )
}

/**
 * Cancels records that are still pending (a cancelled campaign, an ended automation run). Only
 * `pending` ones: a record a worker marked sent a moment ago stays sent, and a record cancelled
 * here can no longer be marked sent (the commit requires `pending`).
 */
export async function cancelPendingRecords(payload: Payload, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return
  if (isMongo(payload)) {
    await mongo(payload).updateMany(
      { _id: { $in: ids.map((id) => idFromKey(payload, id)) }, state: 'pending' },
      { $set: { reason, state: 'cancelled' } },
    )
    return
  }
  const c = (field: string) => column(payload, field)
  await run(
    payload,
    sql`update campaign_sends set ${c('state')} = 'cancelled', ${c('reason')} = ${reason}
    where ${c('state')} = 'pending' and ${c('id')} in (${sql.join(
      ids.map((id) => sql`${idFromKey(payload, id)}`),
      sql`, `,
    )})`,
  )
}

import type {
  BaseDatabaseAdapter,
  CollectionBeforeDeleteHook,
  DatabaseAdapterObj,
  DeleteOneArgs,
  PayloadRequest,
} from 'payload'

import type { Subscriber } from '../documents'

import { type BulkWrite, writeAtomically, writeWithinOperation } from '../database/bulkWrite'
import { CodedError } from '../errors'
import { personalDataContributors, SUBSCRIBERS } from './contributors'

/** The erasures a delete operation planned, by subscriber id (a bulk delete plans several). */
type ErasureContext = { erasurePlans?: Map<string, BulkWrite[]> }

const plansOf = (req: Partial<PayloadRequest> | undefined) => {
  const context = (req?.context ?? {}) as ErasureContext
  return (context.erasurePlans ??= new Map<string, BulkWrite[]>())
}

/**
 * Erasure (DSGVO Art. 17), step one, before any deletion of a subscriber (admin UI, REST, GraphQL,
 * preference center): every installed part says what it removes or anonymises. Nothing is written
 * here; `withAtomicErasure` applies all of it together with the deletion of the profile.
 */
export const planErasure: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const subscriber = (await req.payload.findByID({
    id,
    collection: SUBSCRIBERS as 'subscribers',
    depth: 0,
    overrideAccess: true,
    req,
    showHiddenFields: true,
  })) as Subscriber
  try {
    const plan: BulkWrite[] = []
    for (const contributor of personalDataContributors(req.payload)) {
      if (contributor.erase) plan.push(await contributor.erase({ payload: req.payload, req, subscriber }))
    }
    plansOf(req).set(String(id), plan)
  } catch (error) {
    throw erasureFailed(error)
  }
}

/**
 * Step two, in the database adapter's deletion of the profile, so that nothing can come between:
 * - SQLite: one batch (one transaction that never yields) with every part's writes and the
 *   profile's own row; Payload opens no transaction on SQLite, and one held open across awaits
 *   would block this process's other writers.
 * - PostgreSQL: the writes in the delete operation's transaction, then the profile; a failure
 *   anywhere rolls all of it back.
 * - MongoDB: the same order in the operation's transaction where the server has them (replica
 *   set), the consent ledger's erasure note written last.
 */
export function withAtomicErasure(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const deleteOne = db.deleteOne.bind(db)
      db.deleteOne = (deleteArgs) =>
        deleteArgs.collection === SUBSCRIBERS ? eraseAndDelete(db, deleteOne, deleteArgs) : deleteOne(deleteArgs)
      return db
    },
  }
}

async function eraseAndDelete(
  db: BaseDatabaseAdapter,
  deleteOne: BaseDatabaseAdapter['deleteOne'],
  args: DeleteOneArgs,
) {
  const id = (args.where as { id?: { equals?: unknown } }).id?.equals
  const plan = id == null ? undefined : plansOf(args.req).get(String(id))
  // Not a delete operation (nothing was planned): the adapter's own deletion.
  if (!plan) return deleteOne(args)
  plansOf(args.req).delete(String(id))
  const req = args.req as PayloadRequest
  try {
    if (db.name === 'sqlite') {
      const doc = await db.findOne({ collection: args.collection, req, select: args.select, where: args.where })
      if (!doc) return deleteOne(args) // gone meanwhile: Payload's own "not found"
      await writeAtomically(req.payload, ...plan, {
        deletes: [{ collection: SUBSCRIBERS, field: 'id', value: String(id) }],
      })
      return doc
    }
    if (db.name === 'mongoose') {
      const notes = plan.map((write) => ({ inserts: write.inserts }))
      await writeWithinOperation(req, ...plan.map((write) => ({ ...write, inserts: [] })))
      const doc = await deleteOne(args)
      await writeWithinOperation(req, ...notes)
      return doc
    }
    await writeWithinOperation(req, ...plan)
    return await deleteOne(args)
  } catch (error) {
    throw erasureFailed(error)
  }
}

function erasureFailed(error: unknown): CodedError {
  if (error instanceof CodedError) return error
  const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 300) : String(error)
  return new CodedError('ERASURE_FAILED', `Erasure failed, nothing was changed; please try again (${reason})`)
}

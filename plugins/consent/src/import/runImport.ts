import type { Payload } from 'payload'

import { ValidationError } from 'payload'

import { idFromKey, writeAtomically } from '@kontorwerk/personalization'

import type { ConsentEntry } from '../utilities/recordConsent'
import type { SourceSystem } from './columns'
import type { RowPlan } from './planRows'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { consentOptions } from '../utilities/options'
import { ledgerEntryData } from '../utilities/recordConsent'
import { findImport, SUBSCRIBER_IMPORTS } from './importRecords'
import { planRows, subscribersNamed } from './planRows'
import {
  chunksOf,
  emptySummary,
  type ImportSettings,
  type ImportSummary,
  inFileOrder,
  type OpenedImport,
  summarise,
} from './scanRows'

/** Rows per transaction: large enough that commits do not dominate, small enough that a crash repeats little. */
export { SUBSCRIBER_IMPORTS }

export const IMPORT_CHUNK = 500

/** The dry run: every row planned against the database, nothing written. A structural error half-way (a broken quote) throws. */
export async function dryRun(
  payload: Payload,
  opened: OpenedImport,
  settings: ImportSettings,
  now = new Date(),
): Promise<ImportSummary> {
  const summary = emptySummary()
  for await (const chunk of chunksOf(opened, settings, { chunkSize: IMPORT_CHUNK, now })) {
    const plans = await planRows(payload, chunk.rows, settings.topics)
    summarise(summary, inFileOrder([...chunk.rejected, ...plans]))
  }
  return summary
}

/** The state of a run, stored on the import record with each chunk. */
export type ImportProgress = { result: ImportSummary; rowsDone: number }

export type RunContext = {
  importId: number | string
  now: Date
  opened: OpenedImport
  progress: ImportProgress
  settings: ImportSettings
  sourceSystem: SourceSystem
}

/**
 * Runs chunks from where the last finished one ended. Each chunk is planned against the database
 * as it is now, so a chunk a crash interrupted half-way is completed, not repeated, on resume:
 * its subscribers already exist and only what is missing is written. The ledger entries and the
 * import's progress are written in one atomic batch. Stops after `maxChunks` or at `deadline` (epoch ms): a job's slice.
 */
export async function runChunks(
  payload: Payload,
  run: RunContext,
  { deadline = Infinity, maxChunks = Infinity }: { deadline?: number; maxChunks?: number } = {},
): Promise<{ done: boolean; progress: ImportProgress; superseded?: boolean }> {
  let progress = run.progress
  let chunks = 0
  for await (const chunk of chunksOf(run.opened, run.settings, {
    chunkSize: IMPORT_CHUNK,
    now: run.now,
    skip: progress.rowsDone,
  })) {
    if (chunks++ === maxChunks || Date.now() > deadline) return { done: false, progress }
    // One slice per import runs at a time (a slice queues the next only when it ends); should a
    // resumed slice still meet a live one, the one that finds the progress moved stops.
    if (!(await stillAt(payload, run.importId, progress.rowsDone))) return { done: false, progress, superseded: true }
    const plans = await planRows(payload, chunk.rows, run.settings.topics)
    const { ledger, written } = await writeProfiles(payload, plans, run)
    const result = summarise(structuredClone(progress.result), inFileOrder([...chunk.rejected, ...written]))
    const next: ImportProgress = { result, rowsDone: progress.rowsDone + chunk.rowsRead }
    await writeAtomically(payload, {
      inserts: [{ collection: CONSENT_RECORDS, docs: ledger }],
      updates: [
        { collection: SUBSCRIBER_IMPORTS, data: { result, rowsDone: next.rowsDone }, id: String(run.importId) },
      ],
    })
    progress = next
  }
  return { done: true, progress }
}

async function stillAt(payload: Payload, importId: number | string, rowsDone: number) {
  return ((await findImport(payload, importId))?.rowsDone ?? 0) === rowsDone
}

/**
 * New subscribers in one bulk insert (hooks do not run: no welcome automation for a consent given
 * years ago elsewhere, see docs); changed ones through Payload one by one, so a value the collection
 * refuses rejects that row only. Returns the ledger rows to add and the rows as written.
 */
async function writeProfiles(
  payload: Payload,
  plans: RowPlan[],
  run: RunContext,
): Promise<{ ledger: Record<string, unknown>[]; written: RowPlan[] }> {
  const fresh = plans.filter((plan) => plan.outcome === 'new')
  if (fresh.length) {
    await writeAtomically(payload, {
      inserts: [{ collection: 'subscribers', docs: fresh.map((plan) => plan.changes) }],
    })
    const docs = await subscribersNamed(
      payload,
      fresh.map((plan) => plan.email!),
    )
    const ids = new Map(docs.map((doc) => [doc.email, doc.id]))
    for (const plan of fresh) plan.subscriberId = ids.get(plan.email!)
  }
  const written: RowPlan[] = []
  const ledger: Record<string, unknown>[] = []
  for (const plan of plans) {
    if (plan.outcome === 'updated' && Object.keys(plan.changes).length) {
      try {
        await payload.update({
          id: plan.subscriberId!,
          collection: 'subscribers',
          data: plan.changes as never,
          depth: 0,
          overrideAccess: true,
        })
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        payload.logger.warn({ err: error, line: plan.line, msg: 'Subscriber import: row refused by the collection' })
        written.push({ ...plan, code: 'invalid_value' as never, outcome: 'rejected' })
        continue
      }
    }
    if (plan.outcome !== 'rejected' && plan.subscriberId != null) ledger.push(...ledgerRows(payload, plan, run))
    written.push(plan)
  }
  return { ledger, written }
}

/**
 * The proof as ledger entries of source `import`, shaped like a double opt-in's: the request at the
 * opt-in time, the confirmation at the confirmation time, one per topic, linked by a request id
 * naming the import and the line.
 */
function ledgerRows(payload: Payload, plan: RowPlan, run: RunContext): Record<string, unknown>[] {
  const options = consentOptions(payload)
  const row = plan.row!
  const common = {
    channel: 'email',
    purpose: 'marketing' as const,
    requestId: `import:${run.importId}:${plan.line}`,
    source: 'import' as const,
    subscriber: plan.subscriberId!,
  }
  const proof = { importId: String(run.importId), kind: 'imported', line: plan.line, sourceSystem: run.sourceSystem }
  const entry = (data: Omit<ConsentEntry, keyof typeof common>) =>
    ledgerEntryData(payload, { ...common, ...data }, options)
  const rows = plan.ledger.withdraw.map((topic) =>
    entry({
      action: 'withdrawn',
      occurredAt: row.unsubscribedAt!,
      proof: { ...proof, unsubscribedAt: row.unsubscribedAt!.toISOString() },
      topic: idFromKey(payload, topic),
    }),
  )
  // Consents given for the old address that this row's proof does not cover end when the address changes.
  for (const topic of plan.ledger.release ?? [])
    rows.push(
      entry({
        action: 'withdrawn',
        occurredAt: run.now,
        proof: { ...proof, reason: 'address_changed' },
        topic: idFromKey(payload, topic),
      }),
    )
  const evidence = row.proof
  if (!evidence) return rows
  for (const topic of plan.ledger.confirm) {
    if (evidence.optedInAt)
      rows.push(
        entry({
          action: 'requested',
          ip: evidence.optInIp,
          occurredAt: evidence.optedInAt,
          proof,
          topic: idFromKey(payload, topic),
        }),
      )
    rows.push(
      entry({
        action: 'confirmed',
        ip: evidence.confirmIp,
        occurredAt: evidence.confirmedAt,
        proof: {
          ...proof,
          confirmedAt: evidence.confirmedAt.toISOString(),
          method: evidence.method,
          optedInAt: evidence.optedInAt?.toISOString() ?? null,
          // The addresses go to the ledger's own field, stored as the networkData option says (hashed by default).
          original: withoutAddresses(evidence.original),
        },
        topic: idFromKey(payload, topic),
      }),
    )
  }
  return rows
}

const withoutAddresses = ({ confirmIp: _confirmIp, optInIp: _optInIp, ...rest }: Record<string, string>) => rest

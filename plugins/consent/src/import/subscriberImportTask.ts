import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import fs from 'node:fs/promises'

import { consentOptions } from '../utilities/options'
import { findImport, queueImportJob, SUBSCRIBER_IMPORT_TASK, updateImport } from './importRecords'
import { runChunks } from './runImport'
import { emptySummary, type ImportSummary, openImport } from './scanRows'
import { importFilePath, importSettings } from './SubscriberImports'

/**
 * How long one job works before it hands over to the next: a resumed slice reads the rows before
 * its start again (for the duplicate check), so slices are long; a crash repeats nothing committed.
 */
export const SLICE_MS = 5 * 60_000

/**
 * One slice of an import's run: continues after the last committed chunk (`rowsDone`), then queues
 * the next slice or marks the import done. A failure is noted on the record; Payload retries the job.
 */
export async function runImportSlice(
  payload: Payload,
  importId: string,
  { maxChunks, sliceMs = SLICE_MS }: { maxChunks?: number; sliceMs?: number } = {},
) {
  const doc = await findImport(payload, importId)
  if (!doc || doc.status === 'done' || doc.status === 'checked') return { done: true }
  await updateImport(payload, importId, { status: 'running' })
  try {
    const settings = importSettings(doc)
    const opened = await openImport(await fs.readFile(importFilePath(consentOptions(payload), doc.filename!)), settings)
    const { done, superseded } = await runChunks(
      payload,
      {
        importId,
        // The dry run's clock: a proof is in the future relative to the import, not to a resumed slice.
        now: new Date(doc.createdAt),
        opened,
        progress: { result: doc.result ?? emptySummary(), rowsDone: doc.rowsDone ?? 0 },
        settings,
        sourceSystem: opened.sourceSystem,
      },
      { deadline: Date.now() + sliceMs, maxChunks },
    )
    if (superseded) return { done: false }
    if (done) {
      await updateImport(payload, importId, { status: 'done' })
      await deleteUploadedFile(payload, doc.filename!)
    } else await queueImportJob(payload, importId)
    return { done }
  } catch (error) {
    await updateImport(payload, importId, { error: String((error as Error).message).slice(0, 500), status: 'failed' })
    throw error
  }
}

/**
 * The uploaded export holds what the import does not keep (raw IP addresses, every column of the
 * old tool): once the run is done it has served its purpose, so it goes; the record keeps the
 * file's name, the counts and the per-row lists (covered by the person's export and erasure).
 */
async function deleteUploadedFile(payload: Payload, filename: string) {
  await fs.rm(importFilePath(consentOptions(payload), filename), { force: true })
}

export const subscriberImportTask = {
  slug: SUBSCRIBER_IMPORT_TASK,
  handler: async ({ input, req }: { input: { importId: string }; req: PayloadRequest }) => {
    await runImportSlice(req.payload, String(input.importId))
    return { output: {} }
  },
  inputSchema: [{ name: 'importId', type: 'text', required: true }],
  retries: { attempts: 3, backoff: { delay: 5_000, type: 'exponential' as const } },
} as unknown as TaskConfig

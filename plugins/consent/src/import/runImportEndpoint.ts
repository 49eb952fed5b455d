import type { Endpoint, Payload } from 'payload'

import { isAdmin, problemResponse } from '@kontorwerk/personalization'

import type { SubscriberImport } from './SubscriberImports'

import { findImport, queueImportJob, updateImport } from './importRecords'

/** A run whose record has not moved for this long has lost its worker (a crash, a deploy): it may be resumed. */
export const STALLED_AFTER_MS = 2 * 60 * 1000

/** `started`: this call queued the run; otherwise the import's status, which did not allow it. */
export type StartOutcome = 'not_found' | 'started' | SubscriberImport['status']

/**
 * Starts the run of a checked import, or resumes one that failed or stalled (its worker died):
 * the job continues after the last committed chunk. A run that is alive is left alone.
 */
export async function startImport(payload: Payload, id: number | string, now = new Date()): Promise<StartOutcome> {
  const doc = await findImport(payload, id)
  if (!doc) return 'not_found'
  const stalled =
    (doc.status === 'running' || doc.status === 'queued') &&
    now.getTime() - new Date(doc.updatedAt).getTime() > STALLED_AFTER_MS
  if (doc.status !== 'checked' && doc.status !== 'failed' && !stalled) return doc.status
  await updateImport(payload, id, { error: null, status: 'queued' })
  await queueImportJob(payload, id)
  return 'started'
}

/** POST /api/subscriber-imports/:id/run (admins): the "Import ausführen" button; 202 when queued, 409 when it runs already or is done. */
export const runImportEndpoint: Endpoint = {
  handler: async (req) => {
    if (!isAdmin({ req } as never)) return problemResponse(req.user ? 403 : 401, 'FORBIDDEN', 'Admins only')
    const outcome = await startImport(req.payload, String(req.routeParams?.id ?? ''))
    if (outcome === 'not_found') return problemResponse(404, 'NOT_FOUND', 'No such import')
    if (outcome !== 'started') return problemResponse(409, 'IMPORT_NOT_STARTABLE', `The import is ${outcome}`)
    return Response.json({ status: 'queued' }, { status: 202 })
  },
  method: 'post',
  path: '/:id/run',
}

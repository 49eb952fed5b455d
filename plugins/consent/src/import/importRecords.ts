import type { Payload } from 'payload'

import type { SubscriberImport } from './SubscriberImports'

export const SUBSCRIBER_IMPORTS = 'subscriber-imports'
export const SUBSCRIBER_IMPORT_TASK = 'subscriberImport'
/** Imports run on a queue of their own: a slice runs for minutes and must not hold up webhooks or sends. */
export const SUBSCRIBER_IMPORT_QUEUE = 'subscriber-imports'

/**
 * The import records and the import job through Payload's Local API. The package does not see a
 * host's generated types (which know the collection only after `npm run generate`), so the calls
 * are typed here, once, by what this package stores.
 */
type LocalApi = {
  findByID: (args: Record<string, unknown>) => Promise<null | SubscriberImport>
  update: (args: Record<string, unknown>) => Promise<SubscriberImport>
}
const api = (payload: Payload) => payload as unknown as LocalApi

export const findImport = (payload: Payload, id: number | string) =>
  api(payload).findByID({ id, collection: SUBSCRIBER_IMPORTS, depth: 0, disableErrors: true, overrideAccess: true })

/** Writes the run's own fields; `importProgress` tells the dry-run hook that this is not an admin's edit. */
export const updateImport = (payload: Payload, id: number | string, data: Partial<SubscriberImport>) =>
  api(payload).update({
    id,
    collection: SUBSCRIBER_IMPORTS,
    context: { importProgress: true },
    data,
    depth: 0,
    overrideAccess: true,
  })

export const queueImportJob = (payload: Payload, importId: number | string) =>
  (payload.jobs.queue as unknown as (args: Record<string, unknown>) => Promise<unknown>)({
    input: { importId: String(importId) },
    queue: SUBSCRIBER_IMPORT_QUEUE,
    task: SUBSCRIBER_IMPORT_TASK,
  })

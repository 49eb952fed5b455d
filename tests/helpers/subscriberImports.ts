import type { Payload } from 'payload'

import { SUBSCRIBER_IMPORT_QUEUE, SUBSCRIBER_IMPORTS } from '@kontorwerk/consent'

/** What the worker does with a started subscriber import: runs its queued slices until the record says done. */
export async function runQueuedImport<T extends { status: string }>(payload: Payload, id: number | string): Promise<T> {
  for (let round = 0; round < 20; round++) {
    await payload.jobs.run({ limit: 10, queue: SUBSCRIBER_IMPORT_QUEUE })
    const doc = (await payload.findByID({ id, collection: SUBSCRIBER_IMPORTS as never, depth: 0 })) as unknown as T
    if (doc.status === 'done') return doc
  }
  throw new Error(`import ${id} did not finish`)
}

import type { PayloadRequest } from 'payload'

import { activePredictions, type StoredPrediction } from './activePredictions'

type Batch = { ids: Set<string>; result?: Promise<Map<string, StoredPrediction>> }

/** Per request: the batch still gathering ids. */
const gathering = new WeakMap<PayloadRequest, Batch>()

/**
 * The active prediction of one subscriber, read together with every other subscriber of the same
 * request whose document is read in the same turn: a list of 100 subscribers is one query, not
 * 100. Payload runs each document's read hooks concurrently, so they all ask before the batch
 * leaves (it waits for the next macrotask).
 */
export function loadPrediction(req: PayloadRequest, subscriber: string): Promise<StoredPrediction | undefined> {
  let batch = gathering.get(req)
  if (!batch) {
    const created: Batch = { ids: new Set() }
    batch = created
    gathering.set(req, created)
    created.result = new Promise((resolve, reject) =>
      setImmediate(() => {
        gathering.delete(req)
        activePredictions(req.payload, [...created.ids], req).then(resolve, reject)
      }),
    )
  }
  batch.ids.add(subscriber)
  // A copy: the same subscriber read twice in one request must not share one object (populated, explained).
  return batch.result!.then((found) => {
    const prediction = found.get(subscriber)
    return prediction && { ...prediction }
  })
}

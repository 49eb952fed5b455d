import type { CollectionBeforeDeleteHook } from 'payload'

import { writeAtomically } from '../../../src/database/bulkWrite'
import { SCORE_HITS } from '../collections/ScoreHits'

/** Erasure: the explanation of a score is about the person too. */
export const eraseScoreHits: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await writeAtomically(req.payload, { deletes: [{ collection: SCORE_HITS, field: 'subscriber', value: id }] })
}

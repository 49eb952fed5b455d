import type { CollectionBeforeDeleteHook } from 'payload'

import { writeAtomically } from '../../../src/database/bulkWrite'
import { LEAD_SCORES } from '../collections/LeadScores'
import { SCORE_HITS } from '../collections/ScoreHits'

/** Erasure: a score and its explanation are about the person too. */
export const eraseScores: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await writeAtomically(req.payload, { deletes: [SCORE_HITS, LEAD_SCORES].map((collection) => ({ collection, field: 'subscriber', value: id })) })
}

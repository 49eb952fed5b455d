import type { CollectionBeforeDeleteHook } from 'payload'

import { EVENTS } from '../../collections/Events'
import { writeAtomically } from '../database/bulkWrite'

/** Erasure (DSGVO Art. 17): a subscriber's behaviour goes with the subscriber. */
export const eraseEvents: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await writeAtomically(req.payload, { deletes: [{ collection: EVENTS, field: 'subscriber', value: id }] })
}

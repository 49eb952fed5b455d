import type { CollectionBeforeDeleteHook } from 'payload'

import { writeAtomically } from '../../../src/database/bulkWrite'
import { SEGMENT_MEMBERS } from '../collections/SegmentMembers'

/** Erasing a subscriber removes them from every static list (their membership is personal data too). */
export const eraseMemberships: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await writeAtomically(req.payload, { deletes: [{ collection: SEGMENT_MEMBERS, field: 'subscriber', value: id }] })
}

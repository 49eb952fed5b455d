import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import { APIError } from 'payload'

import { writeAtomically } from '../../../src/database/bulkWrite'
import { SEGMENT_MEMBERS } from '../collections/SegmentMembers'
import { parseRuleTree } from '../rules/parse'
import { referencesOf } from '../rules/references'

/** A segment other segments use cannot go: their rules would lose a condition silently. */
export const refuseDeletionWhileUsed: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({ collection: 'segments', depth: 0, limit: 0, pagination: false, req, where: { kind: { equals: 'dynamic' } } })
  const users = docs.filter((doc) => {
    const { tree } = parseRuleTree(doc.rules)
    return tree && referencesOf(tree).some((reference) => reference.kind === 'segments' && reference.id === String(id))
  })
  if (users.length) throw new APIError(`This segment is used by ${users.map((doc) => `"${doc.name}"`).join(', ')}: remove it there first.`, 409, undefined, true)
}

/** A deleted static segment takes its member rows with it. */
export const deleteMembers: CollectionAfterDeleteHook = async ({ id, req }) => {
  await writeAtomically(req.payload, { deletes: [{ collection: SEGMENT_MEMBERS, field: 'segment', value: id }] })
}

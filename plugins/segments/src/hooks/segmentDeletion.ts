import type { CollectionBeforeDeleteHook } from 'payload'

import { APIError } from 'payload'

import { writeAtomically } from '@kontorwerk/personalization'

import { SEGMENT_MEMBERS } from '../collections/SegmentMembers'
import { SLOT_COLLECTIONS } from '../defaults'
import { parseRuleTree } from '../rules/parse'
import { referencesOf } from '../rules/references'

/**
 * A segment that other segments or reserved slots use cannot go: their rules would lose a
 * condition, and a slot reserved for it would silently open to everyone.
 */
export const refuseDeletionWhileUsed: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({
    collection: 'segments',
    depth: 0,
    limit: 0,
    pagination: false,
    req,
    where: { kind: { equals: 'dynamic' } },
  })
  const users = docs
    .filter((doc) => {
      const { tree } = parseRuleTree(doc.rules)
      return (
        tree && referencesOf(tree).some((reference) => reference.kind === 'segments' && reference.id === String(id))
      )
    })
    .map((doc) => `segment "${doc.name}"`)
  for (const collection of SLOT_COLLECTIONS) {
    const { docs: documents } = await req.payload.find({
      collection,
      depth: 0,
      limit: 0,
      pagination: false,
      req,
      select: { slug: true },
      where: { 'slots.segments': { in: [id] } },
    })
    users.push(
      ...documents.map((doc) => `${collection === 'newsletters' ? 'newsletter' : 'landing page'} "${doc.slug}"`),
    )
  }
  if (users.length)
    throw new APIError(`This segment is used by ${users.join(', ')}: remove it there first.`, 409, undefined, true)
}

/** A static segment's member rows go before the segment itself (they cannot point at nothing). */
export const deleteMembers: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await writeAtomically(req.payload, { deletes: [{ collection: SEGMENT_MEMBERS, field: 'segment', value: id }] })
}

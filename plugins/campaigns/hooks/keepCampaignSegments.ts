import type { CollectionBeforeDeleteHook } from 'payload'

import { APIError } from 'payload'

import { CAMPAIGNS } from '../defaults'

/** A segment that a campaign still to send names (audience or exclusion) cannot go: a lost exclusion would silently mail people it kept out. */
export const keepCampaignSegments: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    req,
    select: { name: true },
    where: { and: [{ status: { in: ['draft', 'scheduled', 'sending', 'paused'] } }, { or: [{ audience: { equals: id } }, { exclusions: { in: [id] } }] }] },
  })
  if (docs.length) throw new APIError(`This segment is used by campaign ${docs.map((doc) => `"${doc.name}"`).join(', ')}: remove it there first.`, 409, undefined, true)
}

import type { CollectionBeforeDeleteHook } from 'payload'

import { APIError } from 'payload'

import { AUTOMATIONS, CAMPAIGNS } from '../defaults'

/** A segment that a campaign still to send names (audience or exclusion), or an automation uses, cannot go: a lost exclusion would silently mail people it kept out. */
export const keepCampaignSegments: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    req,
    select: { name: true },
    where: {
      and: [
        { status: { in: ['draft', 'scheduled', 'sending', 'paused'] } },
        { or: [{ audience: { equals: id } }, { exclusions: { in: [id] } }] },
      ],
    },
  })
  // An automation's trigger or check segment too: a deleted "continue if not a member" check would let everyone through.
  const { docs: automations } = await req.payload.find({
    collection: AUTOMATIONS as 'automations',
    depth: 0,
    limit: 0,
    pagination: false,
    req,
    select: { name: true },
    where: { or: [{ segment: { equals: id } }, { 'steps.segment': { equals: id } }] },
  })
  const users = [
    ...docs.map((doc) => `campaign "${doc.name}"`),
    ...automations.map((doc) => `automation "${doc.name}"`),
  ]
  if (users.length)
    throw new APIError(`This segment is used by ${users.join(', ')}: remove it there first.`, 409, undefined, true)
}

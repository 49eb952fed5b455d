import type { CollectionConfig } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import { texts, translated } from '../translations'

export const SEGMENT_MEMBERS = 'segment-members'

/** The members of static segments, one row each; written only in bulk (freeze, CSV import). */
export const SegmentMembers: CollectionConfig = {
  slug: SEGMENT_MEMBERS,
  access: { create: () => false, delete: () => false, read: isAdmin, update: () => false },
  admin: { group: texts('kontorwerk-segments:groupAudience'), hidden: true },
  fields: [
    { name: 'segment', type: 'relationship', relationTo: 'segments', required: true },
    { name: 'subscriber', type: 'relationship', index: true, relationTo: 'subscribers', required: true },
    { name: 'memberKey', type: 'text', required: true, unique: true },
  ],
  indexes: [{ fields: ['segment', 'subscriber'] }],
  labels: {
    plural: translated('kontorwerk-segments:segmentMembersPlural'),
    singular: translated('kontorwerk-segments:segmentMembersSingular'),
  },
}

import type { CollectionConfig } from 'payload'

import { writtenByTheProduct } from '../access/roles'
import { option, texts, translated } from '../translations'

export const VISITOR_MERGES = 'visitor-merges'

/**
 * Which anonymous visitor became which subscriber, and when. The visitor id is unique: a visitor is
 * merged once, whichever tab or confirmation asks again (visitors/merge.ts). Deleted with the
 * subscriber (relationship, erasure). Merges happen on double opt-in only; `link` marks rows from
 * before mail links stopped merging (security review F3).
 */
export const VisitorMerges: CollectionConfig = {
  slug: VISITOR_MERGES,
  access: writtenByTheProduct,
  admin: {
    defaultColumns: ['visitor', 'subscriber', 'via', 'mergedAt'],
    group: texts('kontorwerk-personalization:groupBehaviour'),
    useAsTitle: 'visitor',
  },
  defaultSort: '-mergedAt',
  fields: [
    {
      name: 'visitor',
      type: 'text',
      label: translated('kontorwerk-personalization:visitorId'),
      required: true,
      unique: true,
    },
    {
      name: 'subscriber',
      type: 'relationship',
      index: true,
      label: translated('kontorwerk-personalization:subscriber'),
      relationTo: 'subscribers',
      required: true,
    },
    {
      name: 'via',
      type: 'select',
      label: translated('kontorwerk-personalization:mergedVia'),
      options: [
        option('signup', 'kontorwerk-personalization:mergedViaSignup'),
        option('link', 'kontorwerk-personalization:mergedViaLink'),
      ],
      required: true,
    },
    { name: 'mergedAt', type: 'date', label: translated('kontorwerk-personalization:mergedAt'), required: true },
    { name: 'events', type: 'number', label: translated('kontorwerk-personalization:movedEvents') },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:visitorMergesPlural'),
    singular: translated('kontorwerk-personalization:visitorMergesSingular'),
  },
}

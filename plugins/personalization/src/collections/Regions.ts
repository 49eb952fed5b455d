import type { CollectionConfig } from 'payload'

import { anyone, isAdmin, isStaff } from '../access/roles'
import { upperCaseRegionCode, validRegionCode } from '../fields/regionCode'
import { texts, translated } from '../translations'

export const REGIONS: string = 'regions'

/**
 * A region content can be tagged with (a block's `regions`): a country like `AT` or a subdivision
 * like `DE-BY`. Subscribers keep their region as a code of their own (the `region` text field, also
 * used for time zones, scoring and segments); a block's country covers the subscribers of all its
 * subdivisions.
 */
export const Regions: CollectionConfig = {
  slug: REGIONS,
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: {
    defaultColumns: ['name', 'code'],
    group: texts('kontorwerk-personalization:groupAudience'),
    useAsTitle: 'name',
  },
  defaultSort: 'code',
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-personalization:name'), required: true },
    {
      name: 'code',
      type: 'text',
      admin: { description: translated('kontorwerk-personalization:regionCodeDescription') },
      hooks: { beforeValidate: [upperCaseRegionCode] },
      index: true,
      label: translated('kontorwerk-personalization:regionCode'),
      maxLength: 6,
      required: true,
      unique: true,
      validate: validRegionCode,
    },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:regionsPlural'),
    singular: translated('kontorwerk-personalization:regionsSingular'),
  },
}

import type { CollectionConfig } from 'payload'

import { anyone, isAdmin, isStaff } from '../access/roles'
import { option, texts, translated } from '../translations'
import { slugField } from '../utilities/slug'

export const CONVERSIONS: string = 'conversions'

/**
 * What a block's call to action converts on: an asset to download (`download` events with
 * `properties.asset` = key) or a form to submit (`form_submitted` events with `properties.form` =
 * key). A reader who converted within the block's window does not get the block again.
 */
export const Conversions: CollectionConfig = {
  slug: CONVERSIONS,
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: {
    defaultColumns: ['name', 'key', 'kind'],
    group: texts('kontorwerk-personalization:groupBehaviour'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-personalization:name'), required: true },
    {
      ...slugField('name', 'key'),
      admin: { description: translated('kontorwerk-personalization:conversionKeyDescription'), position: 'sidebar' },
      label: translated('kontorwerk-personalization:conversionKey'),
    },
    {
      name: 'kind',
      type: 'select',
      defaultValue: 'download',
      label: translated('kontorwerk-personalization:conversionKind'),
      options: [
        option('download', 'kontorwerk-personalization:conversionKindDownload'),
        option('form', 'kontorwerk-personalization:conversionKindForm'),
      ],
      required: true,
    },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:conversionsPlural'),
    singular: translated('kontorwerk-personalization:conversionsSingular'),
  },
}

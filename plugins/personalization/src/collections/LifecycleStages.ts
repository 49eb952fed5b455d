import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import { anyone, isAdmin } from '../access/roles'
import { message, texts, translated } from '../translations'
import { slugField } from '../utilities/slug'

/** Ordered lifecycle stages; the built-in ones (system) can be relabelled but not removed or re-keyed. */
export const LifecycleStages: CollectionConfig = {
  slug: 'lifecycle-stages',
  access: { create: isAdmin, delete: isAdmin, read: anyone, update: isAdmin },
  admin: {
    // The key is for the API and the rules (editable on the stage's page); the team reads the label.
    defaultColumns: ['order', 'label', 'system'],
    group: texts('kontorwerk-personalization:groupAudience'),
    useAsTitle: 'label',
  },
  defaultSort: 'order',
  fields: [
    {
      name: 'label',
      type: 'text',
      label: translated('kontorwerk-personalization:label'),
      localized: true,
      required: true,
    },
    {
      ...slugField('label', 'key'),
      access: { update: ({ doc }) => !doc?.system },
      label: translated('kontorwerk-personalization:key'),
    },
    {
      name: 'order',
      type: 'number',
      admin: { description: translated('kontorwerk-personalization:orderDescription'), position: 'sidebar' },
      index: true,
      label: translated('kontorwerk-personalization:order'),
      required: true,
    },
    {
      name: 'description',
      type: 'textarea',
      label: translated('kontorwerk-personalization:description'),
      localized: true,
    },
    {
      name: 'system',
      type: 'checkbox',
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
      defaultValue: false,
      label: translated('kontorwerk-personalization:system'),
    },
  ],
  hooks: {
    beforeDelete: [
      async ({ id, req }) => {
        const stage = await req.payload.findByID({ id, collection: 'lifecycle-stages', depth: 0, req })
        if (stage?.system) {
          throw new APIError(message(req, 'kontorwerk-personalization:builtInStageUndeletable'), 400, undefined, true)
        }
      },
    ],
  },
  labels: {
    plural: translated('kontorwerk-personalization:lifecycleStages'),
    singular: translated('kontorwerk-personalization:lifecycleStage'),
  },
}

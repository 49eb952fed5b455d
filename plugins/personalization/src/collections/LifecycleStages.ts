import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import { anyone, isAdmin } from '../access/roles'
import { label } from '../i18n/label'
import { message } from '../i18n/message'
import { slugField } from '../utilities/slug'

/** Ordered lifecycle stages; the built-in ones (system) can be relabelled but not removed or re-keyed. */
export const LifecycleStages: CollectionConfig = {
  slug: 'lifecycle-stages',
  access: { create: isAdmin, delete: isAdmin, read: anyone, update: isAdmin },
  admin: {
    defaultColumns: ['order', 'label', 'key', 'system'],
    group: label('Zielgruppen', 'Audience'),
    useAsTitle: 'label',
  },
  defaultSort: 'order',
  fields: [
    { name: 'label', type: 'text', label: label('Bezeichnung', 'Label'), localized: true, required: true },
    {
      ...slugField('label', 'key'),
      access: { update: ({ doc }) => !doc?.system },
      label: label('Schlüssel', 'Key'),
    },
    {
      name: 'order',
      type: 'number',
      admin: { description: label('Position im Lebenszyklus (aufsteigend).', 'Position in the lifecycle (ascending).'), position: 'sidebar' },
      index: true,
      label: label('Reihenfolge', 'Order'),
      required: true,
    },
    { name: 'description', type: 'textarea', label: label('Beschreibung', 'Description'), localized: true },
    {
      name: 'system',
      type: 'checkbox',
      access: { create: () => false, update: () => false },
      admin: { position: 'sidebar', readOnly: true },
      defaultValue: false,
      label: label('Standardphase', 'Built-in stage'),
    },
  ],
  hooks: {
    beforeDelete: [
      async ({ id, req }) => {
        const stage = await req.payload.findByID({ id, collection: 'lifecycle-stages', depth: 0, req })
        if (stage?.system) {
          throw new APIError(
            message(req, label('Standardphasen können nicht gelöscht werden.', 'Built-in stages cannot be deleted.')),
            400,
            undefined,
            true,
          )
        }
      },
    ],
  },
  labels: { plural: label('Lebenszyklusphasen', 'Lifecycle stages'), singular: label('Lebenszyklusphase', 'Lifecycle stage') },
}

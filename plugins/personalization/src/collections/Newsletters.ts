import type { CollectionConfig } from 'payload'

import { isStaff } from '../access/roles'
import { addressWarningField } from '../fields/addressWarning'
import { previewField } from '../fields/preview'
import { recommendationSlotsField } from '../fields/recommendationSlots'
import { slotsField } from '../fields/slots'
import { translationsField } from '../fields/translations'
import { validLiquid, validMjmlLayout } from '../fields/validators'
import { EMAIL_LAYOUTS } from '../rendering/email/layouts'
import { texts, translated } from '../translations'
import { slugField } from '../utilities/slug'

/** A personalized newsletter: subject and preheader templates, an MJML layout and ordered slots. */
export const Newsletters: CollectionConfig = {
  slug: 'newsletters',
  access: { create: isStaff, delete: isStaff, read: isStaff, update: isStaff },
  admin: {
    defaultColumns: ['name', 'slug', 'subject', 'updatedAt'],
    group: texts('kontorwerk-personalization:groupDelivery'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-personalization:name'), required: true },
    slugField('name'),
    {
      name: 'subject',
      type: 'text',
      admin: { description: translated('kontorwerk-personalization:subjectDescription') },
      label: translated('kontorwerk-personalization:subject'),
      maxLength: 200,
      required: true,
      validate: validLiquid,
    },
    {
      name: 'preheader',
      type: 'text',
      label: translated('kontorwerk-personalization:preheader'),
      maxLength: 250,
      validate: validLiquid,
    },
    addressWarningField,
    translationsField,
    {
      type: 'row',
      fields: [
        {
          name: 'layout',
          type: 'select',
          defaultValue: 'standard',
          label: translated('kontorwerk-personalization:layout'),
          options: EMAIL_LAYOUTS.map(({ label, value }) => ({ label, value })),
          required: true,
        },
        {
          name: 'skipRecentSends',
          type: 'number',
          admin: { description: translated('kontorwerk-personalization:skipRecentSendsDescription') },
          defaultValue: 3,
          label: translated('kontorwerk-personalization:skipRecentSends'),
          max: 50,
          min: 0,
          required: true,
        },
      ],
    },
    {
      name: 'customLayout',
      type: 'code',
      admin: {
        description: translated('kontorwerk-personalization:customLayoutDescription'),
        language: 'html',
      },
      label: translated('kontorwerk-personalization:customLayout'),
      validate: validMjmlLayout,
    },
    previewField,
    slotsField('email'),
    recommendationSlotsField,
  ],
  labels: {
    plural: translated('kontorwerk-personalization:newslettersPlural'),
    singular: translated('kontorwerk-personalization:newslettersSingular'),
  },
}

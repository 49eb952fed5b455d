import type { CollectionConfig } from 'payload'

import { anyone, isStaff } from '../access/roles'
import { previewField } from '../fields/preview'
import { recommendationSlotsField } from '../fields/recommendationSlots'
import { slotsField } from '../fields/slots'
import { validLiquid } from '../fields/validators'
import { texts, translated } from '../translations'
import { slugField } from '../utilities/slug'

/** A landing page that builds itself from the visitor's profile or context. */
export const LandingPages: CollectionConfig = {
  slug: 'landing-pages',
  access: { create: isStaff, delete: isStaff, read: anyone, update: isStaff },
  admin: {
    defaultColumns: ['title', 'slug', 'updatedAt'],
    group: texts('kontorwerk-personalization:groupDelivery'),
    useAsTitle: 'title',
  },
  fields: [
    { name: 'title', type: 'text', label: translated('kontorwerk-personalization:title'), required: true },
    slugField('title'),
    {
      name: 'hero',
      type: 'group',
      fields: [
        {
          name: 'headline',
          type: 'text',
          label: translated('kontorwerk-personalization:headline'),
          required: true,
          validate: validLiquid,
        },
        {
          name: 'subline',
          type: 'textarea',
          label: translated('kontorwerk-personalization:subline'),
          validate: validLiquid,
        },
        { name: 'image', type: 'upload', label: translated('kontorwerk-personalization:image'), relationTo: 'media' },
      ],
      label: translated('kontorwerk-personalization:hero'),
    },
    previewField,
    slotsField('landing_page'),
    recommendationSlotsField,
    {
      name: 'seo',
      type: 'group',
      fields: [
        { name: 'title', type: 'text', label: translated('kontorwerk-personalization:pageTitle'), maxLength: 70 },
        {
          name: 'description',
          type: 'textarea',
          label: translated('kontorwerk-personalization:description'),
          maxLength: 160,
        },
        {
          name: 'noIndex',
          type: 'checkbox',
          defaultValue: false,
          label: translated('kontorwerk-personalization:noIndex'),
        },
      ],
      label: translated('kontorwerk-personalization:seo'),
    },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:landingPagesPlural'),
    singular: translated('kontorwerk-personalization:landingPagesSingular'),
  },
}

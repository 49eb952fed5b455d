import type { CollectionConfig } from 'payload'

import { anyone, isStaff } from '../access/roles'
import { previewField } from '../fields/preview'
import { slotsField } from '../fields/slots'
import { validLiquid } from '../fields/validators'
import { label } from '../i18n/label'
import { slugField } from '../utilities/slug'

/** A landing page that builds itself from the visitor's profile or context. */
export const LandingPages: CollectionConfig = {
  slug: 'landing-pages',
  access: { create: isStaff, delete: isStaff, read: anyone, update: isStaff },
  admin: { defaultColumns: ['title', 'slug', 'updatedAt'], group: label('Ausspielung', 'Delivery'), useAsTitle: 'title' },
  fields: [
    { name: 'title', type: 'text', label: label('Titel', 'Title'), required: true },
    slugField('title'),
    {
      name: 'hero',
      type: 'group',
      fields: [
        { name: 'headline', type: 'text', label: label('Überschrift', 'Headline'), required: true, validate: validLiquid },
        { name: 'subline', type: 'textarea', label: label('Unterzeile', 'Subline'), validate: validLiquid },
        { name: 'image', type: 'upload', label: label('Bild', 'Image'), relationTo: 'media' },
      ],
      label: label('Kopfbereich', 'Hero'),
    },
    previewField,
    slotsField('landing_page'),
    {
      name: 'seo',
      type: 'group',
      fields: [
        { name: 'title', type: 'text', label: label('Seitentitel', 'Page title'), maxLength: 70 },
        { name: 'description', type: 'textarea', label: label('Beschreibung', 'Description'), maxLength: 160 },
        { name: 'noIndex', type: 'checkbox', defaultValue: false, label: label('Nicht indexieren', 'No index') },
      ],
      label: label('SEO', 'SEO'),
    },
  ],
  labels: { plural: label('Landingpages', 'Landing pages'), singular: label('Landingpage', 'Landing page') },
}

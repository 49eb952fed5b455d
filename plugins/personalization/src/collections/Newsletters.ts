import type { CollectionConfig } from 'payload'

import { EMAIL_LAYOUTS } from '../rendering/email/layouts'
import { isStaff } from '../access/roles'
import { previewField } from '../fields/preview'
import { slotsField } from '../fields/slots'
import { validLiquid, validMjmlLayout } from '../fields/validators'
import { label } from '../i18n/label'
import { slugField } from '../utilities/slug'

/** A personalized newsletter: subject and preheader templates, an MJML layout and ordered slots. */
export const Newsletters: CollectionConfig = {
  slug: 'newsletters',
  access: { create: isStaff, delete: isStaff, read: isStaff, update: isStaff },
  admin: {
    defaultColumns: ['name', 'slug', 'subject', 'updatedAt'],
    group: label('Ausspielung', 'Delivery'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name'), required: true },
    slugField('name'),
    {
      name: 'subject',
      type: 'text',
      admin: { description: label('Liquid erlaubt, z. B. {{ subscriber.first_name | default: "Hallo" }}, Ihr Update', 'Liquid allowed, e.g. {{ subscriber.first_name | default: "Hello" }}, your update') },
      label: label('Betreff', 'Subject'),
      maxLength: 200,
      required: true,
      validate: validLiquid,
    },
    { name: 'preheader', type: 'text', label: label('Preheader', 'Preheader'), maxLength: 250, validate: validLiquid },
    {
      type: 'row',
      fields: [
        {
          name: 'layout',
          type: 'select',
          defaultValue: 'standard',
          label: label('Layout', 'Layout'),
          options: EMAIL_LAYOUTS.map(({ label, value }) => ({ label, value })),
          required: true,
        },
        {
          name: 'skipRecentSends',
          type: 'number',
          admin: { description: label('Blöcke aus so vielen letzten Sendungen nicht wiederholen.', 'Do not repeat blocks from this many recent sends.') },
          defaultValue: 3,
          label: label('Wiederholungssperre', 'Repeat guard'),
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
        description: label('Optional: eigenes MJML statt des Layouts; %%SECTIONS%% markiert die Inhalte.', 'Optional: own MJML instead of the layout; %%SECTIONS%% marks the content.'),
        language: 'html',
      },
      label: label('Eigenes MJML-Layout', 'Custom MJML layout'),
      validate: validMjmlLayout,
    },
    previewField,
    slotsField('email'),
  ],
  labels: { plural: label('Newsletter', 'Newsletters'), singular: label('Newsletter', 'Newsletter') },
}

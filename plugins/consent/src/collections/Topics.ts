import type { CollectionConfig } from 'payload'

import { anyone, isAdmin, isStaff } from '@kontorwerk/personalization'
import { tagRelationship } from '@kontorwerk/personalization'
import { label } from '@kontorwerk/personalization'
import { slugField } from '@kontorwerk/personalization'
import { CONSENT_CHANNEL_OPTIONS } from '../fields/channels'

/** Newsletter topics a subscriber can choose; each maps to interests, so a choice is also zero-party data. */
export const Topics: CollectionConfig = {
  slug: 'topics',
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: { defaultColumns: ['name', 'slug', 'active'], group: label('Einwilligungen', 'Consent'), useAsTitle: 'name' },
  defaultSort: 'name',
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name'), localized: true, required: true },
    slugField('name'),
    { name: 'description', type: 'textarea', label: label('Beschreibung', 'Description'), localized: true },
    tagRelationship('interests', 'interests', label('Interessen', 'Interests')),
    {
      name: 'channels',
      type: 'select',
      defaultValue: ['email'],
      hasMany: true,
      label: label('Kanäle', 'Channels'),
      options: CONSENT_CHANNEL_OPTIONS,
      required: true,
    },
    { name: 'active', type: 'checkbox', admin: { position: 'sidebar' }, defaultValue: true, label: label('Aktiv', 'Active') },
  ],
  labels: { plural: label('Themen', 'Topics'), singular: label('Thema', 'Topic') },
}

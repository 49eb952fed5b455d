import type { CollectionConfig } from 'payload'

import { anyone, isAdmin, isStaff, slugField, tagRelationship } from '@kontorwerk/personalization'

import { CONSENT_CHANNEL_OPTIONS } from '../fields/channels'
import { texts, translated } from '../translations'

/** Newsletter topics a subscriber can choose; each maps to interests, so a choice is also zero-party data. */
export const Topics: CollectionConfig = {
  slug: 'topics',
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: {
    defaultColumns: ['name', 'slug', 'active'],
    group: texts('kontorwerk-consent:groupConsent'),
    useAsTitle: 'name',
  },
  defaultSort: 'name',
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-consent:name'), localized: true, required: true },
    slugField('name'),
    { name: 'description', type: 'textarea', label: translated('kontorwerk-consent:description'), localized: true },
    tagRelationship('interests', 'interests', translated('kontorwerk-consent:interests')),
    {
      name: 'channels',
      type: 'select',
      defaultValue: ['email'],
      hasMany: true,
      label: translated('kontorwerk-consent:channels'),
      options: CONSENT_CHANNEL_OPTIONS,
      required: true,
    },
    {
      name: 'active',
      type: 'checkbox',
      admin: { position: 'sidebar' },
      defaultValue: true,
      label: translated('kontorwerk-consent:active'),
    },
  ],
  labels: { plural: translated('kontorwerk-consent:topicsPlural'), singular: translated('kontorwerk-consent:topic') },
}

import type { CollectionConfig } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import { texts, translated } from '../translations'

export const LEAD_SCORES = 'lead-scores'

/**
 * The behavioural side of a subscriber's score, one row per subscriber. Kept apart from the
 * subscriber document on purpose: Payload writes a whole document back on every save, which would
 * overwrite points the intake committed in between. Only the intake's bulk writer changes it.
 */
export const LeadScores: CollectionConfig = {
  slug: LEAD_SCORES,
  access: { create: () => false, delete: () => false, read: isAdmin, update: () => false },
  admin: { group: texts('kontorwerk-lead-scoring:groupLeadScoring'), hidden: true },
  fields: [
    { name: 'subscriber', type: 'relationship', relationTo: 'subscribers', required: true, unique: true },
    { name: 'fitEvents', type: 'number', defaultValue: 0 },
    { name: 'engagementValue', type: 'number', defaultValue: 0 },
    { name: 'engagementAsOf', type: 'date' },
    { name: 'lastEngagedAt', type: 'date', index: true },
  ],
  labels: {
    plural: translated('kontorwerk-lead-scoring:leadScoresPlural'),
    singular: translated('kontorwerk-lead-scoring:leadScoresSingular'),
  },
}

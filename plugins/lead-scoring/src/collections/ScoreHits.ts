import type { CollectionConfig } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import { texts, translated } from '../translations'

export const SCORE_HITS = 'score-hits'

/**
 * Which rule gave whom how many points for which event: the explanation behind every score and
 * the count behind every cap. Written only by the scorer, in the same transaction as the event.
 */
export const ScoreHits: CollectionConfig = {
  slug: SCORE_HITS,
  access: { create: () => false, delete: () => false, read: isAdmin, update: () => false },
  admin: {
    defaultColumns: ['ruleName', 'subscriber', 'points', 'occurredAt'],
    group: texts('kontorwerk-lead-scoring:groupLeadScoring'),
    hidden: true,
    useAsTitle: 'ruleName',
  },
  fields: [
    { name: 'subscriber', type: 'relationship', relationTo: 'subscribers', required: true },
    { name: 'rule', type: 'text', required: true },
    { name: 'ruleName', type: 'text' },
    { name: 'axis', type: 'select', options: ['fit', 'engagement'], required: true },
    { name: 'points', type: 'number', required: true },
    { name: 'occurredAt', type: 'date', required: true },
    { name: 'period', type: 'text' },
    { name: 'eventId', type: 'text' },
    { name: 'eventType', type: 'text' },
  ],
  indexes: [{ fields: ['subscriber', 'rule', 'period'] }],
  labels: {
    plural: translated('kontorwerk-lead-scoring:scoreHitsPlural'),
    singular: translated('kontorwerk-lead-scoring:scoreHitsSingular'),
  },
}

import type { Field } from 'payload'

import { isAdminField, shownToAdmins } from '@kontorwerk/personalization'

import { type LeadScoringTranslationKey, translated } from '../translations'

/** Computed from personal data (profile rules on the email domain or custom attributes, persona traits): for admins' eyes, queries and sorting only. */
const derivedFromPersonalData = { read: isAdminField }

/**
 * The profile side of the score, derived from the subscriber's own fields on every save (so a save
 * can never overwrite it with stale values); the behavioural side lives in `lead-scores`.
 * Editors do not see it: a subscriber's −50 says "competitor's email domain" as plainly as the
 * address would.
 */
export const scoreField: Field = {
  name: 'score',
  type: 'group',
  access: { create: () => false, update: () => false },
  admin: { condition: shownToAdmins, readOnly: true },
  // No row around these: inside this read-only group the fields of an unnamed row did not show (Payload 3.90).
  fields: [
    storedReading('total', 'kontorwerk-lead-scoring:scoreTotal'),
    storedReading('fit', 'kontorwerk-lead-scoring:scoreFit'),
    storedReading('engagement', 'kontorwerk-lead-scoring:scoreEngagement'),
    {
      name: 'fitAttributes',
      type: 'number',
      access: derivedFromPersonalData,
      defaultValue: 0,
      label: translated('kontorwerk-lead-scoring:fitAttributes'),
    },
    // By persona id, for segments and the engine; people read it by persona name in the score panel (LeadScore).
    {
      name: 'personaFits',
      type: 'json',
      access: derivedFromPersonalData,
      admin: { hidden: true },
      label: translated('kontorwerk-lead-scoring:personaFits'),
    },
  ],
  label: translated('kontorwerk-lead-scoring:score'),
}

/**
 * A reading of the score stored for the subscriber list: a column to show and an index to sort by ("hot leads
 * first"), which a score computed on read could not give. Written by the intake, on save and hourly (scoreSnapshot.ts).
 */
function storedReading(name: 'engagement' | 'fit' | 'total', label: LeadScoringTranslationKey): Field {
  return {
    name,
    type: 'number',
    access: derivedFromPersonalData,
    admin: { description: translated('kontorwerk-lead-scoring:scoreStoredDescription') },
    defaultValue: 0,
    index: true,
    label: translated(label),
  }
}

/**
 * The primary persona and the stage by their names, as list columns that sort by name (virtual fields
 * read through the relationship: nothing stored twice). The relationship columns would sort by id.
 */
export const listNameFields: Field[] = [
  {
    name: 'primaryPersona',
    type: 'text',
    admin: { condition: () => false, readOnly: true },
    label: translated('kontorwerk-lead-scoring:primaryPersona'),
    virtual: 'persona.name',
  },
  {
    name: 'stageLabel',
    type: 'text',
    admin: { condition: () => false, readOnly: true },
    label: translated('kontorwerk-lead-scoring:stageLabel'),
    virtual: 'stage.label',
  },
]

/** The list's columns for a new admin: who, where in the lifecycle, which persona, and how hot. */
export const SUBSCRIBER_LIST_COLUMNS = [
  'email',
  'firstName',
  'lastName',
  'stageLabel',
  'primaryPersona',
  'score.total',
  'score.fit',
  'score.engagement',
]

export const personaLockedField: Field = {
  name: 'personaLocked',
  type: 'checkbox',
  admin: {
    description: translated('kontorwerk-lead-scoring:personaLockedDescription'),
    position: 'sidebar',
  },
  defaultValue: false,
  label: translated('kontorwerk-lead-scoring:personaLocked'),
}

export const leadScoreExplanationField: Field = {
  name: 'leadScoreExplanation',
  type: 'ui',
  admin: {
    components: { Field: '@kontorwerk/lead-scoring/client#LeadScore' },
    condition: shownToAdmins,
  },
}

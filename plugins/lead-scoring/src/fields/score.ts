import type { Field } from 'payload'

import { isAdminField, shownToAdmins } from '@kontorwerk/personalization'

import { translated } from '../translations'

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
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'fitAttributes',
          type: 'number',
          access: derivedFromPersonalData,
          defaultValue: 0,
          label: translated('kontorwerk-lead-scoring:fitAttributes'),
        },
      ],
    },
    {
      name: 'personaFits',
      type: 'json',
      access: derivedFromPersonalData,
      label: translated('kontorwerk-lead-scoring:personaFits'),
    },
  ],
  label: translated('kontorwerk-lead-scoring:score'),
}

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

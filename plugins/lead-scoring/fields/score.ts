import type { Field } from 'payload'

import { shownToAdmins } from '../../../src/access/roles'
import { label } from '../../../src/i18n/label'

/**
 * The subscriber's score state. Engagement is stored as a value at a moment and decayed when read;
 * the scorer writes these columns in bulk, so they are read-only in the admin UI.
 */
export const scoreField: Field = {
  name: 'score',
  type: 'group',
  access: { create: () => false, update: () => false },
  admin: { readOnly: true },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'fitAttributes', type: 'number', defaultValue: 0, label: label('Fit aus Profil', 'Fit from profile') },
        { name: 'fitEvents', type: 'number', defaultValue: 0, label: label('Fit aus Ereignissen', 'Fit from events') },
        { name: 'engagementValue', type: 'number', defaultValue: 0, label: label('Engagement (Stand)', 'Engagement (as of)') },
        { name: 'engagementAsOf', type: 'date', label: label('Stand vom', 'As of') },
        { name: 'lastEngagedAt', type: 'date', index: true, label: label('Zuletzt aktiv', 'Last engaged') },
      ],
    },
    { name: 'personaFits', type: 'json', label: label('Persona-Fit (%)', 'Persona fit (%)') },
  ],
  label: label('Score', 'Score'),
}

export const personaLockedField: Field = {
  name: 'personaLocked',
  type: 'checkbox',
  admin: {
    description: label('Persona von Hand gesetzt: der Persona-Fit ändert sie nicht.', 'Persona set by hand: persona fit does not change it.'),
    position: 'sidebar',
  },
  defaultValue: false,
  label: label('Persona festgelegt', 'Persona locked'),
}

export const leadScoreExplanationField: Field = {
  name: 'leadScoreExplanation',
  type: 'ui',
  admin: {
    components: { Field: '/plugins/lead-scoring/components/LeadScore#LeadScore' },
    condition: shownToAdmins,
  },
}

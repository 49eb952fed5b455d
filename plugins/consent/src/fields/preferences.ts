import type { GroupField } from 'payload'

import { label, option } from '@kontorwerk/personalization'
import { CONSENT_CHANNEL_OPTIONS } from './channels'

/** What a subscriber chose in the preference center: channels, frequency, a pause. */
export const preferencesField: GroupField = {
  name: 'preferences',
  type: 'group',
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'channels',
          type: 'select',
          admin: { description: label('Leer: alle Kanäle mit Einwilligung.', 'Empty: every channel with consent.') },
          hasMany: true,
          label: label('Kanäle', 'Channels'),
          options: CONSENT_CHANNEL_OPTIONS,
        },
        {
          name: 'frequency',
          type: 'select',
          defaultValue: 'weekly',
          label: label('Häufigkeit', 'Frequency'),
          options: [
            option('weekly', 'Wöchentlich', 'Weekly'),
            option('monthly', 'Monatlich', 'Monthly'),
            option('important_only', 'Nur Wichtiges', 'Only important'),
          ],
          required: true,
        },
        { name: 'pausedUntil', type: 'date', label: label('Pausiert bis', 'Paused until') },
      ],
    },
  ],
  label: label('Präferenzen', 'Preferences'),
}

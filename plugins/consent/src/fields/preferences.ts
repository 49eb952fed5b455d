import type { GroupField } from 'payload'

import { option, translated } from '../translations'
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
          admin: { description: translated('kontorwerk-consent:channelsDescription') },
          hasMany: true,
          label: translated('kontorwerk-consent:channels'),
          options: CONSENT_CHANNEL_OPTIONS,
        },
        {
          name: 'frequency',
          type: 'select',
          defaultValue: 'weekly',
          label: translated('kontorwerk-consent:frequency'),
          options: [
            option('weekly', 'kontorwerk-consent:frequencyWeekly'),
            option('monthly', 'kontorwerk-consent:frequencyMonthly'),
            option('important_only', 'kontorwerk-consent:frequencyImportantOnly'),
          ],
          required: true,
        },
        { name: 'pausedUntil', type: 'date', label: translated('kontorwerk-consent:pausedUntil') },
      ],
    },
  ],
  label: translated('kontorwerk-consent:preferences'),
}

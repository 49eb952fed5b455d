import type { Field } from 'payload'

import { option, translated } from '../../translations'

/** Commerce triggers (issue 18, browsing): their values and fields on the Automations collection. */
export const BROWSE_TRIGGERS = ['browse_abandoned'] as const

export const DEFAULT_BROWSE_VIEWS = 2
export const DEFAULT_BROWSE_WINDOW_HOURS = 24

export const browseTriggerOptions = [option('browse_abandoned', 'kontorwerk-campaigns:triggerBrowseAbandoned')]

const browsing = (data: Partial<{ trigger: string }> | undefined) => data?.trigger === 'browse_abandoned'

export const browseTriggerFields: Field[] = [
  {
    type: 'row',
    fields: [
      {
        name: 'browseViews',
        type: 'number',
        admin: { condition: browsing, description: translated('kontorwerk-campaigns:browseViewsDescription'), step: 1 },
        defaultValue: DEFAULT_BROWSE_VIEWS,
        label: translated('kontorwerk-campaigns:browseViews'),
        max: 50,
        min: 1,
      },
      {
        name: 'browseWindowHours',
        type: 'number',
        admin: { condition: browsing, description: translated('kontorwerk-campaigns:browseWindowHoursDescription') },
        defaultValue: DEFAULT_BROWSE_WINDOW_HOURS,
        label: translated('kontorwerk-campaigns:browseWindowHours'),
        max: 30 * 24,
        min: 1,
      },
    ],
  },
]

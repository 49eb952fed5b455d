import type { SelectField } from 'payload'

import { option, translated } from '../translations'

/** How much a message matters when the contact budget cannot take everything planned for a person. */
export const PRIORITIES = ['low', 'normal', 'high'] as const
export type Priority = (typeof PRIORITIES)[number]

/** Campaigns are `normal` unless an editor says otherwise; automations' step campaigns are `high` (lifecycle). */
export const DEFAULT_PRIORITY: Priority = 'normal'
export const AUTOMATION_PRIORITY: Priority = 'high'

const priorityOf = (value: null | string | undefined): Priority =>
  PRIORITIES.includes(value as Priority) ? (value as Priority) : DEFAULT_PRIORITY

/** The priorities above this one (a stored campaign without a priority counts as normal). */
export const higherPriorities = (value: null | string | undefined): Priority[] =>
  PRIORITIES.slice(PRIORITIES.indexOf(priorityOf(value)) + 1)

export const priorityField = (defaultValue: Priority): SelectField => ({
  name: 'priority',
  type: 'select',
  admin: { description: translated('kontorwerk-campaigns:priorityDescription') },
  defaultValue,
  label: translated('kontorwerk-campaigns:priority'),
  options: [
    option('low', 'kontorwerk-campaigns:priorityLow'),
    option('normal', 'kontorwerk-campaigns:priorityNormal'),
    option('high', 'kontorwerk-campaigns:priorityHigh'),
  ],
  required: true,
})

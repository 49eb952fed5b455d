import type { NumberField, PayloadRequest } from 'payload'

import { message, translated } from '../translations'

/** At most half: above it the automation would mostly measure instead of reach people. */
export const MAX_AUTOMATION_HOLDOUT = 50

/** A share 0 to MAX_AUTOMATION_HOLDOUT, else a field error in the editor's language (nothing is stored). */
function validHoldoutPercent(value: null | number | undefined, { req }: { req: PayloadRequest }) {
  if (value == null) return true
  return (
    (Number.isFinite(value) && value >= 0 && value <= MAX_AUTOMATION_HOLDOUT) ||
    message(req, 'kontorwerk-campaigns:automationHoldoutRange', { max: String(MAX_AUTOMATION_HOLDOUT) })
  )
}

/**
 * The automation's control group (docs/plugins/campaigns.md#holdout-of-an-automation): this share
 * of new enrolments gets none of its mails, so the report can measure what the mails added.
 */
export const holdoutPercentField: NumberField = {
  name: 'holdoutPercent',
  type: 'number',
  admin: { description: translated('kontorwerk-campaigns:automationHoldoutDescription'), step: 1 },
  defaultValue: 0,
  label: translated('kontorwerk-campaigns:holdoutPercent'),
  max: MAX_AUTOMATION_HOLDOUT,
  min: 0,
  validate: validHoldoutPercent,
}

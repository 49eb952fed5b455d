import type { Automation } from '../documents'

import { stablePercent } from '../utilities/stablePercent'

/** The group an enrolment was drawn into; stored on the run (`holdoutGroup`) for the report. */
export type HoldoutGroup = 'holdout' | 'treated'

/**
 * Whether this subscriber's enrolment gets the automation's mails (`treated`) or none of them
 * (`holdout`): a stable hash of automation and subscriber against `holdoutPercent`, so every worker
 * and every re-entry draws the same. The scope carries "automation:" because campaign 7 and
 * automation 7 would otherwise hold out the very same people, and one would measure the other's
 * mails too. Null without a holdout: such an enrolment is no part of a comparison.
 */
export function holdoutGroupOf(
  automation: Pick<Automation, 'holdoutPercent' | 'id'>,
  subscriber: string,
): HoldoutGroup | null {
  const percent = automation.holdoutPercent ?? 0
  if (!(percent > 0)) return null
  return stablePercent(`automation:${automation.id}`, subscriber) < percent ? 'holdout' : 'treated'
}

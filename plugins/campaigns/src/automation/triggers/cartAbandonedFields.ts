import type { Field } from 'payload'

import { option, translated } from '../../translations'

/** Commerce triggers (issue 18, cart): their values and fields on the Automations collection. */
export const CART_TRIGGERS = ['cart_abandoned'] as const

/** Hours a cart waits for its purchase before the reminder, unless the automation says otherwise. */
export const DEFAULT_ABANDON_HOURS = 4

export const cartTriggerOptions = [option('cart_abandoned', 'kontorwerk-campaigns:triggerCartAbandoned')]

export const cartTriggerFields: Field[] = [
  {
    name: 'abandonHours',
    type: 'number',
    admin: {
      // Browse abandoned waits as long after the last view.
      condition: (data) => data?.trigger === 'cart_abandoned' || data?.trigger === 'browse_abandoned',
      description: translated('kontorwerk-campaigns:abandonHoursDescription'),
      step: 0.5,
    },
    defaultValue: DEFAULT_ABANDON_HOURS,
    label: translated('kontorwerk-campaigns:abandonHours'),
    // Up to the cart window (30 days): an older cart is nobody's open cart any more.
    max: 30 * 24,
    min: 0.25,
  },
]

import type { Payload } from 'payload'

import { openCarts } from '@kontorwerk/personalization'

import type { Automation } from '../../documents'

import { automationsFor } from '../enroll'
import { DEFAULT_ABANDON_HOURS } from './cartAbandonedFields'
import { DUE_FOR_HOURS, enrollOncePerReason } from './enrollOnce'

const HOUR = 3_600_000

/** The run's `enteredBecause`: names the cart event, so each cart starts the automation once. */
const becauseOf = (event: string) => `abandoned cart ${event}`

/**
 * "Warenkorb abgebrochen": a subscriber whose latest cart event (`cart_updated` / `checkout_started`,
 * with products) is at least the automation's hours old without a purchase since enters the
 * automation, once per cart; a newer cart change restarts the wait, as it is the newest event that
 * counts. Called with the supervisor's clock every round (not in the ten-minute sweep): a cart reminder
 * is due within the minute. A newer cart event or a purchase ends a running cart run (commerceExits.ts),
 * so the changed cart enters anew once abandoned; an emptied one does not.
 */
export async function enrollAbandonedCarts(payload: Payload, now = new Date()): Promise<void> {
  const automations = await automationsFor(payload, 'cart_abandoned')
  if (automations.length === 0) return
  // A cart is due from `abandonHours` after its last change for DUE_FOR_HOURS.
  const waitOf = (automation: Automation) => (automation.abandonHours ?? DEFAULT_ABANDON_HOURS) * HOUR
  // Only carts that can be due are read: a later cart change or purchase is newer still, so inside the window too.
  const window = Math.max(...automations.map(waitOf)) + DUE_FOR_HOURS * HOUR
  const carts = await openCarts(payload, null, now, window)
  for (const automation of automations) {
    const wait = waitOf(automation)
    const due = [...carts].filter(([, cart]) => {
      const age = now.getTime() - cart.at.getTime()
      return age >= wait && age < wait + DUE_FOR_HOURS * HOUR
    })
    await enrollOncePerReason(
      payload,
      automation,
      due.map(([subscriber, cart]) => ({ because: becauseOf(cart.event), subscriber })),
      now,
    )
  }
}

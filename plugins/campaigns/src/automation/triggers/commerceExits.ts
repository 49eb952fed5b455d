import type { EventConsumer } from '@kontorwerk/personalization'

import { CART_EVENT_TYPES } from '@kontorwerk/personalization'

import { automationsFor } from '../enroll'
import { exitRuns } from '../triggers'

const isCartEvent = (type: string) => (CART_EVENT_TYPES as readonly string[]).includes(type)

/**
 * Ends the running cart- and browse-abandoned runs of whoever acted on them since: a purchase, or any
 * newer cart event (`cart_updated` / `checkout_started`, emptied or changed). A reminder of a cart that
 * is empty, bought or no longer the same would be wrong; a changed cart waits anew and starts its own
 * run once it is abandoned (cartAbandoned.ts), and whoever filled a cart has not left a browse. Runs
 * are ended, not paused, and the mails they queued are cancelled (`exitRuns`).
 */
export const abandonedCommerceConsumer: EventConsumer = {
  name: 'abandoned-commerce-exits',
  settle: async ({ events, payload }) => {
    const actors = (matches: (type: string) => boolean) => [
      ...new Set(events.filter((event) => matches(event.type)).map((event) => event.subscriber)),
    ]
    const buyers = actors((type) => type === 'purchase')
    const carts = actors(isCartEvent).filter((subscriber) => !buyers.includes(subscriber))
    if (buyers.length === 0 && carts.length === 0) return
    const automations = [
      ...(await automationsFor(payload, 'cart_abandoned')),
      ...(await automationsFor(payload, 'browse_abandoned')),
    ]
    await exitRuns(payload, automations, buyers, 'purchased', 'purchased: the cart or browse is no longer abandoned')
    await exitRuns(payload, automations, carts, 'cart changed', 'cart changed: a newer cart starts its own reminder')
  },
}

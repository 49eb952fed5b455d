import type { PayloadRequest } from 'payload'

import { personalizationOptions } from '../extensions'
import { clientAddressKey } from '../security/clientAddress'
import { sharedCounter } from '../security/sharedCounter'

const MINUTE = 60_000

/**
 * Counts one browser request against a per-minute budget (express-rate-limit's MemoryStore, shared
 * by every copy of this module in the process); true while within it. A limit of 0 is no limit.
 */
async function within(name: string, key: string, limit: number): Promise<boolean> {
  if (limit <= 0) return true
  const { totalHits } = await sharedCounter(name, MINUTE).increment(key)
  return totalHits <= limit
}

/** The client address's budget, checked before the body is read: a flood costs no parsing. */
export const withinAddressLimit = (req: Pick<PayloadRequest, 'headers' | 'payload'>) =>
  within('browserEventsPerIp', clientAddressKey(req), personalizationOptions(req.payload).browser.perIpPerMinute)

/** The visitor's (or token holder's) budget: many visitors behind one company proxy do not share it. */
export const withinVisitorLimit = (req: Pick<PayloadRequest, 'payload'>, key: string) =>
  within('browserEventsPerVisitor', key, personalizationOptions(req.payload).browser.perVisitorPerMinute)

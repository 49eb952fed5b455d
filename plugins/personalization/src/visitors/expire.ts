import type { Payload } from 'payload'

import { VISITOR_EVENTS } from '../collections/VisitorEvents'
import { personalizationOptions } from '../extensions'

const DAY = 24 * 60 * 60 * 1000

/**
 * Storage limitation for anonymous data: visitor events older than `browser.anonymousRetentionDays`
 * (default 90) are deleted; the reference app runs this hourly. A visitor who never became a
 * subscriber leaves nothing behind after that time. Returns how many events went.
 */
export async function expireAnonymousVisitors(payload: Payload, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - personalizationOptions(payload).browser.anonymousRetentionDays * DAY)
  const where = { occurredAt: { less_than: cutoff.toISOString() } }
  const { totalDocs } = await payload.count({ collection: VISITOR_EVENTS as 'events', where })
  if (totalDocs > 0) await payload.delete({ collection: VISITOR_EVENTS as 'events', where })
  return totalDocs
}

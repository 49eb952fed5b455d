import type { Payload } from 'payload'

import { CART_EVENT_TYPES, jsonObject, readRows } from '@kontorwerk/personalization'

import type { Automation } from '../../documents'

import { automationsFor } from '../enroll'
import { DEFAULT_BROWSE_VIEWS, DEFAULT_BROWSE_WINDOW_HOURS } from './browseAbandonedFields'
import { DEFAULT_ABANDON_HOURS } from './cartAbandonedFields'
import { DUE_FOR_HOURS, enrollOncePerReason } from './enrollOnce'

const HOUR = 3_600_000

type Row = { eventId: unknown; occurredAt: unknown; properties: unknown; subscriber: unknown; type: unknown }
type Seen = { at: number; event: string; kind: 'commerce' | 'view'; product: string }

/** What a browse automation asks for, with its defaults. */
const settingsOf = (automation: Automation) => ({
  views: automation.browseViews ?? DEFAULT_BROWSE_VIEWS,
  wait: (automation.abandonHours ?? DEFAULT_ABANDON_HOURS) * HOUR,
  window: (automation.browseWindowHours ?? DEFAULT_BROWSE_WINDOW_HOURS) * HOUR,
})

/**
 * The product a subscriber browsed and left, if any: viewed (`page_viewed` with `product`) at least
 * `views` times within `window` up to its last view, that last view `wait` to `wait` + a day ago, and
 * no cart event or purchase since the first of those views. Of several, the most recently viewed;
 * `event` is that last view's id (once per browse).
 */
export function abandonedBrowse(
  seen: Seen[],
  now: number,
  { views, wait, window }: ReturnType<typeof settingsOf>,
): null | { event: string; product: string } {
  const commerce = seen.filter((entry) => entry.kind === 'commerce').map((entry) => entry.at)
  const byProduct = new Map<string, Seen[]>()
  for (const entry of seen)
    if (entry.kind === 'view' && entry.at <= now)
      byProduct.set(entry.product, [...(byProduct.get(entry.product) ?? []), entry])
  let best: null | Seen = null
  for (const list of byProduct.values()) {
    const last = list.reduce((a, b) => (b.at > a.at ? b : a))
    const age = now - last.at
    if (age < wait || age >= wait + DUE_FOR_HOURS * HOUR) continue
    const counted = list.filter((entry) => entry.at >= last.at - window)
    if (counted.length < views) continue
    const first = Math.min(...counted.map((entry) => entry.at))
    if (commerce.some((at) => at >= first && at <= now)) continue
    if (!best || last.at > best.at) best = last
  }
  return best && { event: best.event, product: best.product }
}

/**
 * "Stöbern abgebrochen": a subscriber who looked at a product again and again and then neither put
 * anything in a cart nor bought enters the automation, once per browse (the last view's id). The mail
 * shows the product with a recommendation slot "Angesehen, nicht gekauft" (recentlyViewed). Called
 * with the supervisor's clock every round, like the cart trigger.
 */
export async function enrollAbandonedBrowsing(payload: Payload, now = new Date()): Promise<void> {
  const automations = await automationsFor(payload, 'browse_abandoned')
  if (automations.length === 0) return
  const longest = Math.max(
    ...automations.map((automation) => {
      const { wait, window } = settingsOf(automation)
      return wait + window + DUE_FOR_HOURS * HOUR
    }),
  )
  const rows = (await readRows(
    payload,
    'events',
    ['subscriber', 'type', 'occurredAt', 'properties', 'eventId'],
    [
      { field: 'type', in: ['page_viewed', ...CART_EVENT_TYPES, 'purchase'] },
      { atLeast: new Date(now.getTime() - longest), field: 'occurredAt' },
    ],
  )) as Row[]
  const bySubscriber = new Map<string, Seen[]>()
  for (const row of rows) {
    const product = jsonObject(row.properties).product
    const kind = row.type === 'page_viewed' ? 'view' : 'commerce'
    if (kind === 'view' && (typeof product !== 'string' || !product)) continue
    const key = String(row.subscriber)
    bySubscriber.set(key, [
      ...(bySubscriber.get(key) ?? []),
      {
        at: new Date(row.occurredAt instanceof Date ? row.occurredAt : String(row.occurredAt)).getTime(),
        event: String(row.eventId),
        kind,
        product: String(product ?? ''),
      },
    ])
  }
  for (const automation of automations) {
    const settings = settingsOf(automation)
    const due: { because: string; subscriber: string }[] = []
    for (const [subscriber, seen] of bySubscriber) {
      const browse = abandonedBrowse(seen, now.getTime(), settings)
      if (browse) due.push({ because: `abandoned browse ${browse.product} ${browse.event}`, subscriber })
    }
    await enrollOncePerReason(payload, automation, due, now)
  }
}

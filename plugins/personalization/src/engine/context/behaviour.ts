import type { Payload } from 'payload'

import type { ConversionAsset } from '../types'

import { EVENTS } from '../../collections/Events'
import { readRows } from '../../database/bulkRead'
import { FUTURE_TOLERANCE_MS } from '../../events/validateEvent'
import { idFromKey } from '../../utilities/relation'

/** What a person did, as the engine's guards need it: the events are the only source. */
export type Behaviour = {
  conversions: (ConversionAsset & { at: Date })[]
  /** Any purchase, or a `stage_changed` event into a customer stage (lead scoring writes those). */
  wasCustomer: boolean
  purchases: { at: Date; product: string }[]
}

export const NO_BEHAVIOUR: Behaviour = Object.freeze({ conversions: [], wasCustomer: false, purchases: [] })

/** The event types the history is made of; everything else (opens, clicks, page views) is scoring's. */
const HISTORY_TYPES = ['purchase', 'download', 'form_submitted', 'stage_changed']

/**
 * The behaviour of many subscribers in one read (a campaign batch, or one reader of a page):
 * their purchases, downloads and form submissions and whether they ever became a customer.
 * `customerStageIds` are the ids of the customer stages (a `stage_changed` event names the stage by id).
 * Events after `at` (a render time in the past, e.g. a preview) do not count, except within the
 * intake's tolerance for clocks ahead: a purchase a shop reported "now" counts now.
 * Never called per recipient: the number of queries does not grow with the batch.
 */
export async function readBehaviour(
  payload: Payload,
  subscriberIds: string[],
  customerStageIds: Set<string>,
  at: Date,
): Promise<Map<string, Behaviour>> {
  const result = new Map<string, Behaviour>()
  if (!subscriberIds.length) return result
  const rows = await readRows(
    payload,
    EVENTS,
    ['subscriber', 'type', 'occurredAt', 'properties'],
    [
      { field: 'subscriber', in: subscriberIds.map((id) => idFromKey(payload, id)) },
      { field: 'type', in: HISTORY_TYPES },
    ],
  )
  const until = at.getTime() + FUTURE_TOLERANCE_MS
  const of = (subscriber: unknown) => {
    const key = String(subscriber)
    let behaviour = result.get(key)
    if (!behaviour) result.set(key, (behaviour = { conversions: [], wasCustomer: false, purchases: [] }))
    return behaviour
  }
  for (const row of rows) {
    const properties = propertiesOf(row.properties)
    const occurred = new Date(String(row.occurredAt))
    if (!(occurred.getTime() <= until)) continue
    const behaviour = of(row.subscriber)
    if (row.type === 'purchase' && typeof properties.product === 'string') {
      behaviour.purchases.push({ at: occurred, product: properties.product })
      behaviour.wasCustomer = true
    } else if (row.type === 'download' && typeof properties.asset === 'string')
      behaviour.conversions.push({ at: occurred, key: properties.asset, kind: 'download' })
    else if (row.type === 'form_submitted' && typeof properties.form === 'string')
      behaviour.conversions.push({ at: occurred, key: properties.form, kind: 'form' })
    else if (row.type === 'stage_changed' && customerStageIds.has(String(properties.to))) behaviour.wasCustomer = true
  }
  return result
}

/** JSON columns come back parsed (PostgreSQL, MongoDB) or as text (SQLite). */
function propertiesOf(value: unknown): Record<string, unknown> {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      parsed = null
    }
  }
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}
}

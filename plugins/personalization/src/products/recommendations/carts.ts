import type { Payload } from 'payload'

import { EVENTS } from '../../collections/Events'
import { readRows } from '../../database/bulkRead'
import { idFromKey } from '../../utilities/relation'
import { parsed } from './load'

/** The events that write a cart: each carries the whole cart as it is now (`properties.products`, SKUs). */
export const CART_EVENT_TYPES = ['cart_updated', 'checkout_started'] as const

/** A cart older than this is not anyone's open cart any more (nor a reason to mail). */
export const CART_WINDOW_DAYS = 30

/** A subscriber's latest cart: the cart event that wrote it and its products. */
export type OpenCart = { at: Date; event: string; products: string[] }

/** One stored event as the cart decision reads it. */
export type CartEventRow = {
  eventId?: unknown
  occurredAt: unknown
  properties: unknown
  subscriber: unknown
  type: unknown
}

/**
 * Per subscriber, the open cart at `at`: their latest cart event up to `at` when no purchase came
 * after it and it still holds products. An emptied cart, or a purchase since, is no open cart.
 */
export function openCartsOf(rows: CartEventRow[], at: Date): Map<string, OpenCart> {
  const latest = new Map<string, { at: Date; row: CartEventRow }>()
  for (const row of rows) {
    const when = new Date(row.occurredAt instanceof Date ? row.occurredAt : String(row.occurredAt))
    if (Number.isNaN(when.getTime()) || when.getTime() > at.getTime()) continue
    const key = String(row.subscriber)
    const known = latest.get(key)
    // At the same moment a purchase wins: the order closes the cart it came from.
    if (!known || when > known.at || (when.getTime() === known.at.getTime() && row.type === 'purchase'))
      latest.set(key, { at: when, row })
  }
  const carts = new Map<string, OpenCart>()
  for (const [subscriber, { at: when, row }] of latest) {
    if (row.type === 'purchase') continue
    const products = parsed(row.properties).products
    const skus = Array.isArray(products) ? products.filter((sku): sku is string => typeof sku === 'string') : []
    if (skus.length) carts.set(subscriber, { at: when, event: String(row.eventId ?? ''), products: [...new Set(skus)] })
  }
  return carts
}

/**
 * The open carts of these subscribers (all subscribers with a cart event when `subscriberIds` is
 * null), from the cart and purchase events of the `windowMs` before `at` (default: the cart
 * window): one query. A trigger that only wants carts of a certain age reads less.
 */
export async function openCarts(
  payload: Payload,
  subscriberIds: null | string[],
  at: Date,
  windowMs = CART_WINDOW_DAYS * 86_400_000,
): Promise<Map<string, OpenCart>> {
  const rows = await readRows(
    payload,
    EVENTS,
    ['subscriber', 'type', 'occurredAt', 'properties', 'eventId'],
    [
      ...(subscriberIds ? [{ field: 'subscriber', in: subscriberIds.map((id) => idFromKey(payload, id)) }] : []),
      { field: 'type', in: [...CART_EVENT_TYPES, 'purchase'] },
      { atLeast: new Date(at.getTime() - windowMs), field: 'occurredAt' },
    ],
  )
  return openCartsOf(rows as CartEventRow[], at)
}

import type { Payload } from 'payload'

import { idFromKey, jsonObject, readRows } from '@kontorwerk/personalization'

import type { ReportPeriod } from './campaignReport'

/** Money per currency, never converted: a report sums EUR and CHF apart. */
export type Revenue = { amount: number; currency: string; purchases: number }[]

/** The purchases a campaign's mails brought, by variant, block and product (docs/plugins/campaigns.md#revenue). */
export type CampaignRevenue = {
  blocks: Map<string, Revenue>
  products: { product: string; revenue: Revenue }[]
  total: Revenue
  variants: Map<string, Revenue>
}

type Click = { at: number; block: null | string; id: string; message: string }
/** `order` names the order the purchase belongs to: the shop writes one purchase event per item of an order. */
type Purchase = { amount: number; at: number; currency: string; id: string; order: string; product: string }

const DAY = 86_400_000

/** The digits after the point of a currency's minor unit (EUR 2, JPY 0, KWD 3); 2 for a code Intl does not know. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { currency, style: 'currency' }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/**
 * Adds purchases to money per currency, in the currency's minor unit so that 0.1 + 0.2 stays 0.3 and
 * 0.125 KWD stays 0.125. Purchases count orders: the items of one order are one purchase.
 */
class Sums {
  private sums = new Map<string, { minor: number; orders: Set<string> }>()
  add(purchase: Purchase) {
    const entry = this.sums.get(purchase.currency) ?? { minor: 0, orders: new Set<string>() }
    entry.minor += Math.round(purchase.amount * 10 ** minorDigits(purchase.currency))
    entry.orders.add(purchase.order)
    this.sums.set(purchase.currency, entry)
  }
  list(): Revenue {
    return [...this.sums]
      .map(([currency, { minor, orders }]) => ({
        amount: minor / 10 ** minorDigits(currency),
        currency,
        purchases: orders.size,
      }))
      .sort((a, b) => a.currency.localeCompare(b.currency))
  }
}

const sumsIn = (map: Map<string, Sums>, key: string) => map.get(key) ?? map.set(key, new Sums()).get(key)!

/**
 * Last click: a purchase with an amount and a currency counts for the mail whose tracked link
 * (/t/c/…) the buyer clicked last within `windowDays` before it, of any campaign; so every purchase
 * counts for at most one campaign, variant and block. `clickers` are the subscribers who clicked this
 * campaign's mails: only their purchases can count for it. Nothing is stored: the report computes it.
 * With a `period`, only clicks and purchases in it count.
 */
export async function campaignRevenue(
  payload: Payload,
  campaign: string,
  clickers: string[],
  windowDays: number,
  period?: ReportPeriod,
): Promise<CampaignRevenue> {
  const rows = await readRows(
    payload,
    'events',
    ['id', 'subscriber', 'type', 'occurredAt', 'properties', 'block'],
    [
      { field: 'subscriber', in: [...new Set(clickers)].map((id) => idFromKey(payload, id)) },
      { field: 'type', in: ['email_clicked', 'purchase'] },
      ...(period ? [{ atLeast: new Date(period.from), field: 'occurredAt' }] : []),
    ],
  )
  const clicks = new Map<string, Click[]>()
  const purchases: { purchase: Purchase; subscriber: string }[] = []
  for (const row of rows) {
    const properties = jsonObject(row.properties)
    const at = new Date(row.occurredAt instanceof Date ? row.occurredAt : String(row.occurredAt)).getTime()
    const subscriber = String(row.subscriber)
    if (period && at > new Date(period.to).getTime()) continue
    if (
      row.type === 'email_clicked' &&
      typeof properties.message === 'string' &&
      properties.message.startsWith('campaign:')
    )
      (clicks.get(subscriber) ?? clicks.set(subscriber, []).get(subscriber)!).push({
        at,
        block: row.block == null ? null : String(row.block),
        id: String(row.id),
        message: properties.message,
      })
    else if (
      row.type === 'purchase' &&
      typeof properties.amount === 'number' &&
      typeof properties.currency === 'string'
    )
      purchases.push({
        purchase: {
          amount: properties.amount,
          at,
          currency: properties.currency,
          id: String(row.id),
          // Without an order name the event is an order of its own.
          order:
            typeof properties.order === 'string' && properties.order
              ? `order:${properties.order}`
              : `event:${String(row.id)}`,
          product: String(properties.product ?? ''),
        },
        subscriber,
      })
  }
  const total = new Sums()
  const variants = new Map<string, Sums>()
  const blocks = new Map<string, Sums>()
  const products = new Map<string, Sums>()
  const prefix = `campaign:${campaign}:`
  for (const { purchase, subscriber } of purchases) {
    const last = lastClickBefore(clicks.get(subscriber) ?? [], purchase.at, windowDays)
    if (!last?.message.startsWith(prefix)) continue
    total.add(purchase)
    sumsIn(variants, last.message.slice(prefix.length) || '-').add(purchase)
    if (last.block) sumsIn(blocks, last.block).add(purchase)
    if (purchase.product) sumsIn(products, purchase.product).add(purchase)
  }
  const listed = (map: Map<string, Sums>) => new Map([...map].map(([key, sums]) => [key, sums.list()]))
  return {
    blocks: listed(blocks),
    products: [...products]
      .map(([product, sums]) => ({ product, revenue: sums.list() }))
      .sort((a, b) => a.product.localeCompare(b.product)),
    total: total.list(),
    variants: listed(variants),
  }
}

/** The latest click at or before the purchase and within the window (the later stored of two at the same moment). */
function lastClickBefore(clicks: Click[], at: number, windowDays: number): Click | undefined {
  let last: Click | undefined
  for (const click of clicks) {
    if (click.at > at || click.at < at - windowDays * DAY) continue
    if (!last || click.at > last.at || (click.at === last.at && Number(click.id) > Number(last.id))) last = click
  }
  return last
}

import type { CollectionAfterChangeHook, CollectionConfig, Field, Payload, PayloadRequest } from 'payload'

import { recordEvents } from '../events/intake'
import { relationKey, type RelationValue } from '../utilities/relation'

/** `personalization({ ecommerce })`: orders of @payloadcms/plugin-ecommerce become purchase events. */
export type EcommerceOptions = {
  /** The ecommerce plugin's orders collection. @default 'orders' */
  ordersSlug?: string
  /** The ecommerce plugin's products collection, mirrored into the catalog (`catalog-products`). @default 'products' */
  productsSlug?: string
  /** Order statuses that mean "paid": the plugin creates orders as `processing` once the payment succeeded. @default ['processing', 'completed'] */
  paidStatuses?: string[]
  /**
   * The product field whose value is the purchase's `product` (what discount blocks name in
   * `discountProduct`); a product without it is named by its id. @default 'slug'
   */
  productKey?: string
}

const ECOMMERCE_DEFAULTS: Required<EcommerceOptions> = {
  ordersSlug: 'orders',
  paidStatuses: ['processing', 'completed'],
  productKey: 'slug',
  productsSlug: 'products',
}

/** The option with its defaults; `true` takes them all. */
export const resolveEcommerce = (option: boolean | EcommerceOptions): false | Required<EcommerceOptions> =>
  option === false ? false : { ...ECOMMERCE_DEFAULTS, ...(option === true ? {} : option) }

type Order = {
  createdAt?: string
  currency?: null | string
  customer?: RelationValue
  customerEmail?: null | string
  id: number | string
  items?: { id?: null | string; product?: RelationValue; quantity?: null | number; variant?: RelationValue }[] | null
  status?: null | string
}

type Slugs = { customers: null | string; products: null | string; variants: null | string }

/** The collection a relationship field of the orders (or of their items) points at. */
function relationTarget(fields: Field[], name: string): null | string {
  for (const field of fields) {
    if ('name' in field && field.name === name && field.type === 'relationship' && typeof field.relationTo === 'string')
      return field.relationTo
    const nested = 'fields' in field ? field.fields : 'tabs' in field ? field.tabs.flatMap((tab) => tab.fields) : []
    const found = nested.length ? relationTarget(nested, name) : null
    if (found) return found
  }
  return null
}

/**
 * The orders collection with a hook that records one purchase event per item of a paid order
 * (docs/plugins/personalization.md#shop-orders). Event ids `order:<order>:<item>` make re-saves
 * and status changes harmless; the subscriber is found by the order's customer email, and an order
 * of someone who is no subscriber records nothing.
 */
export function withOrderPurchases(orders: CollectionConfig, options: Required<EcommerceOptions>): CollectionConfig {
  const slugs: Slugs = {
    customers: relationTarget(orders.fields, 'customer'),
    products: relationTarget(orders.fields, 'product'),
    variants: relationTarget(orders.fields, 'variant'),
  }
  const recordPurchases: CollectionAfterChangeHook = async ({ doc, req }) => {
    const order = doc as Order
    if (!order.status || !options.paidStatuses.includes(order.status) || !order.items?.length) return doc
    const email = order.customerEmail || (await customerEmail(req, slugs.customers, order.customer))
    if (!email) return doc
    try {
      const events = await purchasesOf(req, order, email, slugs, options.productKey)
      await recordEvents(req.payload, events, { partial: true, source: 'ecommerce' })
    } catch (error) {
      // The customer has paid: a failing intake (busy database, a consumer's error) must not fail the
      // order. The event ids are stable, so the next save of the order (e.g. its status) records them.
      req.payload.logger.error({ err: error, msg: `Purchase events of order ${order.id} not recorded` })
    }
    return doc
  }
  return {
    ...orders,
    hooks: { ...orders.hooks, afterChange: [...(orders.hooks?.afterChange ?? []), recordPurchases] },
  }
}

async function customerEmail(req: PayloadRequest, slug: null | string, customer: RelationValue) {
  const id = relationKey(customer)
  if (!slug || id == null) return null
  const doc = await req.payload.findByID({ id, collection: slug as 'users', depth: 0, disableErrors: true, req })
  return typeof (doc as null | { email?: unknown })?.email === 'string' ? (doc as { email: string }).email : null
}

async function purchasesOf(req: PayloadRequest, order: Order, email: string, slugs: Slugs, productKey: string) {
  const items = order.items ?? []
  const [products, variants] = await Promise.all([
    documentsById(
      req.payload,
      slugs.products,
      items.map((item) => relationKey(item.product)),
    ),
    documentsById(
      req.payload,
      slugs.variants,
      items.map((item) => relationKey(item.variant)),
    ),
  ])
  const currency = order.currency ?? null
  return items.flatMap((item, index) => {
    const productId = relationKey(item.product)
    if (productId == null) return []
    const product = products.get(productId)
    const variantId = relationKey(item.variant)
    const key = product?.[productKey]
    const quantity = item.quantity ?? 1
    const unitPrice = currency ? (priceIn(variants.get(variantId ?? ''), currency) ?? priceIn(product, currency)) : null
    return [
      {
        email,
        id: `order:${order.id}:${item.id ?? index}`,
        occurredAt: order.createdAt,
        properties: {
          ...(unitPrice == null ? {} : { amount: toMajorUnits(unitPrice * quantity, currency!), currency }),
          order: String(order.id),
          product: typeof key === 'string' && key ? key : productId,
          quantity,
          ...(variantId == null ? {} : { variant: variantId }),
        },
        type: 'purchase',
      },
    ]
  })
}

type Doc = Record<string, unknown>

async function documentsById(payload: Payload, slug: null | string, ids: (null | string)[]): Promise<Map<string, Doc>> {
  const wanted = [...new Set(ids.filter((id): id is string => id != null))]
  if (!slug || !wanted.length) return new Map()
  const { docs } = await payload.find({
    collection: slug as 'users',
    depth: 0,
    limit: wanted.length,
    pagination: false,
    where: { id: { in: wanted } },
  })
  return new Map(docs.map((doc) => [String(doc.id), doc as unknown as Doc]))
}

/** The ecommerce plugin keeps prices per currency as `priceIn<CODE>` in minor units (cents), when enabled. */
function priceIn(doc: Doc | undefined, currency: string): null | number {
  const price = doc?.[`priceIn${currency}`]
  return doc?.[`priceIn${currency}Enabled`] !== false && typeof price === 'number' ? price : null
}

/** Minor units (cents) to the amount events and RFM count in; the ISO 4217 decimals (0 for JPY). */
function toMajorUnits(minor: number, currency: string): number {
  const decimals = new Intl.NumberFormat('en', { currency, style: 'currency' }).resolvedOptions().maximumFractionDigits
  return minor / 10 ** (decimals ?? 2)
}

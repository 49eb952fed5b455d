import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionConfig, PayloadRequest } from 'payload'

import type { EcommerceOptions } from '../ecommerce/orderPurchases'

import { PRODUCTS_SLUG } from '../collections/Products'
import { personalizationOptions } from '../extensions'
import { type Availability, currencyDecimals, isCurrency } from './rules'

type ShopProduct = Record<string, unknown> & { _status?: string; deletedAt?: null | string; id: number | string }

/** The shop product's first enabled price (`priceIn<CODE>` in minor units) in major units, or null. */
function priceOf(product: ShopProduct): null | { currency: string; price: number } {
  for (const [field, value] of Object.entries(product)) {
    const currency = /^priceIn([A-Z]{3})$/.exec(field)?.[1]
    if (!currency || typeof value !== 'number' || product[`${field}Enabled`] === false || !isCurrency(currency))
      continue
    return { currency, price: value / 10 ** currencyDecimals(currency) }
  }
  return null
}

/**
 * What the sync owns of a catalog product: name, price, currency, availability, page. Categories,
 * promotion and image are the marketing team's and stay as they set them.
 * No stock (inventory 0, as the shop counts it) or in the trash: not available.
 */
export function catalogFields(product: ShopProduct, options: Required<EcommerceOptions>, publicUrl: string) {
  const key = product[options.productKey]
  const sku = typeof key === 'string' && key ? key : String(product.id)
  const price = priceOf(product)
  if (!price) return null
  const soldOut = product.deletedAt || (typeof product.inventory === 'number' && product.inventory <= 0)
  return {
    availability: (soldOut ? 'out_of_stock' : 'in_stock') as Availability,
    currency: price.currency,
    name: String(product.title || product.name || sku),
    price: price.price,
    sku,
    source: 'shop',
    url: `${publicUrl}/products/${encodeURIComponent(sku)}`,
  }
}

async function upsert(req: PayloadRequest, data: NonNullable<ReturnType<typeof catalogFields>>) {
  const { docs } = await req.payload.find({
    collection: PRODUCTS_SLUG as never,
    depth: 0,
    limit: 1,
    req,
    where: { sku: { equals: data.sku } },
  })
  const stored = docs[0] as (Record<string, unknown> & { id: number | string }) | undefined
  if (!stored) return req.payload.create({ collection: PRODUCTS_SLUG as never, data: data as never, req })
  const changed = Object.entries(data).some(([field, value]) => stored[field] !== value)
  if (changed) await req.payload.update({ id: stored.id, collection: PRODUCTS_SLUG as never, data: data as never, req })
}

/**
 * The ecommerce plugin's products with hooks that keep the catalog in step: a published save writes
 * the catalog product of the same SKU (the product key purchase events name), a deletion marks it
 * unavailable (its purchase history still names it). Drafts and autosaves change nothing. A product
 * without any enabled price is not in the catalog (a catalog product has a price).
 */
export function withCatalogSync(products: CollectionConfig, options: Required<EcommerceOptions>): CollectionConfig {
  const publicUrl = (req: PayloadRequest) => personalizationOptions(req.payload).publicUrl
  const afterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
    const product = doc as ShopProduct
    if (product._status === 'draft') return doc
    const data = catalogFields(product, options, publicUrl(req))
    if (data) await upsert(req, data)
    return doc
  }
  const afterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
    const data = catalogFields(
      { ...(doc as ShopProduct), deletedAt: new Date().toISOString() },
      options,
      publicUrl(req),
    )
    if (data) await upsert(req, data)
    return doc
  }
  return {
    ...products,
    hooks: {
      ...products.hooks,
      afterChange: [...(products.hooks?.afterChange ?? []), afterChange],
      afterDelete: [...(products.hooks?.afterDelete ?? []), afterDelete],
    },
  }
}

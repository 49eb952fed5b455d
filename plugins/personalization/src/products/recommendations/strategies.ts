import { isAvailable } from '../rules'
import { boughtWith, type PurchaseModel } from './purchaseModel'

export const RECOMMENDATION_STRATEGIES = ['personal', 'alsoBought', 'trending', 'recentlyViewed', 'cart'] as const
export type RecommendationStrategy = (typeof RECOMMENDATION_STRATEGIES)[number]

/** A catalog product as recommendations read it, in the document's language. */
export type CatalogProduct = {
  availability: string
  /** Interest ids. */
  categories: string[]
  currency: string
  image: null | { alt: string; url: string; width?: null | number }
  locale: null | string
  name: string
  price: number
  promoted: boolean
  sku: string
  url: null | string
}

export type RecommendationSlot = {
  buttonLabel?: null | string
  /** Only products in one of these interests (or below them); empty: any. */
  categories: string[]
  count: number
  heading: string
  key: string
  strategy: RecommendationStrategy
}

/** What the reader did; an anonymous reader has none of it. */
export type RecommendationReader = {
  anonymous: boolean
  /** The SKUs of the reader's open cart (its latest `cart_updated` / `checkout_started`, no purchase since). */
  cart?: string[]
  /** Interest id → weight 0–1, ancestors included (the engine's context). */
  interests: Map<string, number>
  purchases: { at: Date; product: string }[]
  /** Product views (`page_viewed` events with a `product`). */
  views: { at: Date; product: string }[]
}

/** Why a product is there, as codes and values; products/recommendations/reasonText.ts says it in words. */
export type ProductReason =
  | { code: 'also_bought'; lift: number; product: string; support: number }
  | { code: 'in_cart' }
  | { code: 'personal'; interests: string[]; purchasedCategories: string[] }
  | { code: 'promoted' }
  | { code: 'recently_viewed'; viewedAt: string }
  | { code: 'trending'; count: number; days: number; interest: null | string }

export type Recommendation = { product: CatalogProduct; reason: ProductReason }
export type RecommendedSlot = Omit<RecommendationSlot, 'categories'> & { products: Recommendation[] }

export type RecommendationInput = {
  catalog: CatalogProduct[]
  /** Days a product is not recommended after the reader bought it: the discount guard's (option discountGuardDays). */
  guardDays: number
  /** Interest id → its ancestors' ids. */
  interestAncestors: Map<string, string[]>
  /** The document's language: a product for another market (its `locale`) is left out. */
  language: string
  /** Customers who must have bought both for "also bought". */
  minSupport: number
  model: PurchaseModel
  now: Date
  reader: RecommendationReader
  slots: RecommendationSlot[]
}

const DAY = 86_400_000
/** Product views older than this are not "recently viewed". */
export const VIEW_WINDOW_DAYS = 30

type Pick = (candidates: CatalogProduct[], input: RecommendationInput, count: number) => Recommendation[]

/**
 * The products of every recommendation slot of one document, in slot order. Whatever the strategy,
 * a product is never one the reader bought within the guard window, never unavailable, never for
 * another market, never outside the slot's categories, and never twice in the document; each carries its reason.
 */
export function recommend(input: RecommendationInput): RecommendedSlot[] {
  const since = input.now.getTime() - input.guardDays * DAY
  const boughtRecently = new Set(
    input.reader.purchases.filter((purchase) => purchase.at.getTime() >= since).map((purchase) => purchase.product),
  )
  const shown = new Set<string>()
  const offered = offeredIn(input.catalog, input.language)
  const eligible = boughtRecently.size ? offered.filter((product) => !boughtRecently.has(product.sku)) : offered
  return input.slots.map(({ categories, ...slot }) => {
    // Most slots have no categories and come first: the eligible list as it is, no copy per reader.
    const candidates =
      !shown.size && !categories.length
        ? eligible
        : eligible.filter(
            (product) => !shown.has(product.sku) && inCategories(product, categories, input.interestAncestors),
          )
    const products = uniqueBySku(STRATEGIES[slot.strategy](candidates, input, slot.count)).slice(0, slot.count)
    for (const { product } of products) shown.add(product.sku)
    return { ...slot, products }
  })
}

const uniqueBySku = (list: Recommendation[]) => {
  const seen = new Set<string>()
  return list.filter(({ product }) => !seen.has(product.sku) && Boolean(seen.add(product.sku)))
}

function inCategories(product: CatalogProduct, categories: string[], ancestors: Map<string, string[]>) {
  if (!categories.length) return true
  const wanted = new Set(categories)
  return product.categories.some(
    (category) => wanted.has(category) || (ancestors.get(category) ?? []).some((id) => wanted.has(id)),
  )
}

/** How much the reader cares for a product's categories: the interest itself counts fully, a broader one (an ancestor) half. */
function interestFit(product: CatalogProduct, reader: RecommendationReader, ancestors: Map<string, string[]>) {
  let best = 0
  let matched: string[] | undefined
  // Loops, not spreads: this runs for every promoted product of every recipient of a send.
  for (const category of product.categories) {
    const own = reader.interests.get(category) ?? 0
    if (own > 0) (matched ??= []).push(category)
    if (own > best) best = own
    for (const id of ancestors.get(category) ?? []) {
      const broader = (reader.interests.get(id) ?? 0) / 2
      if (broader > best) best = broader
    }
  }
  return { fit: best, matched: matched ?? NONE }
}

/** Frozen: shared by every product without a matched interest, so nothing may add to it. */
const NONE = Object.freeze([]) as unknown as string[]

const offeredLists = new WeakMap<CatalogProduct[], Map<string, CatalogProduct[]>>()

/** The products available in a language, once per loaded catalog and language (the same for every reader of a send). */
function offeredIn(catalog: CatalogProduct[], language: string): CatalogProduct[] {
  let byLanguage = offeredLists.get(catalog)
  if (!byLanguage) offeredLists.set(catalog, (byLanguage = new Map()))
  let offered = byLanguage.get(language)
  if (!offered)
    byLanguage.set(
      language,
      (offered = catalog.filter(
        (product) => isAvailable(product.availability) && (!product.locale || product.locale === language),
      )),
    )
  return offered
}

const skuMaps = new WeakMap<CatalogProduct[], Map<string, CatalogProduct>>()

/** The catalog by SKU, once per loaded catalog (it is the same array for every reader of a send). */
function catalogBySku(catalog: CatalogProduct[]): Map<string, CatalogProduct> {
  let bySku = skuMaps.get(catalog)
  if (!bySku) skuMaps.set(catalog, (bySku = new Map(catalog.map((product) => [product.sku, product]))))
  return bySku
}

const byRecentSales = (model: PurchaseModel) => (a: CatalogProduct, b: CatalogProduct) =>
  (model.recent.get(b.sku) ?? 0) - (model.recent.get(a.sku) ?? 0) || collator.compare(a.sku, b.sku)

/** `localeCompare`'s order, with one collator instead of one per comparison. */
const collator = new Intl.Collator()

/**
 * Trending: the most bought products of the trending window in the reader's strongest interest that
 * has any, then overall; products nobody bought lately are not "trending", so the rest of the slot
 * takes promoted products. Anonymous readers get this.
 */
const trending: Pick = (candidates, { interestAncestors, model, reader }, count) => {
  const sold = candidates.filter((product) => (model.recent.get(product.sku) ?? 0) > 0).sort(byRecentSales(model))
  const result: Recommendation[] = []
  const interests = [...reader.interests.entries()].filter(([, weight]) => weight > 0).sort((a, b) => b[1] - a[1])
  for (const [interest] of interests) {
    for (const product of sold) {
      if (result.length >= count) break
      if (!inCategories(product, [interest], interestAncestors) || result.some((r) => r.product.sku === product.sku))
        continue
      result.push({ product, reason: trendReason(model, product, interest) })
    }
  }
  for (const product of sold)
    if (result.length < count) result.push({ product, reason: trendReason(model, product, null) })
  return [...result, ...promotedFill(candidates, model)]
}

const trendReason = (model: PurchaseModel, product: CatalogProduct, interest: null | string): ProductReason => ({
  code: 'trending',
  count: model.recent.get(product.sku) ?? 0,
  days: model.trendingDays,
  interest,
})

const promotedFill = (candidates: CatalogProduct[], model: PurchaseModel): Recommendation[] =>
  candidates
    .filter((product) => product.promoted)
    .sort(byRecentSales(model))
    .map((product) => ({ product, reason: { code: 'promoted' } }))

/**
 * Personal top-N from the promoted products (the METRO case): the categories the reader bought in
 * count most, then their interests, then how strongly the product is bought with what they bought;
 * a reader without any of it gets trending.
 */
const personal: Pick = (candidates, input, count) => {
  const { interestAncestors, minSupport, model, reader } = input
  if (reader.anonymous || (!reader.purchases.length && ![...reader.interests.values()].some((w) => w > 0)))
    return trending(candidates, input, count)
  const bySku = catalogBySku(input.catalog)
  const purchasedCategories = new Map<string, number>()
  const lifts = new Map<string, number>()
  for (const purchase of reader.purchases) {
    for (const category of bySku.get(purchase.product)?.categories ?? [])
      purchasedCategories.set(category, (purchasedCategories.get(category) ?? 0) + 1)
    for (const { lift, product } of boughtWith(model, purchase.product, minSupport))
      lifts.set(product, Math.max(lifts.get(product) ?? 0, lift))
  }
  const purchaseTotal = Math.max(1, ...purchasedCategories.values())
  type Scored = { bought: string[]; matched: string[]; product: CatalogProduct; score: number }
  const scored: Scored[] = []
  for (const product of candidates) {
    if (!product.promoted) continue
    const { fit, matched } = interestFit(product, reader, interestAncestors)
    let bought: string[] | undefined
    let history = 0
    for (const category of product.categories) {
      const purchases = purchasedCategories.get(category)
      if (purchases === undefined) continue
      ;(bought ??= []).push(category)
      history = Math.max(history, purchases / purchaseTotal)
    }
    const together = Math.min(1, (lifts.get(product.sku) ?? 0) / 10)
    const score = 2 * history + fit + 0.5 * together
    if (score > 0) scored.push({ bought: bought ?? NONE, matched, product, score })
  }
  const bySales = byRecentSales(model)
  // The best `count` only: thousands of promoted products score for a reader with broad interests,
  // and sorting them all for each recipient of a send cost milliseconds.
  const best = topOf(scored, count, (a, b) => b.score - a.score || bySales(a.product, b.product))
  const chosen: Recommendation[] = best.map(({ bought, matched, product }) => ({
    product,
    reason: { code: 'personal', interests: matched, purchasedCategories: bought },
  }))
  return chosen.length >= count ? chosen : [...chosen, ...trending(candidates, input, count)]
}

/**
 * Also bought: partners of the reader's purchases (most recent purchase first) by lift, with at least
 * `minSupport` joint customers; without purchases, or when too few, trending fills the slot.
 */
const alsoBought: Pick = (candidates, input, count) => {
  const { minSupport, model, reader } = input
  const available = new Map(candidates.map((product) => [product.sku, product]))
  const result: Recommendation[] = []
  const purchases = [...reader.purchases].sort((a, b) => b.at.getTime() - a.at.getTime())
  for (const purchase of new Set(purchases.map((entry) => entry.product))) {
    for (const partner of boughtWith(model, purchase, minSupport)) {
      const product = available.get(partner.product)
      if (!product) continue
      result.push({
        product,
        reason: { code: 'also_bought', lift: partner.lift, product: purchase, support: partner.support },
      })
    }
  }
  return result.length >= count ? result : [...uniqueBySku(result), ...trending(candidates, input, count)]
}

/**
 * Recently viewed and not bought since the view: the most recent view first. An anonymous reader has
 * no views the server knows of and gets trending; a known reader without views gets nothing (the slot
 * is left out rather than filled with what they did not look at).
 */
const recentlyViewed: Pick = (candidates, input, count) => {
  const { now, reader } = input
  if (reader.anonymous) return trending(candidates, input, count)
  const available = new Map(candidates.map((product) => [product.sku, product]))
  const since = now.getTime() - VIEW_WINDOW_DAYS * DAY
  const lastBought = new Map<string, number>()
  for (const { at, product } of reader.purchases)
    lastBought.set(product, Math.max(lastBought.get(product) ?? 0, at.getTime()))
  const views = [...reader.views].sort((a, b) => b.at.getTime() - a.at.getTime())
  const result: Recommendation[] = []
  for (const { at, product: sku } of views) {
    const product = available.get(sku)
    if (!product || at.getTime() < since || (lastBought.get(sku) ?? -Infinity) >= at.getTime()) continue
    if (result.some((entry) => entry.product.sku === sku)) continue
    result.push({ product, reason: { code: 'recently_viewed', viewedAt: at.toISOString() } })
    if (result.length >= count) break
  }
  return result
}

/**
 * The reader's open cart, in the cart's order: the abandoned-cart mail. Nothing else fills the slot
 * (a reminder of products they did not put in the cart would be a lie); an anonymous reader or an
 * empty cart gets no grid. The document's exclusions still hold (bought within the guard window,
 * unavailable, another market).
 */
const cart: Pick = (candidates, { reader }) => {
  const available = new Map(candidates.map((product) => [product.sku, product]))
  return (reader.anonymous ? [] : (reader.cart ?? []))
    .map((sku) => available.get(sku))
    .filter((product) => product !== undefined)
    .map((product) => ({ product, reason: { code: 'in_cart' } }))
}

const STRATEGIES: Record<RecommendationStrategy, Pick> = { alsoBought, cart, personal, recentlyViewed, trending }

/** The first `count` items in `compare`'s order, as a stable sort would give them, without sorting all. */
function topOf<T>(items: T[], count: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = []
  for (const item of items) {
    if (top.length === count && compare(item, top[count - 1]) >= 0) continue
    let at = top.length
    while (at > 0 && compare(item, top[at - 1]) < 0) at--
    top.splice(at, 0, item)
    if (top.length > count) top.pop()
  }
  return top
}

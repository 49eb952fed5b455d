import type { PurchaseModel } from './purchaseModel'

import { type CatalogIndex, catalogIndex, type ProductGroup, together } from './catalogIndex'

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

/**
 * What a slot may choose from: the index of the offered products (shared by every reader of a
 * send) and what this reader and slot rule out (bought within the guard window, shown in an earlier
 * slot, outside the slot's categories).
 */
type Pool = { allows: (product: CatalogProduct) => boolean; index: CatalogIndex }

type Pick = (pool: Pool, input: RecommendationInput, count: number) => Recommendation[]

/**
 * The products of every recommendation slot of one document, in slot order. Whatever the strategy,
 * a product is never one the reader bought within the guard window, never unavailable, never for
 * another market, never outside the slot's categories, and never twice in the document; each carries its reason.
 */
export function recommend(input: RecommendationInput): RecommendedSlot[] {
  const index = catalogIndex(input.catalog, input.model, input.language, input.minSupport)
  const since = input.now.getTime() - input.guardDays * DAY
  const boughtRecently = new Set<string>()
  for (const purchase of input.reader.purchases)
    if (purchase.at.getTime() >= since) boughtRecently.add(purchase.product)
  const shown = new Set<string>()
  return input.slots.map(({ categories, ...slot }) => {
    const wanted = new Set(categories)
    const allows = (product: CatalogProduct) =>
      !boughtRecently.has(product.sku) &&
      !shown.has(product.sku) &&
      (!wanted.size || inCategories(product, wanted, input.interestAncestors))
    const products = uniqueBySku(STRATEGIES[slot.strategy]({ allows, index }, input, slot.count)).slice(0, slot.count)
    for (const { product } of products) shown.add(product.sku)
    return { ...slot, products }
  })
}

const uniqueBySku = (list: Recommendation[]) => {
  const seen = new Set<string>()
  return list.filter(({ product }) => !seen.has(product.sku) && Boolean(seen.add(product.sku)))
}

function inCategories(product: CatalogProduct, wanted: Set<string>, ancestors: Map<string, string[]>) {
  return product.categories.some(
    (category) => wanted.has(category) || (ancestors.get(category) ?? []).some((id) => wanted.has(id)),
  )
}

const inCategory = (product: CatalogProduct, interest: string, ancestors: Map<string, string[]>) =>
  product.categories.some((category) => category === interest || (ancestors.get(category) ?? []).includes(interest))

/** How much the reader cares for these categories: the interest itself counts fully, a broader one (an ancestor) half. */
function interestFit(categories: string[], reader: RecommendationReader, ancestors: Map<string, string[]>) {
  let best = 0
  let matched: string[] | undefined
  for (const category of categories) {
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

/**
 * Trending: the most bought products of the trending window in the reader's strongest interest that
 * has any, then overall; products nobody bought lately are not "trending", so the rest of the slot
 * takes promoted products. Anonymous readers get this.
 */
const trending: Pick = ({ allows, index }, { interestAncestors, model, reader }, count) => {
  const result: Recommendation[] = []
  const taken = new Set<string>()
  const take = (product: CatalogProduct, reason: ProductReason) => {
    taken.add(product.sku)
    result.push({ product, reason })
  }
  const usable = (product: CatalogProduct) => !taken.has(product.sku) && allows(product)
  const interests = [...reader.interests.entries()].filter(([, weight]) => weight > 0).sort((a, b) => b[1] - a[1])
  for (const [interest] of interests)
    for (let rank = 0; rank < index.soldCount && result.length < count; rank++) {
      const product = index.bySales[rank]
      if (usable(product) && inCategory(product, interest, interestAncestors))
        take(product, trendReason(model, product, interest))
    }
  for (let rank = 0; rank < index.soldCount && result.length < count; rank++) {
    const product = index.bySales[rank]
    if (usable(product)) take(product, trendReason(model, product, null))
  }
  for (let at = 0; at < index.promoted.length && result.length < count; at++) {
    const product = index.bySales[index.promoted[at]]
    if (usable(product)) take(product, { code: 'promoted' })
  }
  return result
}

const trendReason = (model: PurchaseModel, product: CatalogProduct, interest: null | string): ProductReason => ({
  code: 'trending',
  count: model.recent.get(product.sku) ?? 0,
  days: model.trendingDays,
  interest,
})

/** The personal score's weights: a category the reader bought in counts twice an interest; "bought together" adds at most half. */
const HISTORY_WEIGHT = 2
const TOGETHER_WEIGHT = 0.5

/** What the reader's history and interests give every product of a group. */
type GroupScore = { bought: string[]; fit: number; history: number; matched: string[] }

/**
 * Personal top-N from the promoted products (the METRO case): the categories the reader bought in
 * count most, then their interests, then how strongly the product is bought with what they bought;
 * a reader without any of it gets trending.
 *
 * Products of one group (same categories) score alike but for "bought together", and ties go by
 * sales, so only a group's first `count` allowed products in sales order, and the first `count`
 * of each purchase's partners per group, can be among the best: those are scored, not the
 * thousands of promoted products (the spec checks this against scoring them all). Exact up to the
 * rounding of scores: two lifts closer than a score can tell apart (~10⁻¹⁶) may keep the one the
 * sales order would not; a consistent model needs some 10⁷ buyers of a product for that.
 */
const personal: Pick = (pool, input, count) => {
  const { interestAncestors, reader } = input
  if (reader.anonymous || (!reader.purchases.length && ![...reader.interests.values()].some((w) => w > 0)))
    return trending(pool, input, count)
  const { allows, index } = pool
  const purchasedCategories = new Map<string, number>()
  const purchased = new Set<string>()
  for (const purchase of reader.purchases) {
    purchased.add(purchase.product)
    for (const category of index.catalogBySku.get(purchase.product)?.categories ?? [])
      purchasedCategories.set(category, (purchasedCategories.get(category) ?? 0) + 1)
  }
  const purchaseTotal = Math.max(1, ...purchasedCategories.values())
  const scores: (GroupScore | undefined)[] = []
  const scoreOf = (group: ProductGroup): GroupScore => {
    let score = scores[group.id]
    if (score) return score
    const { fit, matched } = interestFit(group.categories, reader, interestAncestors)
    let bought: string[] | undefined
    let history = 0
    for (const category of group.categories) {
      const purchases = purchasedCategories.get(category)
      if (purchases === undefined) continue
      ;(bought ??= []).push(category)
      history = Math.max(history, purchases / purchaseTotal)
    }
    return (scores[group.id] = { bought: bought ?? NONE, fit, history, matched })
  }

  // Rank → the best lift with one of the reader's purchases, for the products that may win by it.
  const lifts = new Map<number, number>()
  const considered = new Set<number>()
  const firstAllowed = (ranks: Int32Array, each: (rank: number, at: number) => void) => {
    for (let at = 0, taken = 0; at < ranks.length && taken < count; at++)
      if (allows(index.bySales[ranks[at]])) {
        taken++
        each(ranks[at], at)
      }
  }
  const base = (group: GroupScore) => HISTORY_WEIGHT * group.history + group.fit
  // Each group's first products in sales order; the `count`-th best of them (without "bought
  // together", which only adds) is a floor: a group whose score plus the most "bought together"
  // can add stays below it has no partner that can win.
  const floors: number[] = []
  for (const group of index.groups) {
    const score = scoreOf(group)
    if (score.history > 0 || score.fit > 0)
      firstAllowed(group.ranks, (rank) => {
        considered.add(rank)
        floors.push(base(score))
      })
  }
  const floor = floors.length < count ? 0 : floors.sort((a, b) => b - a)[count - 1]
  for (const sku of purchased)
    for (const [id, list] of index.partners(sku).byGroup) {
      if (base(scoreOf(index.groups[id])) + TOGETHER_WEIGHT < floor) continue
      firstAllowed(list.ranks, (rank, at) => {
        considered.add(rank)
        if (list.lifts[at] > (lifts.get(rank) ?? 0)) lifts.set(rank, list.lifts[at])
      })
    }

  type Scored = { group: GroupScore; rank: number; score: number }
  const scored: Scored[] = []
  for (const rank of considered) {
    const group = scoreOf(index.groups[index.groupOf[rank]])
    const score = base(group) + TOGETHER_WEIGHT * together(lifts.get(rank) ?? 0)
    if (score > 0) scored.push({ group, rank, score })
  }
  const chosen: Recommendation[] = topOf(scored, count, (a, b) => b.score - a.score || a.rank - b.rank).map(
    ({ group, rank }) => ({
      product: index.bySales[rank],
      reason: { code: 'personal', interests: group.matched, purchasedCategories: group.bought },
    }),
  )
  return chosen.length >= count ? chosen : [...chosen, ...trending(pool, input, count)]
}

/**
 * Also bought: partners of the reader's purchases (most recent purchase first) by lift, with at least
 * `minSupport` joint customers; without purchases, or when too few, trending fills the slot.
 */
const alsoBought: Pick = (pool, input, count) => {
  const { allows, index } = pool
  const result: Recommendation[] = []
  const taken = new Set<string>()
  const purchases = [...input.reader.purchases].sort((a, b) => b.at.getTime() - a.at.getTime())
  for (const purchase of new Set(purchases.map((entry) => entry.product))) {
    const { lifts, ranks, supports } = index.partners(purchase).offered
    for (let at = 0; at < ranks.length && result.length < count; at++) {
      const product = index.bySales[ranks[at]]
      if (taken.has(product.sku) || !allows(product)) continue
      taken.add(product.sku)
      result.push({
        product,
        reason: { code: 'also_bought', lift: lifts[at], product: purchase, support: supports[at] },
      })
    }
    if (result.length >= count) return result
  }
  return [...result, ...trending(pool, input, count)]
}

/** The offered product with this SKU, if this slot may show it. */
const allowedProduct = ({ allows, index }: Pool, sku: string) => {
  const rank = index.rankOf.get(sku)
  const product = rank === undefined ? undefined : index.bySales[rank]
  return product && allows(product) ? product : undefined
}

/**
 * Recently viewed and not bought since the view: the most recent view first. An anonymous reader has
 * no views the server knows of and gets trending; a known reader without views gets nothing (the slot
 * is left out rather than filled with what they did not look at).
 */
const recentlyViewed: Pick = (pool, input, count) => {
  const { now, reader } = input
  if (reader.anonymous) return trending(pool, input, count)
  const since = now.getTime() - VIEW_WINDOW_DAYS * DAY
  const lastBought = new Map<string, number>()
  for (const { at, product } of reader.purchases)
    lastBought.set(product, Math.max(lastBought.get(product) ?? 0, at.getTime()))
  const views = [...reader.views].sort((a, b) => b.at.getTime() - a.at.getTime())
  const result: Recommendation[] = []
  for (const { at, product: sku } of views) {
    if (at.getTime() < since || (lastBought.get(sku) ?? -Infinity) >= at.getTime()) continue
    const product = allowedProduct(pool, sku)
    if (!product || result.some((entry) => entry.product.sku === sku)) continue
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
const cart: Pick = (pool, { reader }) =>
  (reader.anonymous ? [] : (reader.cart ?? []))
    .map((sku) => allowedProduct(pool, sku))
    .filter((product) => product !== undefined)
    .map((product) => ({ product, reason: { code: 'in_cart' } }))

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

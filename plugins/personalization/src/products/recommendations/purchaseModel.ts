/** One purchase as the model needs it: who, which SKU, when. */
export type PurchaseRecord = { at: number; product: string; subscriber: string }

/**
 * What all purchases say, computed once per send (not per recipient): how many customers bought each
 * product, how many bought each pair (customer-level co-purchase, as "customers who bought X also
 * bought Y"), and the purchases per product in the trending window.
 */
export type PurchaseModel = {
  /** Customers who bought each SKU. */
  buyers: Map<string, number>
  /** The same by product number (the numbers of `together`). */
  buyerCounts: Int32Array
  /** Customers with any purchase. */
  customers: number
  /** Each SKU's number in `together` (numbers, not strings: millions of pairs are counted). */
  indexOf: Map<string, number>
  /** Purchases per SKU within the trending window before `builtAt`. */
  recent: Map<string, number>
  /** The SKU of each number. */
  skus: string[]
  /** Customers who bought both, for each pair of product numbers (both directions). */
  together: CoPurchaseTable
  trendingDays: number
}

/**
 * The pair counts in three flat arrays (millions of pairs: no Map per product): the partners of product
 * `a` are `partners[rowStart[a] … rowStart[a + 1])`, with as many joint customers in `supports`.
 */
export type CoPurchaseTable = { partners: Int32Array; rowStart: Int32Array; supports: Int32Array }

export const TRENDING_DAYS = 30
/** A customer's most recent products count for co-purchase: a reseller's 5,000 articles would make every pair "related". */
export const MAX_BASKET = 50
const DAY = 86_400_000

export const EMPTY_MODEL: PurchaseModel = {
  buyers: new Map(),
  buyerCounts: new Int32Array(0),
  customers: 0,
  indexOf: new Map(),
  recent: new Map(),
  skus: [],
  together: { partners: new Int32Array(0), rowStart: new Int32Array(1), supports: new Int32Array(0) },
  trendingDays: TRENDING_DAYS,
}

/** The model from the purchases, in any order. `now` bounds the trending window. */
export function purchaseModel(
  purchases: Iterable<PurchaseRecord>,
  now: Date,
  trendingDays = TRENDING_DAYS,
): PurchaseModel {
  const since = now.getTime() - trendingDays * DAY
  const recent = new Map<string, number>()
  const indexOf = new Map<string, number>()
  const skus: string[] = []
  // Per customer: each product once, with its last purchase (the basket keeps the most recent).
  const baskets = new Map<string, Map<number, number>>()
  for (const { at, product, subscriber } of purchases) {
    let index = indexOf.get(product)
    if (index === undefined) {
      // A copy of its own: a SKU cut from a long text (SQLite's read) would keep all of that text alive with the model.
      const sku = (' ' + product).slice(1)
      index = skus.push(sku) - 1
      indexOf.set(sku, index)
    }
    const sku = skus[index]
    if (at >= since && at <= now.getTime()) recent.set(sku, (recent.get(sku) ?? 0) + 1)
    let basket = baskets.get(subscriber)
    if (!basket) baskets.set(subscriber, (basket = new Map()))
    if ((basket.get(index) ?? -Infinity) < at) basket.set(index, at)
  }
  const buyerCounts = new Int32Array(skus.length)
  const lists: number[][] = []
  let pairCount = 0
  for (const basket of baskets.values()) {
    const products =
      basket.size <= MAX_BASKET
        ? [...basket.keys()]
        : [...basket.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, MAX_BASKET)
            .map(([product]) => product)
    for (const product of products) buyerCounts[product]++
    if (products.length > 1) {
      lists.push(products)
      pairCount += products.length * (products.length - 1)
    }
  }
  const together = countPairs(lists, pairCount, skus.length)
  const buyers = new Map(skus.map((sku, index) => [sku, buyerCounts[index]] as const).filter(([, count]) => count > 0))
  return { buyerCounts, buyers, customers: baskets.size, indexOf, recent, skus, together, trendingDays }
}

/**
 * Every ordered pair of every basket as one number (a · products + b), sorted natively and counted in
 * runs: a few hundred MB of Maps for a million purchases become three typed arrays.
 */
function countPairs(baskets: number[][], pairCount: number, products: number): CoPurchaseTable {
  const codes = new Float64Array(pairCount)
  let at = 0
  for (const basket of baskets)
    for (const a of basket) for (const b of basket) if (a !== b) codes[at++] = a * products + b
  codes.sort()
  const rowStart = new Int32Array(products + 1)
  const partners = new Int32Array(pairCount)
  const supports = new Int32Array(pairCount)
  let distinct = 0
  for (let index = 0; index < codes.length;) {
    const code = codes[index]
    let end = index + 1
    while (end < codes.length && codes[end] === code) end++
    const a = Math.floor(code / products)
    partners[distinct] = code - a * products
    supports[distinct] = end - index
    rowStart[a + 1]++
    distinct++
    index = end
  }
  for (let a = 0; a < products; a++) rowStart[a + 1] += rowStart[a]
  return { partners: partners.slice(0, distinct), rowStart, supports: supports.slice(0, distinct) }
}

export type CoPurchase = { lift: number; product: string; support: number }

/**
 * Each partner of product number `number` that at least `minSupport` customers bought with it, more
 * often than chance (lift = P(both) / (P(a)·P(b)) above 1), in the pair table's order, as its
 * entry in `together` (partner and support), its number and its lift; `skip` leaves a partner out
 * before its lift is computed.
 */
export function forEachPartner(
  model: PurchaseModel,
  number: number,
  minSupport: number,
  visit: (entry: number, partner: number, lift: number) => void,
  skip?: (partner: number) => boolean,
): void {
  const buyers = model.buyerCounts[number]
  if (!buyers) return
  const { partners, rowStart, supports } = model.together
  for (let entry = rowStart[number]; entry < rowStart[number + 1]; entry++) {
    const support = supports[entry]
    const partner = partners[entry]
    if (support < minSupport || skip?.(partner)) continue
    const lift = (support * model.customers) / (buyers * (model.buyerCounts[partner] || support))
    if (lift > 1) visit(entry, partner, lift)
  }
}

/**
 * The products bought together with `product` (`forEachPartner`), best lift first, then joint
 * buyers, then SKU. Computed on each call: recommendations keep what they need of it, per send and
 * in this order, in their catalog index (catalogIndex.ts).
 */
export function boughtWith(model: PurchaseModel, product: string, minSupport: number): CoPurchase[] {
  const number = model.indexOf.get(product)
  const result: CoPurchase[] = []
  if (number !== undefined)
    forEachPartner(model, number, minSupport, (entry, partner, lift) =>
      result.push({ lift, product: model.skus[partner], support: model.together.supports[entry] }),
    )
  return result.sort((a, b) => b.lift - a.lift || b.support - a.support || a.product.localeCompare(b.product))
}

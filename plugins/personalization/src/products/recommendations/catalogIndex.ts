import type { PurchaseModel } from './purchaseModel'
import type { CatalogProduct } from './strategies'

import { isAvailable } from '../rules'
import { forEachPartner } from './purchaseModel'

/**
 * Promoted products with the same categories (in the same order): for a reader they all score the
 * same but for "bought together", so the personal strategy looks at a group's first few in sales
 * order instead of scoring each of its products.
 */
export type ProductGroup = {
  categories: string[]
  id: number
  /** Ranks (positions in `CatalogIndex.bySales`), in sales order. */
  ranks: Int32Array
}

/** Partners of one product in one group, best first: `together` (lift/10, at most 1) descending, then sales order. */
export type GroupPartners = { lifts: Float64Array; ranks: Int32Array }

/** Partners of one product among the offered ones, in `boughtWith`'s order (lift, support, SKU). */
export type OfferedPartners = { lifts: Float64Array; ranks: Int32Array; supports: Int32Array }

/**
 * What every reader of a send chooses from, built once per loaded catalog, language, purchase model
 * and minimum support, so that a reader's recommendations cost what their own history holds, not
 * what the catalog holds. Products are numbered by their rank in sales order; everything else
 * refers to those numbers.
 */
export type CatalogIndex = {
  /** Products available in the language, by recent sales (most first), then SKU: the order every tie is broken in. */
  bySales: CatalogProduct[]
  /** Every catalog product by SKU, available or not: what a purchase's categories are read from. */
  catalogBySku: Map<string, CatalogProduct>
  /** Each rank's group id (-1: not promoted). */
  groupOf: Int32Array
  groups: ProductGroup[]
  /** Partners of a purchased SKU, by group (promoted ones) and overall (offered ones); computed on first use. */
  partners(sku: string): { byGroup: Map<number, GroupPartners>; offered: OfferedPartners }
  /** The promoted offered products' ranks, in sales order. */
  promoted: Int32Array
  rankOf: Map<string, number>
  /** How many offered products sold within the trending window: they are the first in `bySales`. */
  soldCount: number
}

const indexes = new WeakMap<CatalogProduct[], WeakMap<PurchaseModel, Map<string, CatalogIndex>>>()

/** The index for one send or request; the same catalog, model, language and support give the same object. */
export function catalogIndex(
  catalog: CatalogProduct[],
  model: PurchaseModel,
  language: string,
  minSupport: number,
): CatalogIndex {
  let byModel = indexes.get(catalog)
  if (!byModel) indexes.set(catalog, (byModel = new WeakMap()))
  let byKey = byModel.get(model)
  if (!byKey) byModel.set(model, (byKey = new Map()))
  const key = `${language}|${minSupport}`
  let index = byKey.get(key)
  if (!index) byKey.set(key, (index = buildIndex(catalog, model, language, minSupport)))
  return index
}

/** `localeCompare`'s order, with one collator instead of one per comparison. */
const collator = new Intl.Collator()

function buildIndex(catalog: CatalogProduct[], model: PurchaseModel, language: string, minSupport: number) {
  const sales = (product: CatalogProduct) => model.recent.get(product.sku) ?? 0
  const bySales = catalog
    .filter((product) => isAvailable(product.availability) && (!product.locale || product.locale === language))
    .sort((a, b) => sales(b) - sales(a) || collator.compare(a.sku, b.sku))
  const rankOf = new Map(bySales.map((product, rank) => [product.sku, rank] as const))
  const soldCount = bySales.findIndex((product) => sales(product) === 0)

  const groupOfRank = new Int32Array(bySales.length).fill(-1)
  const members = new Map<string, { categories: string[]; ranks: number[] }>()
  const promoted: number[] = []
  bySales.forEach((product, rank) => {
    if (!product.promoted) return
    promoted.push(rank)
    const key = product.categories.join('\u0000')
    let group = members.get(key)
    if (!group) members.set(key, (group = { categories: product.categories, ranks: [] }))
    group.ranks.push(rank)
  })
  const groups = [...members.values()].map(({ categories, ranks }, id): ProductGroup => {
    for (const rank of ranks) groupOfRank[rank] = id
    return { categories, id, ranks: Int32Array.from(ranks) }
  })

  // The pair table speaks in the model's product numbers: their ranks, once.
  const rankOfNumber = Int32Array.from(model.skus, (sku) => rankOf.get(sku) ?? -1)
  // Equal lifts and supports are common (small counts): their SKU order as numbers, not a collation per comparison.
  const skuOrder = new Int32Array(model.skus.length)
  model.skus
    .map((_, number) => number)
    .sort((a, b) => collator.compare(model.skus[a], model.skus[b]))
    .forEach((number, position) => (skuOrder[number] = position))
  const partnersCache = new Map<string, ReturnType<CatalogIndex['partners']>>()
  /** `boughtWith` restricted to the offered products, straight from the typed arrays (no object per pair). */
  const partnersOf = (sku: string) => {
    const number = model.indexOf.get(sku)
    const { partners, rowStart, supports } = model.together
    const entries: number[] = []
    const first = number === undefined ? 0 : rowStart[number]
    const lifts = new Float64Array(number === undefined ? 0 : rowStart[number + 1] - first)
    if (number !== undefined)
      forEachPartner(
        model,
        number,
        minSupport,
        (entry, _, lift) => {
          entries.push(entry)
          lifts[entry - first] = lift
        },
        (partner) => rankOfNumber[partner] < 0,
      )
    const liftOf = (entry: number) => lifts[entry - first]
    const rankOfEntry = (entry: number) => rankOfNumber[partners[entry]]
    // boughtWith's order: lift, then joint buyers, then SKU.
    entries.sort(
      (a, b) => liftOf(b) - liftOf(a) || supports[b] - supports[a] || skuOrder[partners[a]] - skuOrder[partners[b]],
    )
    const inGroups = new Map<number, number[]>()
    for (const entry of entries) {
      const group = groupOfRank[rankOfEntry(entry)]
      if (group < 0) continue
      let list = inGroups.get(group)
      if (!list) inGroups.set(group, (list = []))
      list.push(entry)
    }
    const byGroup = new Map<number, GroupPartners>()
    for (const [group, list] of inGroups) {
      list.sort((a, b) => together(liftOf(b)) - together(liftOf(a)) || rankOfEntry(a) - rankOfEntry(b))
      byGroup.set(group, { lifts: Float64Array.from(list, liftOf), ranks: Int32Array.from(list, rankOfEntry) })
    }
    return {
      byGroup,
      offered: {
        lifts: Float64Array.from(entries, liftOf),
        ranks: Int32Array.from(entries, rankOfEntry),
        supports: Int32Array.from(entries, (entry) => supports[entry]),
      },
    }
  }

  return {
    bySales,
    catalogBySku: new Map(catalog.map((product) => [product.sku, product])),
    groupOf: groupOfRank,
    groups,
    // Bounded by the model: one entry of a few bytes per pair, dropped with the model (rebuilt every few minutes).
    partners(sku: string) {
      let partners = partnersCache.get(sku)
      if (!partners) partnersCache.set(sku, (partners = partnersOf(sku)))
      return partners
    },
    promoted: Int32Array.from(promoted),
    rankOf,
    soldCount: soldCount < 0 ? bySales.length : soldCount,
  } satisfies CatalogIndex
}

/** How much "bought together" adds to a personal score, 0–1: lift 10 and above count fully. */
export const together = (lift: number) => Math.min(1, lift / 10)

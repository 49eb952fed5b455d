import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { boughtWith, purchaseModel, type PurchaseRecord } from './purchaseModel'
import { productReasonText } from './reasonText'
import {
  type CatalogProduct,
  recommend,
  RECOMMENDATION_STRATEGIES,
  type RecommendationInput,
  type RecommendationReader,
  type RecommendationSlot,
} from './strategies'

const NOW = new Date('2026-12-06T12:00:00Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000)

// Interests: software (1) › lohn (2); hosting (3).
const ANCESTORS = new Map([
  ['1', []],
  ['2', ['1']],
  ['3', []],
])
const product = (sku: string, categories: string[], extra: Partial<CatalogProduct> = {}): CatalogProduct => ({
  availability: 'in_stock',
  categories,
  currency: 'EUR',
  image: null,
  locale: null,
  name: sku,
  price: 10,
  promoted: true,
  sku,
  url: `https://shop.example/${sku}`,
  ...extra,
})
const CATALOG = [
  product('lohn-pro', ['2']),
  product('lohn-basis', ['2']),
  product('zeit', ['1']),
  product('host-s', ['3']),
  product('host-m', ['3']),
  product('backup', ['3'], { promoted: false }),
  product('ausverkauft', ['3'], { availability: 'out_of_stock' }),
  product('nur-en', ['3'], { locale: 'en' }),
]

/** 10 customers: 6 bought host-s and backup together, 3 lohn-pro and zeit; host-m sells most this month. */
function purchases(): PurchaseRecord[] {
  const list: PurchaseRecord[] = []
  const buy = (subscriber: string, product: string, days: number) =>
    list.push({ at: daysAgo(days).getTime(), product, subscriber })
  for (let i = 0; i < 6; i++) {
    buy(`c${i}`, 'host-s', 100)
    buy(`c${i}`, 'backup', 99)
  }
  for (let i = 6; i < 9; i++) {
    buy(`c${i}`, 'lohn-pro', 90)
    buy(`c${i}`, 'zeit', 90)
  }
  for (let i = 0; i < 4; i++) buy(`m${i}`, 'host-m', 3)
  buy('m9', 'lohn-basis', 5)
  return list
}

const reader = (extra: Partial<RecommendationReader> = {}): RecommendationReader => ({
  anonymous: false,
  interests: new Map(),
  purchases: [],
  views: [],
  ...extra,
})
const slot = (strategy: RecommendationSlot['strategy'], count = 3, categories: string[] = []): RecommendationSlot => ({
  categories,
  count,
  heading: strategy,
  key: strategy,
  strategy,
})
const run = (reading: RecommendationReader, slots: RecommendationSlot[], extra: Partial<RecommendationInput> = {}) =>
  recommend({
    catalog: CATALOG,
    guardDays: 30,
    interestAncestors: ANCESTORS,
    language: 'de',
    minSupport: 3,
    model: purchaseModel(purchases(), NOW),
    now: NOW,
    reader: reading,
    slots,
    ...extra,
  })
const skus = (slots: ReturnType<typeof run>) => slots.map((entry) => entry.products.map((item) => item.product.sku))

describe('recommendation strategies', () => {
  it('also bought: the partners of the reader’s purchases with lift above 1 and enough joint buyers', () => {
    const [result] = run(reader({ purchases: [{ at: daysAgo(60), product: 'host-s' }] }), [slot('alsoBought', 1)])
    expect(result.products).toEqual([
      // 14 customers; 6 bought host-s, 6 backup, 6 both: lift = 6·14 / (6·6) = 2.33.
      { product: CATALOG[5], reason: { code: 'also_bought', lift: 14 / 6, product: 'host-s', support: 6 } },
    ])
    expect(
      productReasonText(result.products[0].reason, 'de', {
        interests: new Map(),
        products: new Map([['host-s', 'Hosting S']]),
      }),
    ).toBe('Wird oft zusammen mit „Hosting S“ gekauft (Lift 2,3, 6 gemeinsame Käufe).')
    // Below the minimum support (3 joint buyers of lohn-pro and zeit, 4 required): nothing is "also bought"; trending fills.
    const [strict] = run(reader({ purchases: [{ at: daysAgo(60), product: 'lohn-pro' }] }), [slot('alsoBought', 1)], {
      minSupport: 4,
    })
    expect(strict.products.map((item) => item.reason.code)).toEqual(['trending'])
  })

  it('trending: the reader’s interest first, then overall; anonymous readers get trending whatever the slot says', () => {
    expect(
      skus(
        run(
          reader({
            interests: new Map([
              ['1', 1],
              ['2', 1],
            ]),
          }),
          [slot('trending', 2)],
        ),
      ),
    ).toEqual([['lohn-basis', 'host-m']])
    const [anonymous] = run(reader({ anonymous: true }), [slot('personal', 2)])
    expect(anonymous.products.map((item) => [item.product.sku, item.reason])).toEqual([
      ['host-m', { code: 'trending', count: 4, days: 30, interest: null }],
      ['lohn-basis', { code: 'trending', count: 1, days: 30, interest: null }],
    ])
    expect(productReasonText(anonymous.products[0].reason, 'de', { interests: new Map(), products: new Map() })).toBe(
      'Im Trend (4 Käufe in 30 Tagen).',
    )
  })

  it('personal: promoted products in the categories the reader bought in, then their interests', () => {
    const [result] = run(
      reader({ interests: new Map([['3', 0.4]]), purchases: [{ at: daysAgo(200), product: 'lohn-pro' }] }),
      [slot('personal', 3)],
    )
    // lohn-pro was bought 200 days ago (outside the guard): it may come again, with lohn-basis, both in the bought category.
    expect(result.products.map((item) => item.product.sku)).toEqual(['lohn-basis', 'lohn-pro', 'host-m'])
    expect(result.products[0].reason).toEqual({ code: 'personal', interests: [], purchasedCategories: ['2'] })
    expect(
      productReasonText(result.products[2].reason, 'de', {
        interests: new Map([['3', 'Hosting']]),
        products: new Map(),
      }),
    ).toBe('Beworben; passt zu Interessen und Käufen in Hosting.')
  })

  it('recently viewed: views not followed by a purchase, newest first; nothing for a reader without views', () => {
    const views = [
      { at: daysAgo(2), product: 'zeit' },
      { at: daysAgo(1), product: 'host-m' },
      { at: daysAgo(40), product: 'lohn-pro' }, // too long ago
      { at: daysAgo(3), product: 'lohn-basis' }, // bought after the view
    ]
    const [result] = run(reader({ purchases: [{ at: daysAgo(2.5), product: 'lohn-basis' }], views }), [
      slot('recentlyViewed', 5),
    ])
    expect(result.products.map((item) => item.product.sku)).toEqual(['host-m', 'zeit'])
    expect(productReasonText(result.products[0].reason, 'de', { interests: new Map(), products: new Map() })).toBe(
      'Zuletzt angesehen am 05.12.2026, noch nicht gekauft.',
    )
    expect(run(reader(), [slot('recentlyViewed')])[0].products).toEqual([])
  })

  it('cart: exactly the open cart in its order, without the exclusions and without any fill', () => {
    const cart = ['zeit', 'ausverkauft', 'host-s', 'nur-en', 'lohn-pro', 'unbekannt']
    const bought = [{ at: daysAgo(2), product: 'lohn-pro' }]
    const [result] = run(reader({ cart, purchases: bought }), [slot('cart', 6)])
    // Unavailable, another market, bought within the guard window and unknown SKUs are left out; nothing fills the rest.
    expect(result.products).toEqual([
      { product: CATALOG[2], reason: { code: 'in_cart' } },
      { product: CATALOG[3], reason: { code: 'in_cart' } },
    ])
    expect(skus(run(reader({ cart: ['zeit', 'host-s'] }), [slot('cart', 1)]))).toEqual([['zeit']])
    // No cart, or an anonymous reader: no grid (not trending, not a reminder of something never chosen).
    expect(skus(run(reader(), [slot('cart')]))).toEqual([[]])
    expect(skus(run(reader({ anonymous: true, cart: ['zeit'] }), [slot('cart')]))).toEqual([[]])
    expect(productReasonText({ code: 'in_cart' }, 'de', { interests: new Map(), products: new Map() })).toBe(
      'Liegt noch in Ihrem Warenkorb.',
    )
  })

  it('never recommends a product twice in a document, one bought within the guard window, unavailable or for another market', () => {
    const slots = [slot('personal', 3, ['3']), slot('trending', 10)]
    const result = run(
      reader({ interests: new Map([['3', 1]]), purchases: [{ at: daysAgo(10), product: 'host-m' }] }),
      slots,
    )
    const all = skus(result).flat()
    expect(new Set(all).size).toBe(all.length)
    expect(all).not.toContain('host-m')
    expect(all).not.toContain('ausverkauft')
    expect(all).not.toContain('nur-en')
    expect(skus(result)).toEqual([['host-s'], ['lohn-basis', 'lohn-pro', 'zeit']])
  })

  it('personal: chooses exactly what scoring every promoted product would, though it scores only a few (property)', () => {
    // Few categories and many products, so groups hold more products than a slot shows and partners compete.
    const skuArb = fc.constantFrom(...Array.from({ length: 24 }, (_, n) => `p${n}`))
    const day = fc.integer({ max: 90, min: 0 })
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ categories: fc.subarray(['2', '3']), promoted: fc.boolean(), sku: skuArb }), {
          maxLength: 24,
          selector: (entry) => entry.sku,
        }),
        fc.array(fc.record({ customer: fc.integer({ max: 7, min: 0 }), days: day, sku: skuArb }), { maxLength: 80 }),
        fc.array(fc.record({ days: day, sku: skuArb }), { maxLength: 5 }),
        fc.array(fc.tuple(fc.constantFrom<string>('1', '2', '3'), fc.constantFrom(0.2, 0.5, 1)), { maxLength: 2 }),
        fc.integer({ max: 4, min: 1 }),
        fc.integer({ max: 2, min: 1 }),
        (entries, others, bought, interestList, count, minSupport) => {
          const catalog = entries.map((entry) => product(entry.sku, entry.categories, entry))
          const purchases = bought.map(({ days, sku }) => ({ at: daysAgo(days), product: sku }))
          const model = purchaseModel(
            others.map(({ customer, days, sku }) => ({
              at: daysAgo(days).getTime(),
              product: sku,
              subscriber: `c${customer}`,
            })),
            NOW,
          )
          const interests = new Map(interestList)
          const [result] = recommend({
            catalog,
            guardDays: 30,
            interestAncestors: ANCESTORS,
            language: 'de',
            minSupport,
            model,
            now: NOW,
            reader: { anonymous: false, interests, purchases, views: [] },
            slots: [slot('personal', count)],
          })
          // The oracle: every promoted product not bought within the guard window, scored as the strategy says.
          const bySku = new Map(catalog.map((entry) => [entry.sku, entry]))
          const boughtIn = new Map<string, number>()
          for (const { product: sku } of purchases)
            for (const category of bySku.get(sku)?.categories ?? [])
              boughtIn.set(category, (boughtIn.get(category) ?? 0) + 1)
          const most = Math.max(1, ...boughtIn.values())
          const lift = new Map<string, number>()
          for (const { product: sku } of purchases)
            for (const partner of boughtWith(model, sku, minSupport))
              lift.set(partner.product, Math.max(lift.get(partner.product) ?? 0, partner.lift))
          const score = ({ categories, sku }: CatalogProduct) =>
            2 * Math.max(0, ...categories.map((category) => (boughtIn.get(category) ?? 0) / most)) +
            Math.max(
              0,
              ...categories.flatMap((category) => [
                interests.get(category) ?? 0,
                ...(ANCESTORS.get(category) ?? []).map((id) => (interests.get(id) ?? 0) / 2),
              ]),
            ) +
            0.5 * Math.min(1, (lift.get(sku) ?? 0) / 10)
          const recent = (sku: string) => model.recent.get(sku) ?? 0
          const expected = catalog
            .filter((entry) => entry.promoted && !purchases.some((p) => p.product === entry.sku && p.at >= daysAgo(30)))
            .map((entry) => ({ score: score(entry), sku: entry.sku }))
            .filter((entry) => entry.score > 0)
            .sort((a, b) => b.score - a.score || recent(b.sku) - recent(a.sku) || a.sku.localeCompare(b.sku))
            .slice(0, count)
            .map((entry) => entry.sku)
          const chosen = result.products
            .filter((item) => item.reason.code === 'personal')
            .map((item) => item.product.sku)
          expect(chosen).toEqual(expected)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('holds the exclusions for any catalog, purchases, views and slots (property)', () => {
    const skuArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')
    const catalogArb = fc.uniqueArray(
      fc.record({
        availability: fc.constantFrom('in_stock', 'preorder', 'out_of_stock'),
        categories: fc.subarray(['1', '2', '3']),
        locale: fc.constantFrom(null, 'de', 'en'),
        promoted: fc.boolean(),
        sku: skuArb,
      }),
      { maxLength: 8, selector: (entry) => entry.sku },
    )
    const eventArb = fc.record({ days: fc.double({ max: 120, min: 0, noNaN: true }), product: skuArb })
    fc.assert(
      fc.property(
        catalogArb,
        fc.array(fc.record({ customer: fc.constantFrom('x', 'y', 'z', 'w'), event: eventArb }), { maxLength: 30 }),
        fc.array(eventArb, { maxLength: 6 }),
        fc.array(eventArb, { maxLength: 6 }),
        fc.array(
          fc.record({ count: fc.integer({ max: 6, min: 1 }), strategy: fc.constantFrom(...RECOMMENDATION_STRATEGIES) }),
          {
            maxLength: 4,
            minLength: 1,
          },
        ),
        fc.boolean(),
        fc.integer({ max: 60, min: 0 }),
        (entries, others, bought, viewed, slotSpecs, anonymous, guardDays) => {
          const catalog = entries.map((entry) => product(entry.sku, entry.categories, entry))
          const readerPurchases = anonymous
            ? []
            : bought.map(({ days, product: sku }) => ({ at: daysAgo(days), product: sku }))
          const result = recommend({
            catalog,
            guardDays,
            interestAncestors: ANCESTORS,
            language: 'de',
            minSupport: 1,
            model: purchaseModel(
              [
                ...others.map(({ customer, event }) => ({
                  at: daysAgo(event.days).getTime(),
                  product: event.product,
                  subscriber: customer,
                })),
                ...readerPurchases.map(({ at, product: sku }) => ({
                  at: at.getTime(),
                  product: sku,
                  subscriber: 'me',
                })),
              ],
              NOW,
            ),
            now: NOW,
            reader: {
              anonymous,
              interests: new Map([['3', 0.5]]),
              purchases: readerPurchases,
              views: anonymous ? [] : viewed.map(({ days, product: sku }) => ({ at: daysAgo(days), product: sku })),
            },
            slots: slotSpecs.map((spec, index) => ({ ...slot(spec.strategy, spec.count), key: `s${index}` })),
          })
          const shown = result.flatMap((entry) => entry.products.map((item) => item.product))
          const since = NOW.getTime() - guardDays * 86_400_000
          expect(new Set(shown.map((item) => item.sku)).size).toBe(shown.length)
          for (const item of shown) {
            expect(item.availability).not.toBe('out_of_stock')
            expect(item.locale === null || item.locale === 'de').toBe(true)
            expect(
              readerPurchases.some((purchase) => purchase.product === item.sku && purchase.at.getTime() >= since),
            ).toBe(false)
          }
          result.forEach((entry, index) => expect(entry.products.length).toBeLessThanOrEqual(slotSpecs[index].count))
        },
      ),
      { numRuns: 300 },
    )
  })
})

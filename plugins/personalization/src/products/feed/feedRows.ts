import type { FeedRow } from './parseFeed'

import { isContentLocale } from '../../i18n/locales'
import {
  type Availability,
  currencyProblem,
  isAvailability,
  priceProblem,
  type ProductProblem,
  skuProblem,
  urlProblem,
} from '../rules'

/** A product as the import writes it (names in the feed's language). */
export type ProductData = {
  availability: Availability
  categories: (number | string)[]
  currency: string
  imageUrl: null | string
  locale: null | string
  name: string
  price: number
  promoted: boolean
  sku: string
  url: null | string
}

export type RowProblem = { code: ProductProblem; field: string; row: number; value?: unknown }

const text = (value: unknown) => (value == null ? '' : String(value).trim())

/**
 * 12.5, "12.50" and the German "12,50" (a spreadsheet's decimal comma). Refused as ambiguous: "1.234,50"
 * and three digits after one separator ("1.250", "1,250"), a thousands separator in German and English
 * alike: read as a decimal it would be a price a thousand times too low in every mail.
 */
function priceOf(value: unknown): unknown {
  if (typeof value === 'number' || value == null || value === '') return value
  const written = text(value)
  if (/^\d{1,3}[.,]\d{3}$/.test(written)) return Number.NaN
  if (/^\d+(\.\d+)?$/.test(written)) return Number(written)
  if (/^\d+,\d+$/.test(written)) return Number(written.replace(',', '.'))
  return Number.NaN
}

/** Google's feed values in any spelling (`in stock`, `In-Stock`) and the German words; empty: in stock. */
const AVAILABILITY_WORDS: Record<string, string> = {
  ausverkauft: 'out_of_stock',
  nicht_vorrätig: 'out_of_stock',
  vorbestellbar: 'preorder',
  vorrätig: 'in_stock',
}
function availabilityOf(value: unknown): string {
  const word = text(value)
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  return word ? (AVAILABILITY_WORDS[word] ?? word) : 'in_stock'
}

const TRUE = new Set(['1', 'true', 'yes', 'ja', 'x'])
const FALSE = new Set(['', '0', 'false', 'no', 'nein'])

/** Category slugs as a JSON array or a `|`-separated cell ("software|lohn"). */
const slugsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(text) : text(value).split('|')).map((slug) => slug.trim()).filter(Boolean)

/**
 * Every row checked against the product rules and the interests (categories by slug): the products to
 * write, or every problem with its row, so an editor fixes the whole feed in one go.
 */
export function feedProducts(
  rows: FeedRow[],
  interestIdBySlug: Map<string, number | string>,
): { problems: RowProblem[]; products: (ProductData & { row: number })[] } {
  const problems: RowProblem[] = []
  const products: (ProductData & { row: number })[] = []
  const firstRowOfSku = new Map<string, number>()
  for (const { row, values } of rows) {
    const found: RowProblem[] = []
    const check = (field: string, code: null | ProductProblem, value: unknown) => {
      if (code) found.push({ code, field, row, value })
    }
    const sku = text(values.sku)
    check('sku', skuProblem(sku), values.sku)
    if (sku && firstRowOfSku.has(sku)) check('sku', 'SKU_DUPLICATE', values.sku)
    else if (sku) firstRowOfSku.set(sku, row)
    const name = text(values.name)
    check('name', name ? null : 'NAME_MISSING', values.name)
    const currency = text(values.currency).toUpperCase()
    check('currency', currencyProblem(currency), values.currency)
    const price = priceOf(values.price)
    check('price', priceProblem(price, currency), values.price)
    const url = text(values.url) || null
    check('url', urlProblem(url), values.url)
    const imageUrl = text(values.image_url) || null
    check('image_url', urlProblem(imageUrl), values.image_url)
    const availability = availabilityOf(values.availability)
    check('availability', isAvailability(availability) ? null : 'AVAILABILITY_UNKNOWN', values.availability)
    const locale = text(values.locale) || null
    check('locale', locale == null || isContentLocale(locale) ? null : 'LOCALE_UNKNOWN', values.locale)
    const categories = slugsOf(values.categories).map((slug) => {
      const id = interestIdBySlug.get(slug)
      if (id == null) check('categories', 'CATEGORY_UNKNOWN', slug)
      return id
    })
    const promotedText = text(values.promoted).toLowerCase()
    const promoted = values.promoted === true || TRUE.has(promotedText)
    if (!promoted && values.promoted !== false && !FALSE.has(promotedText))
      check('promoted', 'PROMOTED_UNKNOWN', values.promoted)
    if (found.length) {
      problems.push(...found)
      continue
    }
    products.push({
      availability: availability as Availability,
      categories: categories as (number | string)[],
      currency,
      imageUrl,
      locale,
      name,
      price: price as number,
      promoted,
      row,
      sku,
      url,
    })
  }
  return { problems, products }
}

/**
 * What a product must be, in one place for the admin form, the feed import and the shop sync:
 * each check returns an error code (the feed reports it per row) or null.
 */

/** `in_stock` and `preorder` can be bought; `out_of_stock` is never recommended. Google's feed values, so feeds map 1:1. */
export const AVAILABILITIES = ['in_stock', 'preorder', 'out_of_stock'] as const
export type Availability = (typeof AVAILABILITIES)[number]

export const isAvailable = (availability: null | string | undefined) => availability !== 'out_of_stock'

export type ProductProblem =
  | 'AVAILABILITY_UNKNOWN'
  | 'CATEGORY_UNKNOWN'
  | 'CURRENCY_MISSING'
  | 'CURRENCY_UNKNOWN'
  | 'LOCALE_UNKNOWN'
  | 'NAME_MISSING'
  | 'PRICE_MISSING'
  | 'PRICE_NEGATIVE'
  | 'PRICE_NOT_A_NUMBER'
  | 'PRICE_TOO_PRECISE'
  | 'PROMOTED_UNKNOWN'
  | 'SKU_DUPLICATE'
  | 'SKU_INVALID'
  | 'SKU_MISSING'
  | 'URL_INVALID'

/** A SKU is what purchase and view events name as `product`: printable, no spaces, at most 100 characters. */
const SKU = /^[\p{L}\p{N}._:/#+-]{1,100}$/u

export function skuProblem(value: unknown): null | ProductProblem {
  if (value == null || value === '') return 'SKU_MISSING'
  return typeof value === 'string' && SKU.test(value) ? null : 'SKU_INVALID'
}

let currencies: Set<string> | undefined
/** ISO 4217 codes as the runtime knows them (Intl); a made-up "EUX" is unknown. */
export const isCurrency = (value: unknown): value is string =>
  typeof value === 'string' &&
  (currencies ??= new Set(
    (Intl as { supportedValuesOf(key: 'currency'): string[] }).supportedValuesOf('currency'),
  )).has(value)

export function currencyProblem(value: unknown): null | ProductProblem {
  if (value == null || value === '') return 'CURRENCY_MISSING'
  return isCurrency(value) ? null : 'CURRENCY_UNKNOWN'
}

/** The minor-unit digits of a currency: 2 for EUR, 0 for JPY. */
export const currencyDecimals = (currency: string): number =>
  new Intl.NumberFormat('en', { currency, style: 'currency' }).resolvedOptions().maximumFractionDigits ?? 2

/** A price in major units (12.5 EUR), never more precise than its currency's minor unit. */
export function priceProblem(value: unknown, currency: unknown): null | ProductProblem {
  if (value == null || value === '') return 'PRICE_MISSING'
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'PRICE_NOT_A_NUMBER'
  if (value < 0) return 'PRICE_NEGATIVE'
  if (!isCurrency(currency)) return null
  const scaled = value * 10 ** currencyDecimals(currency)
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 ? null : 'PRICE_TOO_PRECISE'
}

/** A product page: http(s) only (a `javascript:` link must never reach a mail). Empty is allowed. */
export function urlProblem(value: unknown): null | ProductProblem {
  if (value == null || value === '') return null
  try {
    const url = new URL(String(value))
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'URL_INVALID'
  } catch {
    return 'URL_INVALID'
  }
}

export const isAvailability = (value: unknown): value is Availability =>
  (AVAILABILITIES as readonly unknown[]).includes(value)

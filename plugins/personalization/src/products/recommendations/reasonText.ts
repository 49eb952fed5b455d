import type { ShippedLanguage } from '../../i18n/translations'
import type { ProductReason } from './strategies'

import { texts } from '../../translations'

/** Display names for a reason's keys: interests by id, products by SKU. */
export type ProductReasonNames = { interests: Map<string, string>; products: Map<string, string> }

/**
 * The sentence next to a recommended product, like the engine's block reasons: German first,
 * numbers and dates as the language writes them.
 */
export function productReasonText(reason: ProductReason, language: ShippedLanguage, names: ProductReasonNames): string {
  const number = (value: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value)
  const list = (items: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(items)
  const interest = (id: string) => names.interests.get(id) ?? id
  switch (reason.code) {
    case 'also_bought':
      return texts('kontorwerk-personalization:reasonProductAlsoBought', {
        lift: number(reason.lift),
        product: names.products.get(reason.product) ?? reason.product,
        support: number(reason.support),
      })[language]
    case 'in_cart':
      return texts('kontorwerk-personalization:reasonProductInCart')[language]
    case 'personal': {
      const matches = [...new Set([...reason.purchasedCategories, ...reason.interests])].map(interest)
      return matches.length
        ? texts('kontorwerk-personalization:reasonProductPersonal', { matches: list(matches) })[language]
        : texts('kontorwerk-personalization:reasonProductPersonalPromoted')[language]
    }
    case 'promoted':
      return texts('kontorwerk-personalization:reasonProductPersonalPromoted')[language]
    case 'recently_viewed':
      return texts('kontorwerk-personalization:reasonProductRecentlyViewed', {
        date: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
          new Date(reason.viewedAt),
        ),
      })[language]
    case 'trending':
      return reason.interest
        ? texts('kontorwerk-personalization:reasonProductTrendingInterest', {
            count: number(reason.count),
            days: reason.days,
            interest: interest(reason.interest),
          })[language]
        : texts('kontorwerk-personalization:reasonProductTrending', { count: number(reason.count), days: reason.days })[
            language
          ]
  }
}

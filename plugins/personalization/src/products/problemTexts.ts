import type { ProductProblem } from './rules'

import { type PersonalizationTranslationKey } from '../translations'

/** The words for each product problem code, in the admin form and in the feed report. */
export const PRODUCT_PROBLEM_TEXTS: Record<ProductProblem, PersonalizationTranslationKey> = {
  AVAILABILITY_UNKNOWN: 'kontorwerk-personalization:productProblemAvailabilityUnknown',
  CATEGORY_UNKNOWN: 'kontorwerk-personalization:productProblemCategoryUnknown',
  CURRENCY_MISSING: 'kontorwerk-personalization:productProblemCurrencyMissing',
  CURRENCY_UNKNOWN: 'kontorwerk-personalization:productProblemCurrencyUnknown',
  LOCALE_UNKNOWN: 'kontorwerk-personalization:productProblemLocaleUnknown',
  NAME_MISSING: 'kontorwerk-personalization:productProblemNameMissing',
  PRICE_MISSING: 'kontorwerk-personalization:productProblemPriceMissing',
  PRICE_NEGATIVE: 'kontorwerk-personalization:productProblemPriceNegative',
  PRICE_NOT_A_NUMBER: 'kontorwerk-personalization:productProblemPriceNotANumber',
  PRICE_TOO_PRECISE: 'kontorwerk-personalization:productProblemPriceTooPrecise',
  PROMOTED_UNKNOWN: 'kontorwerk-personalization:productProblemPromotedUnknown',
  SKU_DUPLICATE: 'kontorwerk-personalization:productProblemSkuDuplicate',
  SKU_INVALID: 'kontorwerk-personalization:productProblemSkuInvalid',
  SKU_MISSING: 'kontorwerk-personalization:productProblemSkuMissing',
  URL_INVALID: 'kontorwerk-personalization:productProblemUrlInvalid',
}

import type { Payload, PayloadRequest } from 'payload'

import type { RecommendationSlotRow } from '../../documents'
import type { Taxonomy } from '../../engine/context/taxonomy'
import type { PersonalizationContext } from '../../engine/types'
import type { ShippedLanguage } from '../../i18n/translations'
import type { ExtraSection } from '../../rendering/email/renderNewsletter'
import type { PurchaseModel } from './purchaseModel'

import { reasonLabelsFor } from '../../engine/explanation/reasonLabels'
import { explanationLanguage } from '../../engine/explanation/reasonText'
import { personalizationOptions } from '../../extensions'
import { texts } from '../../translations'
import { relationKeys } from '../../utilities/relation'
import { openCarts } from './carts'
import { catalogsOf, productViews, purchaseModelOf } from './load'
import { productReasonText } from './reasonText'
import { formatPrice, productGridHtml, productGridMjml, productGridText } from './render'
import { type CatalogProduct, type ProductReason, recommend, type RecommendedSlot } from './strategies'

/** Customers who must have bought both products before "also bought" pairs them. */
export const MIN_SUPPORT = 3

/** A recommended product as frontends get it (GraphQL `recommendations`): display data and the reason in words. */
export type RecommendedProductResult = {
  currency: string
  image: RecommendedSlot['products'][number]['product']['image']
  name: string
  price: number
  priceFormatted: string
  reason: ProductReason & { text: string }
  sku: string
  url: null | string
}

export type RecommendationResult = {
  heading: string
  key: string
  products: RecommendedProductResult[]
  strategy: string
}

export type DocumentRecommendations = {
  /** Grids for the newsletter's MJML (empty slots left out). */
  emailSections: ExtraSection[]
  /** Grids for the landing page's HTML. */
  html: string
  results: RecommendationResult[]
}

const NONE: DocumentRecommendations = { emailSections: [], html: '', results: [] }
/** One empty catalog for a language without one: recommendations index a catalog per array, so not a new one per reader. */
const NO_PRODUCTS: CatalogProduct[] = []

/** What every reader's recommendations are chosen from, loaded once (per send, per request). */
export type RecommendationState = { catalogs: Map<string, CatalogProduct[]>; model: PurchaseModel }

export async function recommendationState(payload: Payload): Promise<RecommendationState> {
  const [catalogs, model] = await Promise.all([catalogsOf(payload), purchaseModelOf(payload)])
  return { catalogs, model }
}

export type ReaderRecommendationInput = {
  at: Date
  /** The SKUs of the reader's open cart (strategy `cart`). */
  cart?: string[]
  /** Interests and purchases: the engine's context of the reader. */
  context: Pick<PersonalizationContext, 'interests' | 'purchases'>
  guardDays: number
  language: string
  /** The reader's own locale (de-AT): it writes the prices where it is a variant of the document's language. */
  readerLocale?: null | string
  /** The language of the reasons' sentences and the names in them (interest id → label); slugs without. */
  reasons?: { interestNames: Map<string, string>; language: ShippedLanguage }
  rows: null | RecommendationSlotRow[] | undefined
  /** Null: an anonymous reader. */
  subscriber: null | string
  taxonomy: Pick<Taxonomy, 'interestAncestors' | 'interestSlugById'>
  views: { at: Date; product: string }[]
}

/** One reader's recommendation slots from the loaded state, without a database read: per recipient of a send. */
export function recommendationsFor(
  state: RecommendationState,
  input: ReaderRecommendationInput,
): DocumentRecommendations {
  const { language, rows } = input
  if (!rows?.length) return NONE
  const catalog = state.catalogs.get(language) ?? NO_PRODUCTS
  const slots = recommend({
    catalog,
    guardDays: input.guardDays,
    interestAncestors: input.taxonomy.interestAncestors,
    language,
    minSupport: MIN_SUPPORT,
    model: state.model,
    now: input.at,
    reader: {
      anonymous: input.subscriber == null,
      cart: input.cart,
      interests: input.context.interests,
      purchases: input.context.purchases,
      views: input.views,
    },
    slots: rows.map((row) => ({
      buttonLabel: row.buttonLabel,
      categories: relationKeys(row.categories ?? []),
      count: row.count,
      heading: row.heading,
      key: row.key,
      strategy: row.strategy,
    })),
  }).filter((slot) => slot.products.length > 0)

  const reasonLanguage = input.reasons?.language ?? 'de'
  // The product names for the reasons' sentences: a map of the whole catalog, built only when the results are read.
  const names = () => ({
    interests: input.reasons?.interestNames ?? input.taxonomy.interestSlugById,
    products: new Map(catalog.map((product) => [product.sku, product.name])),
  })
  const button = texts('kontorwerk-personalization:recommendationButtonDefault')[language === 'de' ? 'de' : 'en']
  const locale = input.readerLocale?.startsWith(language) ? input.readerLocale : language
  // A send needs the email grids only; the page's HTML and the results (with their reasons'
  // sentences) are built when a page or the API reads them, not for each of a send's recipients.
  let html: string | undefined
  let results: RecommendationResult[] | undefined
  return {
    emailSections: slots.map((slot) => ({
      ...productGridMjml(slot, { button, locale }),
      text: productGridText(slot, { locale }),
    })),
    get html() {
      return (html ??= slots.map((slot) => productGridHtml(slot, { button, locale })).join('\n'))
    },
    get results() {
      const named = names()
      return (results ??= slots.map((slot) => ({
        heading: slot.heading,
        key: slot.key,
        products: slot.products.map(({ product, reason }) => ({
          currency: product.currency,
          image: product.image,
          name: product.name,
          price: product.price,
          priceFormatted: formatPrice(product.price, product.currency, locale),
          reason: { ...reason, text: productReasonText(reason, reasonLanguage, named) },
          sku: product.sku,
          url: product.url,
        })),
        strategy: slot.strategy,
      })))
    },
  }
}

/**
 * The recommendation slots of one document for one reader of a request (preview, GraphQL, landing
 * page): the reader's product views read for them, the reasons in the caller's admin language.
 */
export async function documentRecommendations(
  req: PayloadRequest,
  input: Omit<ReaderRecommendationInput, 'cart' | 'guardDays' | 'reasons' | 'views'>,
): Promise<DocumentRecommendations> {
  if (!input.rows?.length) return NONE
  const language = explanationLanguage(req.i18n?.language)
  const [state, views, carts, labels] = await Promise.all([
    recommendationState(req.payload),
    input.subscriber ? productViews(req.payload, [input.subscriber], input.at) : new Map(),
    input.subscriber && input.rows.some((row) => row.strategy === 'cart')
      ? openCarts(req.payload, [input.subscriber], input.at)
      : new Map(),
    reasonLabelsFor(req, language),
  ])
  const interestNames = new Map(
    [...input.taxonomy.interestSlugById].map(([id, slug]) => [id, labels.interests.get(slug) ?? slug] as const),
  )
  return recommendationsFor(state, {
    ...input,
    cart: (input.subscriber && carts.get(input.subscriber)?.products) || undefined,
    guardDays: personalizationOptions(req.payload).discountGuardDays,
    reasons: { interestNames, language },
    views: (input.subscriber && views.get(input.subscriber)) || [],
  })
}

import type { Payload, PayloadRequest } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction, ValidationError } from 'payload'

import { PRODUCTS_SLUG } from '../../collections/Products'
import { DEFAULT_LOCALE } from '../../i18n/locales'
import { message } from '../../translations'
import { PRODUCT_PROBLEM_TEXTS } from '../problemTexts'
import { invalidateCatalogs } from '../recommendations/load'
import { feedProducts, type ProductData, type RowProblem } from './feedRows'
import { type FeedFormat, FeedStructureError, type FeedStructureProblem, parseFeed } from './parseFeed'

export type FeedReport = {
  created: number
  /** Every row problem with the row number; non-empty means nothing was stored. */
  errors: (RowProblem & { message: string })[]
  /** `rejected`: the feed was refused as a whole (structure or row errors); nothing was stored. */
  status: 'imported' | 'rejected'
  /** Why the whole feed was refused before rows were looked at. */
  structure?: { code: FeedStructureProblem; message: string }
  unchanged: number
  updated: number
}

type MessagesIn = Partial<Pick<PayloadRequest, 'i18n'>> | undefined

type Stored = ProductData & { id: number | string }

const EMPTY = { created: 0, unchanged: 0, updated: 0 }

/** The fields the import owns; what an editor set elsewhere (an uploaded image) stays. */
const sameProduct = (stored: Stored, next: ProductData) =>
  stored.name === next.name &&
  stored.price === next.price &&
  stored.currency === next.currency &&
  (stored.url ?? null) === next.url &&
  (stored.imageUrl ?? null) === next.imageUrl &&
  stored.availability === next.availability &&
  Boolean(stored.promoted) === next.promoted &&
  (stored.locale ?? null) === next.locale &&
  (stored.categories ?? []).map(String).join() === next.categories.map(String).join()

/**
 * A product feed into the catalog, all or nothing: a feed that is not readable, lacks a column or has
 * a single bad row stores nothing and reports every problem with its row; a good one creates new SKUs,
 * updates changed ones and leaves unchanged ones untouched (idempotent: the same feed twice changes nothing).
 * Products missing from the feed stay as they are (a partial feed is common). Names are written in `language`.
 */
export async function importFeed(
  payload: Payload,
  { format, language = DEFAULT_LOCALE, text }: { format: FeedFormat; language?: string; text: string },
  messagesIn?: MessagesIn,
): Promise<FeedReport> {
  let rows
  try {
    rows = parseFeed(text, format)
  } catch (error) {
    if (!(error instanceof FeedStructureError)) throw error
    return { ...EMPTY, errors: [], status: 'rejected', structure: { code: error.code, message: error.message } }
  }
  const interests = await payload.find({ collection: 'interests', depth: 0, limit: 0, pagination: false })
  const interestIdBySlug = new Map(interests.docs.map((doc) => [String(doc.slug), doc.id]))
  const { problems, products } = feedProducts(rows, interestIdBySlug)
  if (problems.length) return rejected(problems, messagesIn)

  const existing = await storedBySku(
    payload,
    products.map((product) => product.sku),
    language,
  )
  const req = await createLocalReq({ locale: language }, payload)
  await initTransaction(req)
  const report = { ...EMPTY }
  // Everything from the first write to the last in one transaction: a failure in between stores nothing.
  let current: (ProductData & { row: number }) | undefined
  try {
    for (const { row, ...product } of products) {
      current = { ...product, row }
      const stored = existing.get(product.sku)
      if (stored && sameProduct(stored, product)) {
        report.unchanged++
        continue
      }
      const data = { ...product, source: 'feed' }
      const target = { collection: PRODUCTS_SLUG as never, data: data as never, locale: language as never, req }
      if (stored) await payload.update({ ...target, id: stored.id })
      else await payload.create(target)
      report[stored ? 'updated' : 'created']++
    }
    await commitTransaction(req)
    // The rows' hooks invalidated the catalog inside the transaction: a read meanwhile loaded the old one again.
    invalidateCatalogs(payload)
  } catch (error) {
    await killTransaction(req)
    // A rule only the database knows (a SKU taken meanwhile by another writer): the row it failed on, nothing stored.
    const taken = error instanceof ValidationError && error.data.errors.some((fieldError) => fieldError.path === 'sku')
    if (taken && current)
      return rejected([{ code: 'SKU_DUPLICATE', field: 'sku', row: current.row, value: current.sku }], messagesIn)
    throw error
  }
  return { ...report, errors: [], status: 'imported' }
}

/** Row problems with their words in the caller's admin language (German without one). */
function rejected(problems: RowProblem[], messagesIn: MessagesIn): FeedReport {
  return {
    ...EMPTY,
    errors: problems.map((problem) => ({
      ...problem,
      message: message(messagesIn, PRODUCT_PROBLEM_TEXTS[problem.code]),
    })),
    status: 'rejected',
  }
}

async function storedBySku(payload: Payload, skus: string[], language: string): Promise<Map<string, Stored>> {
  const found = new Map<string, Stored>()
  for (let start = 0; start < skus.length; start += 1000) {
    const { docs } = await payload.find({
      collection: PRODUCTS_SLUG as 'interests',
      depth: 0,
      // The names in the feed's language exactly: another language's name must not count as "unchanged".
      fallbackLocale: false as never,
      locale: language as never,
      pagination: false,
      where: { sku: { in: skus.slice(start, start + 1000) } },
    })
    for (const doc of docs as unknown as Stored[]) found.set(doc.sku, doc)
  }
  return found
}

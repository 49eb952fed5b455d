import type { CatalogProduct, RecommendedSlot } from './strategies'

import { sectionMarker } from '../../rendering/email/renderNewsletter'
import { escapeHtml } from '../../rendering/html'

const priceFormats = new Map<string, Intl.NumberFormat>()

/**
 * A product's price as the reader's locale writes it: "249,00 €" (de), "€ 249,00" (de-AT), "€249.00"
 * (en). One formatter per locale and currency: building one costs more than a whole grid's text.
 */
export function formatPrice(price: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`
  let format = priceFormats.get(key)
  if (!format) priceFormats.set(key, (format = new Intl.NumberFormat(locale, { currency, style: 'currency' })))
  return format.format(price)
}

/**
 * Feed text in a document whose HTML and text are Liquid templates: braces as entities (HTML) or
 * spaced (text), so a product named "{{ subscriber.email }}" is shown as written, never evaluated.
 */
const inert = (value: string) => escapeHtml(value).replace(/[{}%]/g, (c) => `&#${c.charCodeAt(0)};`)
// Lookaheads, so every brace of a run ("{{{") is spaced: consuming the pair would leave "{ {{".
const inertText = (value: string) => value.replace(/\{(?=[{%])/g, '{ ').replace(/([}%])(?=\})/g, '$1 ')

const rows = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size))

export type GridTexts = { button: string; locale: string }

/** A product's texts in a mail, escaped and inert: `text` is its line in the text part. */
type MailTexts = {
  alt: null | string
  href: null | string
  name: string
  price: string
  src: null | string
  text: string
}
const mailTexts = new WeakMap<CatalogProduct, Map<string, MailTexts>>()

/** Once per loaded product and locale, not per reader: a send shows the same products to many. */
function mailTextsOf(product: CatalogProduct, locale: string): MailTexts {
  let byLocale = mailTexts.get(product)
  if (!byLocale) mailTexts.set(product, (byLocale = new Map()))
  let texts = byLocale.get(locale)
  if (!texts) {
    const price = formatPrice(product.price, product.currency, locale)
    texts = {
      alt: product.image && inert(product.image.alt),
      href: product.url && inert(product.url),
      name: inert(product.name),
      price: inert(price),
      src: product.image && inert(product.image.url),
      text: [`- ${inertText(product.name)}: ${price}`, product.url && `  ${inertText(product.url)}`]
        .filter(Boolean)
        .join('\n'),
    }
    byLocale.set(locale, texts)
  }
  return texts
}

/**
 * One recommendation slot as MJML: its heading, then two products a row (one per row on phones, as
 * MJML stacks columns). The products' own texts stand as markers (`sectionMarker`) with their
 * values beside, so the MJML (a few milliseconds) compiles once per grid shape — products with or
 * without image and link, the heading, the label — and each reader's products are filled into the
 * compiled HTML. Values are already HTML-safe and inert to Liquid.
 */
export function productGridMjml(
  slot: RecommendedSlot,
  { button, locale }: GridTexts,
): { mjml: string; values: Record<string, string> } {
  const label = inert(slot.buttonLabel || button)
  const values: Record<string, string> = {}
  const marker = (index: number, name: string, value: string) => {
    const key = `P${index}_${name}`
    values[key] = value
    return sectionMarker(key)
  }
  const cell = ({ product }: RecommendedSlot['products'][number], index: number) => {
    const texts = mailTextsOf(product, locale)
    const href = texts.href ? marker(index, 'HREF', texts.href) : ''
    const image =
      texts.src !== null && texts.alt !== null
        ? `<mj-image src="${marker(index, 'SRC', texts.src)}" alt="${marker(index, 'ALT', texts.alt)}"${href ? ` href="${href}"` : ''} padding="0 0 8px" />`
        : ''
    const cta = href ? `<mj-button href="${href}" align="left">${label}</mj-button>` : ''
    return `<mj-column width="50%" padding="0 6px">${image}<mj-text font-weight="bold" padding="0 0 4px">${marker(index, 'NAME', texts.name)}</mj-text><mj-text padding="0 0 8px">${marker(index, 'PRICE', texts.price)}</mj-text>${cta}</mj-column>`
  }
  const mjml = [
    `<mj-section padding="24px 24px 8px"><mj-column><mj-text font-size="20px" font-weight="bold">${inert(slot.heading)}</mj-text></mj-column></mj-section>`,
    ...rows(
      slot.products.map((product, index) => cell(product, index)),
      2,
    ).map((row) => `<mj-section padding="0 18px 16px">${row.join('')}</mj-section>`),
  ].join('\n')
  return { mjml, values }
}

/** The grid in a mail's text part: heading, then name, price and address per product. */
export function productGridText(slot: RecommendedSlot, { locale }: Pick<GridTexts, 'locale'>): string {
  return [inertText(slot.heading), ...slot.products.map(({ product }) => mailTextsOf(product, locale).text)].join('\n')
}

/** The grid on a landing page: a list of product cards (server-rendered, no script). */
export function productGridHtml(slot: RecommendedSlot, { button, locale }: GridTexts): string {
  const label = escapeHtml(slot.buttonLabel || button)
  const card = ({ product }: RecommendedSlot['products'][number]) =>
    `<li class="product" data-sku="${escapeHtml(product.sku)}">${product.image ? `<img src="${escapeHtml(product.image.url)}" alt="${escapeHtml(product.image.alt)}" loading="lazy">` : ''}<h3>${escapeHtml(product.name)}</h3><p class="price">${escapeHtml(formatPrice(product.price, product.currency, locale))}</p>${product.url ? `<a class="cta" href="${escapeHtml(product.url)}">${label}</a>` : ''}</li>`
  return `<section class="recommendations recommendations-${escapeHtml(slot.key)}" aria-label="${escapeHtml(slot.heading)}"><h2>${escapeHtml(slot.heading)}</h2><ul>${slot.products.map(card).join('')}</ul></section>`
}

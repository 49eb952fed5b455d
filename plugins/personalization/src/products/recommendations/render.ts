import type { RecommendedSlot } from './strategies'

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
    const href = product.url ? marker(index, 'HREF', inert(product.url)) : ''
    const image = product.image
      ? `<mj-image src="${marker(index, 'SRC', inert(product.image.url))}" alt="${marker(index, 'ALT', inert(product.image.alt))}"${href ? ` href="${href}"` : ''} padding="0 0 8px" />`
      : ''
    const cta = href ? `<mj-button href="${href}" align="left">${label}</mj-button>` : ''
    return `<mj-column width="50%" padding="0 6px">${image}<mj-text font-weight="bold" padding="0 0 4px">${marker(index, 'NAME', inert(product.name))}</mj-text><mj-text padding="0 0 8px">${marker(index, 'PRICE', inert(formatPrice(product.price, product.currency, locale)))}</mj-text>${cta}</mj-column>`
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
  return [
    inertText(slot.heading),
    ...slot.products.map(({ product }) =>
      [
        `- ${inertText(product.name)}: ${formatPrice(product.price, product.currency, locale)}`,
        product.url && `  ${inertText(product.url)}`,
      ]
        .filter(Boolean)
        .join('\n'),
    ),
  ].join('\n')
}

/** The grid on a landing page: a list of product cards (server-rendered, no script). */
export function productGridHtml(slot: RecommendedSlot, { button, locale }: GridTexts): string {
  const label = escapeHtml(slot.buttonLabel || button)
  const card = ({ product }: RecommendedSlot['products'][number]) =>
    `<li class="product" data-sku="${escapeHtml(product.sku)}">${product.image ? `<img src="${escapeHtml(product.image.url)}" alt="${escapeHtml(product.image.alt)}" loading="lazy">` : ''}<h3>${escapeHtml(product.name)}</h3><p class="price">${escapeHtml(formatPrice(product.price, product.currency, locale))}</p>${product.url ? `<a class="cta" href="${escapeHtml(product.url)}">${label}</a>` : ''}</li>`
  return `<section class="recommendations recommendations-${escapeHtml(slot.key)}" aria-label="${escapeHtml(slot.heading)}"><h2>${escapeHtml(slot.heading)}</h2><ul>${slot.products.map(card).join('')}</ul></section>`
}

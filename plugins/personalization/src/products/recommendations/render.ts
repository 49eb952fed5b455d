import type { RecommendedSlot } from './strategies'

import { escapeHtml } from '../../rendering/html'

/** A product's price as the reader's locale writes it: "249,00 €" (de), "€ 249,00" (de-AT), "€249.00" (en). */
export const formatPrice = (price: number, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { currency, style: 'currency' }).format(price)

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

/** One recommendation slot as MJML: its heading, then two products a row (one per row on phones, as MJML stacks columns). */
export function productGridMjml(slot: RecommendedSlot, { button, locale }: GridTexts): string {
  const label = inert(slot.buttonLabel || button)
  const cell = ({ product }: RecommendedSlot['products'][number]) => {
    const href = product.url ? inert(product.url) : ''
    const image = product.image
      ? `<mj-image src="${inert(product.image.url)}" alt="${inert(product.image.alt)}"${href ? ` href="${href}"` : ''} padding="0 0 8px" />`
      : ''
    const cta = href ? `<mj-button href="${href}" align="left">${label}</mj-button>` : ''
    return `<mj-column width="50%" padding="0 6px">${image}<mj-text font-weight="bold" padding="0 0 4px">${inert(product.name)}</mj-text><mj-text padding="0 0 8px">${inert(formatPrice(product.price, product.currency, locale))}</mj-text>${cta}</mj-column>`
  }
  return [
    `<mj-section padding="24px 24px 8px"><mj-column><mj-text font-size="20px" font-weight="bold">${inert(slot.heading)}</mj-text></mj-column></mj-section>`,
    ...rows(slot.products, 2).map((row) => `<mj-section padding="0 18px 16px">${row.map(cell).join('')}</mj-section>`),
  ].join('\n')
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

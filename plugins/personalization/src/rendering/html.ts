const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' }

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c])

const LIQUID = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/g

/** Escapes text for HTML but leaves Liquid tokens intact, so they are rendered (and escaped) per reader. */
export const escapeHtmlKeepingLiquid = (value: string) =>
  value
    .split(LIQUID)
    .map((part, index) => (index % 2 === 1 ? part : escapeHtml(part)))
    .join('')

const DECODE: Record<string, string> = { '&#39;': "'", '&amp;': '&', '&gt;': '>', '&lt;': '<', '&quot;': '"' }

/** Undoes HTML escaping inside Liquid tokens of already-escaped HTML (e.g. rich text output). */
export const restoreLiquidTokens = (html: string) =>
  html.replace(LIQUID, (token) => token.replace(/&(#39|amp|gt|lt|quot);/g, (entity) => DECODE[entity]))

/** Links and images in mail must be absolute; relative ones get the public base URL (option `publicUrl`). */
export function absoluteUrl(url: string, base: string): string {
  if (/^(https?:|mailto:|tel:|\{\{)/i.test(url)) return url
  return `${base}${url.startsWith('/') ? '' : '/'}${url}`
}

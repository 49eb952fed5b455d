import type { BlockContent } from '../../engine/blockLibrary'

import { escapeHtml, escapeHtmlKeepingLiquid } from '../html'
import { renderTokens, type TokenContext } from '../tokens/liquid'

export type LandingPageSource = {
  hero: { headline: string; image?: { alt: string; url: string } | null; subline?: null | string }
  seo?: { description?: null | string; noIndex?: boolean | null; title?: null | string } | null
  slug: string
  title: string
}

export type LandingSection = { blocks: BlockContent[]; key: string; label: string }

/** One block as an HTML fragment for frontends that embed rendered content. */
export function blockHtml(block: BlockContent, tokens: TokenContext): string {
  const image = block.image
    ? `<img src="${escapeHtml(block.image.webUrl)}" alt="${escapeHtml(block.image.alt)}"${block.image.width ? ` width="${block.image.width}"` : ''} loading="lazy">`
    : ''
  const cta = block.cta
    ? `<a class="cta" href="${escapeHtmlKeepingLiquid(block.cta.url)}">${escapeHtmlKeepingLiquid(block.cta.label)}</a>`
    : ''
  const source = `<article class="block" data-block="${escapeHtml(block.id)}">${image}<h2>${escapeHtmlKeepingLiquid(block.title)}</h2><div class="body">${block.bodyHtml}</div>${cta}</article>`
  return renderTokens(source, tokens, 'html')
}

export function sectionHtml(section: LandingSection, tokens: TokenContext): string {
  return `<section class="slot slot-${escapeHtml(section.key)}" aria-label="${escapeHtml(section.label)}">${section.blocks.map((block) => blockHtml(block, tokens)).join('')}</section>`
}

/** A complete, accessible HTML document for the page (server-rendered, no script). */
export function landingPageHtml(
  page: LandingPageSource,
  sections: LandingSection[],
  tokens: TokenContext,
  language: string = tokens.subscriber.locale,
  /** Rendered for this reader after the sections (product recommendations), not a template. */
  afterSections = '',
): string {
  const title = escapeHtml(page.seo?.title || page.title)
  const headline = renderTokens(escapeHtmlKeepingLiquid(page.hero.headline), tokens, 'html')
  const subline = page.hero.subline
    ? `<p class="subline">${renderTokens(escapeHtmlKeepingLiquid(page.hero.subline), tokens, 'html')}</p>`
    : ''
  const heroImage = page.hero.image
    ? `<img src="${escapeHtml(page.hero.image.url)}" alt="${escapeHtml(page.hero.image.alt)}">`
    : ''
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${page.seo?.description ? `<meta name="description" content="${escapeHtml(page.seo.description)}">` : ''}
${page.seo?.noIndex ? '<meta name="robots" content="noindex">' : ''}
</head>
<body>
<header class="hero">${heroImage}<h1>${headline}</h1>${subline}</header>
<main>${sections.map((section) => sectionHtml(section, tokens)).join('\n')}${afterSections}</main>
</body>
</html>`
}

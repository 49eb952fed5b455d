import { escapeHtml } from '@kontorwerk/personalization'

import { page, type PageContext } from './page'

/** What the engine assembled for the reader (personalizedLandingPage), as far as the page shows it. */
export type AssembledLandingPage = {
  headline: string
  heroImage: { alt: string; url: string } | null
  noIndex: boolean
  sections: { blocks: { html: string }[]; key: string; label: string }[]
  seoDescription: null | string
  seoTitle: string
  subline: null | string
}

/**
 * A landing page in the brand's frame: the hero as h1, each slot a labelled section of block
 * articles (their h2, text and call to action rendered by the core for this reader).
 */
export function landingPage({ lang }: Pick<PageContext, 'lang'>, assembled: AssembledLandingPage): string {
  const image = assembled.heroImage
    ? `<img src="${escapeHtml(assembled.heroImage.url)}" alt="${escapeHtml(assembled.heroImage.alt)}">`
    : ''
  const sections = assembled.sections
    .map(
      (section) =>
        `<section class="slot slot-${escapeHtml(section.key)}" aria-label="${escapeHtml(section.label)}">${section.blocks.map((block) => block.html).join('')}</section>`,
    )
    .join('\n')
  const head = [
    assembled.seoDescription ? `<meta name="description" content="${escapeHtml(assembled.seoDescription)}">` : '',
  ].join('')
  return page({
    body: `${image}${assembled.subline ? `<p class="subline">${escapeHtml(assembled.subline)}</p>` : ''}\n${sections}`,
    head,
    heading: escapeHtml(assembled.headline),
    lang,
    title: assembled.seoTitle,
  })
}

/** An unknown slug: a page that says so in the reader's words, with a way on. */
export const landingPageNotFound = ({ lang }: Pick<PageContext, 'lang'>) =>
  page({
    body:
      lang === 'de'
        ? '<p>Diese Seite gibt es nicht (mehr). Vielleicht wurde sie umbenannt oder die Aktion ist beendet.</p>'
        : '<p>This page does not exist (any more). It may have been renamed, or the campaign has ended.</p>',
    lang,
    title: lang === 'de' ? 'Seite nicht gefunden' : 'Page not found',
  })

/** A link whose context names something unknown (e.g. `?interest=` of a deleted interest). */
export const landingPageBadLink = ({ lang }: Pick<PageContext, 'lang'>) =>
  page({
    body:
      lang === 'de'
        ? '<p>Dieser Link ist fehlerhaft. Bitte prüfen Sie die Adresse.</p>'
        : '<p>This link is malformed. Please check the address.</p>',
    lang,
    title: lang === 'de' ? 'Link fehlerhaft' : 'Malformed link',
  })

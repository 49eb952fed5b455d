import { escapeHtml } from '@kontorwerk/personalization'

import type { Brand } from '../globals/Branding'

const BRAND = {
  accent: '%%BRAND_ACCENT%%',
  footer: '%%BRAND_FOOTER%%',
  header: '%%BRAND_HEADER%%',
  name: '%%BRAND_NAME%%',
  primary: '%%BRAND_PRIMARY%%',
}

/** Fills a page's brand places from the Branding global (pages are written once, branded per response). */
export function applyBrand(html: string, brand: Brand): string {
  const name = escapeHtml(brand.companyName)
  const header = brand.logo
    ? `<img src="${escapeHtml(brand.logo.url)}" alt="${escapeHtml(brand.logo.alt || brand.companyName)}" height="40">`
    : name
  return html
    .replaceAll(BRAND.primary, brand.primaryColor)
    .replaceAll(BRAND.accent, brand.accentColor)
    .replaceAll(BRAND.header, header)
    .replaceAll(BRAND.name, name)
    .replaceAll(BRAND.footer, escapeHtml(brand.footer))
    .replace(LEGAL_PLACE, (_place, lang: 'de' | 'en') => legalLinks(brand, lang))
    .replaceAll(PRIVACY_LINK.start, brand.privacyUrl ? `<a href="${escapeHtml(brand.privacyUrl)}">` : '')
    .replaceAll(PRIVACY_LINK.end, brand.privacyUrl ? '</a>' : '')
}

/** The footer's place for the legal links, written with the page's language. */
const legalPlace = (lang: 'de' | 'en') => `%%BRAND_LEGAL_${lang}%%`
const LEGAL_PLACE = /%%BRAND_LEGAL_(de|en)%%/g

const LEGAL_WORDS = {
  de: { imprint: 'Impressum', nav: 'Rechtliches', privacy: 'Datenschutzerklärung' },
  en: { imprint: 'Imprint', nav: 'Legal', privacy: 'Privacy policy' },
}

/** Privacy policy and imprint from the Branding global as real links (production serves no page without them). */
function legalLinks(brand: Brand, lang: 'de' | 'en'): string {
  const words = LEGAL_WORDS[lang]
  const links = [
    brand.privacyUrl && `<a href="${escapeHtml(brand.privacyUrl)}" data-legal="privacy">${words.privacy}</a>`,
    brand.imprintUrl && `<a href="${escapeHtml(brand.imprintUrl)}" data-legal="imprint">${words.imprint}</a>`,
  ].filter(Boolean)
  return links.length ? `<nav class="legal" aria-label="${words.nav}">${links.join(' · ')}</nav>` : ''
}

/** Around words of a text that name the privacy policy (the sign-up form's consent text): a link to it once set. */
export const PRIVACY_LINK = { end: '%%PRIVACY_LINK_END%%', start: '%%PRIVACY_LINK_START%%' }

/**
 * What every page is written for: the reader's language, and the path the pages are served under
 * (the path of the option `pagesUrl`: '/api' by default, '' in the reference app), which their
 * links and forms start with. Relative to the origin: a page works under any host name it is reached by.
 */
/** `locale`: the reader locale the request asked for as given (e.g. `de-AT`), kept for what the page posts on. */
export type PageContext = { lang: 'de' | 'en'; locale?: string; pages: string }

/**
 * A server-rendered public page in the brand colours: no JavaScript, visible focus, contrast above
 * WCAG AA, one h1, landmarks.
 */
export function page({
  body,
  head = '',
  heading,
  lang,
  title,
}: {
  body: string
  /** More of the head (a landing page's description). */
  head?: string
  /** The h1 as HTML, when it is not the title (a landing page's headline). */
  heading?: string
  lang: 'de' | 'en'
  title: string
}): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – ${BRAND.name}</title>
${head}<style>
  body { margin: 0; font: 16px/1.5 Helvetica, Arial, sans-serif; color: #1f2933; background: #f3f5f7; }
  header { background: ${BRAND.primary}; color: #fff; padding: 16px 24px; font-weight: 700; font-size: 20px; }
  main { max-width: 640px; margin: 24px auto; background: #fff; padding: 24px; border-radius: 4px; }
  h1 { font-size: 24px; margin-top: 0; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input[type=email], input[type=text], input[type=date], select { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #52606d; border-radius: 4px; font: inherit; }
  fieldset { border: 1px solid #cbd2d9; border-radius: 4px; margin: 16px 0; padding: 8px 16px; }
  legend { font-weight: 600; padding: 0 4px; }
  .check { display: flex; gap: 8px; align-items: flex-start; margin: 8px 0; font-weight: 400; }
  .check input { margin-top: 4px; }
  button { background: ${BRAND.primary}; color: #fff; border: 0; border-radius: 4px; padding: 10px 18px; font: inherit; cursor: pointer; }
  button.secondary { background: #fff; color: ${BRAND.primary}; border: 1px solid ${BRAND.primary}; }
  :focus-visible { outline: 3px solid ${BRAND.accent}; outline-offset: 2px; }
  .error { color: #a61b1b; font-weight: 600; }
  .hint { color: #52606d; font-size: 14px; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { border-bottom: 1px solid #cbd2d9; padding: 4px 8px; text-align: left; vertical-align: top; }
  dt { font-weight: 600; }
  dd { margin: 0 0 8px; }
  footer { text-align: center; color: #52606d; font-size: 13px; padding: 16px; }
  footer a { color: #3e4c59; }
  .legal { margin-top: 4px; }
  a.cta { display: inline-block; background: ${BRAND.primary}; color: #fff; border-radius: 4px; padding: 10px 18px; text-decoration: none; margin-top: 8px; }
  .block { border-top: 1px solid #cbd2d9; padding: 16px 0; }
  .block img, main > img { max-width: 100%; height: auto; }
  .subline { font-size: 18px; color: #3e4c59; }
</style>
</head>
<body>
<header>${BRAND.header}</header>
<main>
<h1>${heading ?? escapeHtml(title)}</h1>
${body}
</main>
<footer>${BRAND.footer}${legalPlace(lang)}</footer>
</body>
</html>`
}

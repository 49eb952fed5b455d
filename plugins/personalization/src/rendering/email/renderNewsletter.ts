import mjml2html from 'mjml'
import { randomUUID } from 'node:crypto'

import type { BlockContent } from '../../engine/blockLibrary'
import type { AssembledSlot } from '../../engine/types'

import { DEFAULT_LOCALE } from '../../i18n/locales'
import { escapeHtml, escapeHtmlKeepingLiquid } from '../html'
import { joinParsed, type ParsedTokens, parseTokens, renderParsed, type TokenContext } from '../tokens/liquid'
import { type EmailLayout, MARKERS, readEmailTemplate } from './layouts'

export type NewsletterSource = {
  customLayout?: null | string
  id: number | string
  layout: EmailLayout
  /** The language the document is in (its `lang`); unset: the reader's locale, as a token. */
  locale?: null | string
  preheader?: null | string
  subject: string
  translations?: null | { locale: string; preheader?: null | string; subject: string }[]
  updatedAt: string
}

/**
 * One combination of chosen blocks, parsed and ready to render for any reader; `extras`: one
 * reader's own sections (product grids), finished HTML and text put in after the Liquid pass.
 */
export type CompiledNewsletter = {
  extras?: { html: string; text: string }[]
  html: ParsedTokens
  preheader: ParsedTokens
  subject: ParsedTokens
  text: ParsedTokens
}

type Shell = { after: ParsedTokens; before: ParsedTokens; preheader: ParsedTokens; subject: ParsedTokens }

export type RenderedNewsletter = { html: string; locale: string; preheader: string; subject: string; text: string }

/** The content languages a newsletter has a version in besides the default one. */
export const newsletterLanguages = (newsletter: NewsletterSource) =>
  (newsletter.translations ?? []).map((translation) => translation.locale)

/**
 * The newsletter in one language: the main subject and preheader are the default language's, a
 * translation's replace them (the compile caches key by language as well as by id).
 */
export function newsletterIn<T extends NewsletterSource>(newsletter: T, language: string): T {
  const translation =
    language === DEFAULT_LOCALE ? null : newsletter.translations?.find((row) => row.locale === language)
  if (!translation) return { ...newsletter, locale: DEFAULT_LOCALE }
  return {
    ...newsletter,
    locale: language,
    preheader: translation.preheader ?? null,
    subject: translation.subject,
  }
}

const SECTIONS_PLACEHOLDER = '<!-- sections -->'

const shells = new Map<string, Promise<Shell>>()
const sections = new Map<string, Promise<ParsedTokens>>()
const extraSections = new Map<string, Promise<string>>()
const texts = new Map<string, Promise<ParsedTokens>>()
const combinations = new Map<string, Promise<CompiledNewsletter>>()

/** A bounded memo of in-flight or finished compilations; failures are not kept. */
function memo<T>(cache: Map<string, Promise<T>>, max: number, key: string, make: () => Promise<T>): Promise<T> {
  let entry = cache.get(key)
  if (!entry) {
    entry = make()
    if (cache.size >= max) cache.delete(cache.keys().next().value as string)
    cache.set(key, entry)
    entry.catch(() => cache.delete(key))
  }
  return entry
}

const layoutSourceOf = (newsletter: NewsletterSource) =>
  newsletter.customLayout?.trim() || readEmailTemplate('layouts', newsletter.layout)

/**
 * MJML runs once per layout and once per block (keyed by content fingerprints, so an edited block,
 * image or layout compiles anew); a newsletter is the layout's shell with its blocks' compiled
 * sections spliced in, and per reader only the Liquid tokens are rendered.
 */
export function compileNewsletter(
  newsletter: NewsletterSource,
  slots: AssembledSlot[],
  content: Map<string, BlockContent>,
  extra: ExtraSection[] = [],
): Promise<CompiledNewsletter> {
  const blocks = slots.flatMap((slot) => slot.choices.map((choice) => content.get(String(choice.block.id))!))
  // A custom layout is part of the newsletter document, so its updatedAt covers it; file layouts change only with a deploy.
  // The language chooses the shell's lang, subject and preheader (a translation's).
  const layoutKey = `${newsletter.id}@${newsletter.updatedAt}:${newsletter.customLayout?.trim() ? 'custom' : newsletter.layout}:${newsletter.locale ?? ''}`
  const key = `${layoutKey}|${blocks.map((block) => block.fingerprint).join('|')}`
  const compile = async () => {
    const layout = layoutSourceOf(newsletter)
    const [shell, blockHtml, blockText] = await Promise.all([
      memo(shells, 200, layoutKey, () => compileShell(newsletter, layout)),
      Promise.all(
        blocks.map((block) =>
          memo(sections, 5000, `${layoutKey}:${block.fingerprint}`, () => compileSection(layout, blockSection(block))),
        ),
      ),
      Promise.all(
        blocks.map((block) =>
          memo(texts, 5000, block.fingerprint, async () => parseTokens(blockPlainText(block), 'text')),
        ),
      ),
    ])
    // A reader's own sections stand as placeholders here, so the combination is compiled and parsed
    // once for all its readers; each reader's finished grids replace them after the Liquid pass.
    return {
      html: joinParsed('html', [
        shell.before,
        ...blockHtml,
        ...extra.map((_, index) => parseTokens(extraHtmlPlace(index), 'html')),
        shell.after,
      ]),
      preheader: shell.preheader,
      subject: shell.subject,
      text: joinParsed('text', [
        TEXT_HEADER,
        ...[...blockText, ...extra.map((_, index) => parseTokens(extraPlace(index), 'text'))].flatMap((piece) => [
          TEXT_SEPARATOR,
          piece,
        ]),
        TEXT_SEPARATOR,
        TEXT_FOOTER,
      ]),
    }
  }
  const shared = memo(combinations, 5000, extra.length ? `${key}|extra:${extra.length}` : key, compile)
  if (!extra.length) return shared
  return (async () => {
    const [template, extras] = await Promise.all([
      shared,
      Promise.all(
        extra.map(async (section) => ({
          html: fillMarkers(
            await memo(extraSections, 500, `${layoutKey}:${section.mjml}`, () =>
              sectionHtml(layoutSourceOf(newsletter), section.mjml),
            ),
            section.values ?? {},
          ),
          text: section.text,
        })),
      ),
    ])
    return { ...template, extras }
  })()
}

/**
 * Where a reader's own section goes: a token no reader's data can contain (a random part per
 * process), so splicing after the Liquid pass can only hit the placeholder itself.
 */
const EXTRA_PLACE = `kw-extra-${randomUUID()}`
const extraPlace = (index: number) => `${EXTRA_PLACE}-${index}`
/** In the HTML part the placeholder is a comment, invisible should it ever stay. */
const extraHtmlPlace = (index: number) => `<!--${extraPlace(index)}-->`

/** The rendered mail with each placeholder replaced by its section (a function, so `$` in a section stays as written). */
function spliceExtras(rendered: string, pieces: string[], place: (index: number) => string): string {
  return pieces.reduce((done, piece, index) => done.replace(place(index), () => piece), rendered)
}

/**
 * A section after the blocks made for one reader (a product grid): its MJML and its text part, both
 * inert to Liquid. The MJML's `%%KW_…%%` markers get `values` after compiling, so readers whose
 * sections differ only in those values share one MJML compilation.
 */
export type ExtraSection = { mjml: string; text: string; values?: Record<string, string> }

/** A place in an extra section's MJML that the reader's value fills after compiling (`key`: letters, digits, `_`). */
export const sectionMarker = (key: string) => `%%KW_${key}%%`

/** The compiled section with one reader's values in place of its markers, in one pass (a value is never scanned again). */
const fillMarkers = (html: string, values: Record<string, string>) =>
  html.replace(/%%KW_(\w+)%%/g, (marker, key: string) => values[key] ?? marker)

export function personalizeNewsletter(
  newsletter: NewsletterSource,
  template: CompiledNewsletter,
  tokens: TokenContext,
): RenderedNewsletter {
  const extras = template.extras ?? []
  return {
    html: spliceExtras(
      renderParsed(template.html, tokens),
      extras.map((extra) => extra.html),
      extraHtmlPlace,
    ),
    locale: newsletter.locale ?? tokens.subscriber.locale,
    preheader: renderParsed(template.preheader, tokens),
    subject: renderParsed(template.subject, tokens),
    text: spliceExtras(
      renderParsed(template.text, tokens),
      extras.map((extra) => extra.text),
      extraPlace,
    ),
  }
}

/** The MJML source of a newsletter with the chosen blocks, reader tokens still in Liquid. */
export function newsletterMjml(newsletter: NewsletterSource, slots: BlockContent[][]): string {
  const layout = newsletter.customLayout?.trim() || readEmailTemplate('layouts', newsletter.layout)
  return layout
    .replaceAll(MARKERS.lang, newsletter.locale ? escapeHtml(newsletter.locale) : '{{ subscriber.locale }}')
    .replaceAll(MARKERS.title, escapeHtmlKeepingLiquid(newsletter.subject))
    .replaceAll(MARKERS.preheader, escapeHtmlKeepingLiquid(newsletter.preheader ?? ''))
    .replaceAll(
      MARKERS.sections,
      slots.length > 0 ? slots.flat().map(blockSection).join('\n') : `<mj-raw>${SECTIONS_PLACEHOLDER}</mj-raw>`,
    )
}

async function mjmlToHtml(source: string): Promise<string> {
  const { errors, html } = await mjml2html(source, { validationLevel: 'soft' })
  if (errors.length > 0) throw new Error(`MJML: ${errors.map((error) => error.formattedMessage).join('; ')}`)
  return html
}

/** The layout compiled with an empty place for the sections, split there. */
async function compileShell(newsletter: NewsletterSource, layout: string) {
  const html = await mjmlToHtml(newsletterMjml({ ...newsletter, customLayout: layout }, []))
  const at = html.indexOf(SECTIONS_PLACEHOLDER)
  if (at < 0) throw new Error('MJML dropped the sections placeholder')
  return {
    after: parseTokens(html.slice(at + SECTIONS_PLACEHOLDER.length), 'html'),
    before: parseTokens(html.slice(0, at), 'html'),
    preheader: parseTokens(newsletter.preheader ?? '', 'text'),
    subject: parseTokens(newsletter.subject, 'text'),
  }
}

/** One section (a block's) compiled with the layout's head (fonts, colours) and body width, cut out of the body. */
async function compileSection(layout: string, section: string): Promise<ParsedTokens> {
  return parseTokens(await sectionHtml(layout, section), 'html')
}

async function sectionHtml(layout: string, section: string): Promise<string> {
  const head = (/<mj-head>[\s\S]*?<\/mj-head>/.exec(layout)?.[0] ?? '').replace(
    /<mj-(title|preview)>[\s\S]*?<\/mj-\1>/g,
    '',
  )
  const body = /<mj-body[^>]*>/.exec(layout)?.[0] ?? '<mj-body>'
  const html = await mjmlToHtml(`<mjml>${head}${body}${section}</mj-body></mjml>`)
  const bodyStart = html.indexOf('>', html.indexOf('<div', html.indexOf('<body'))) + 1
  return html.slice(bodyStart, html.lastIndexOf('</div>', html.lastIndexOf('</body>')))
}

function blockSection(block: BlockContent): string {
  const image = block.image
    ? `<mj-image src="${escapeHtml(block.image.url)}" srcset="${escapeHtml(block.image.url)} 600w, ${escapeHtml(block.image.url2x)} 1200w" alt="${escapeHtml(block.image.alt)}" width="552px" padding="0 0 12px" />`
    : ''
  const cta = block.cta
    ? `<mj-button href="${escapeHtmlKeepingLiquid(block.cta.url)}" align="left">${escapeHtmlKeepingLiquid(block.cta.label)}</mj-button>`
    : ''
  return readEmailTemplate('partials', 'block')
    .replace('%%ID%%', escapeHtml(block.id))
    .replace('%%IMAGE%%', image)
    .replace('%%HEADING%%', escapeHtmlKeepingLiquid(block.title))
    .replace('%%BODY%%', block.bodyHtml)
    .replace('%%CTA%%', cta)
}

/** The text part: readable on its own, links spelled out. */
const TEXT_HEADER = parseTokens('{{ salutation }},', 'text')
const TEXT_SEPARATOR = parseTokens('\n\n\n', 'text')
const TEXT_FOOTER = parseTokens('--\nKontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg', 'text')

function blockPlainText(block: BlockContent): string {
  return [
    `${block.title}\n${'-'.repeat(Math.min(60, block.title.length))}`,
    block.bodyText,
    block.cta ? `${block.cta.label}: ${block.cta.url}` : '',
  ]
    .filter(Boolean)
    .join('\n\n')
}

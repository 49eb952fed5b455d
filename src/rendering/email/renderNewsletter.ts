import mjml2html from 'mjml'
import { createHash } from 'node:crypto'

import type { BlockContent } from '../../personalization/blockLibrary'
import type { AssembledSlot } from '../../personalization/types'

import { type EmailLayout, MARKERS, readEmailTemplate } from '../../../emails/layouts'
import { absoluteUrl, escapeHtml, escapeHtmlKeepingLiquid } from '../html'
import { renderTokens, type TokenContext } from '../tokens/liquid'

export type NewsletterSource = {
  customLayout?: null | string
  id: number | string
  layout: EmailLayout
  preheader?: null | string
  subject: string
  updatedAt: string
}

/** HTML and text of one combination of chosen blocks, with the reader's tokens still in Liquid. */
export type CompiledNewsletter = { html: string; text: string }

export type RenderedNewsletter = { html: string; preheader: string; subject: string; text: string }

const compiled = new Map<string, Promise<CompiledNewsletter>>()
const MAX_COMPILED = 2000

/**
 * MJML runs once per distinct layout + chosen blocks (by content fingerprint, so an edited block,
 * image or layout is a new key); per reader only the Liquid tokens are rendered.
 */
export function compileNewsletter(newsletter: NewsletterSource, slots: AssembledSlot[], content: Map<string, BlockContent>): Promise<CompiledNewsletter> {
  const blocks = slots.map((slot) => slot.choices.map((choice) => content.get(String(choice.block.id))!))
  const key = createHash('sha1')
    .update(JSON.stringify([newsletter.id, newsletter.updatedAt, blocks.map((slot) => slot.map((block) => block.fingerprint))]))
    .digest('hex')
  let entry = compiled.get(key)
  if (!entry) {
    entry = compile(newsletter, blocks)
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string)
    compiled.set(key, entry)
    entry.catch(() => compiled.delete(key))
  }
  return entry
}

export function personalizeNewsletter(newsletter: NewsletterSource, template: CompiledNewsletter, tokens: TokenContext): RenderedNewsletter {
  return {
    html: renderTokens(template.html, tokens, 'html'),
    preheader: renderTokens(newsletter.preheader ?? '', tokens, 'text'),
    subject: renderTokens(newsletter.subject, tokens, 'text'),
    text: renderTokens(template.text, tokens, 'text'),
  }
}

async function compile(newsletter: NewsletterSource, slots: BlockContent[][]): Promise<CompiledNewsletter> {
  const layout = newsletter.customLayout?.trim() || readEmailTemplate('layouts', newsletter.layout)
  const sections = slots.flat().map(blockSection).join('\n')
  const mjml = layout
    .replaceAll(MARKERS.lang, '{{ subscriber.locale }}')
    .replaceAll(MARKERS.title, escapeHtmlKeepingLiquid(newsletter.subject))
    .replaceAll(MARKERS.preheader, escapeHtmlKeepingLiquid(newsletter.preheader ?? ''))
    .replaceAll(MARKERS.sections, sections)
  const { errors, html } = await mjml2html(mjml, { validationLevel: 'soft' })
  if (errors.length > 0) throw new Error(`MJML: ${errors.map((error) => error.formattedMessage).join('; ')}`)
  return { html, text: plainText(slots) }
}

function blockSection(block: BlockContent): string {
  const image = block.image
    ? `<mj-image src="${escapeHtml(block.image.url)}" srcset="${escapeHtml(block.image.url)} 600w, ${escapeHtml(block.image.url2x)} 1200w" alt="${escapeHtml(block.image.alt)}" width="552px" padding="0 0 12px" />`
    : ''
  const cta = block.cta
    ? `<mj-button href="${escapeHtmlKeepingLiquid(absoluteUrl(block.cta.url))}" align="left">${escapeHtmlKeepingLiquid(block.cta.label)}</mj-button>`
    : ''
  return readEmailTemplate('partials', 'block')
    .replace('%%ID%%', escapeHtml(block.id))
    .replace('%%IMAGE%%', image)
    .replace('%%HEADING%%', escapeHtmlKeepingLiquid(block.title))
    .replace('%%BODY%%', block.bodyHtml)
    .replace('%%CTA%%', cta)
}

/** The text part: readable on its own, links spelled out. */
function plainText(slots: BlockContent[][]): string {
  const blocks = slots.flat().map((block) =>
    [`${block.title}\n${'-'.repeat(Math.min(60, block.title.length))}`, block.bodyText, block.cta ? `${block.cta.label}: ${absoluteUrl(block.cta.url)}` : '']
      .filter(Boolean)
      .join('\n\n'),
  )
  return ['{{ salutation }},', ...blocks, '--\nKontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg'].join('\n\n\n')
}

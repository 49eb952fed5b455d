import type { Payload } from 'payload'

import { randomBytes } from 'node:crypto'
import { encodeWords, foldLines, isPlainText } from 'nodemailer/lib/mime-funcs'

import type { ContentLocale, RenderedForRecipient } from '@kontorwerk/personalization'

import { listUnsubscribeHeaders, preferencesUrl, unsubscribeToken, unsubscribeUrl } from '@kontorwerk/consent'
import {
  contentLanguageOf,
  escapeHtml,
  personalizationOptions,
  singleLine,
  withLandingPageTokens,
  withTracking,
} from '@kontorwerk/personalization'

import { campaignsOptions } from '../utilities/options'

export type OutgoingMessage = { envelope: { from: string; to: string[] }; raw: Buffer }

/** The recipient's link key signs every link of the mail for this person only (src/security/linkKey.ts). */
type Recipient = { email: string; id: string; linkKey?: null | string; trackable: boolean }

/** The footer's words in every content language. */
const FOOTER: Record<ContentLocale, { preferences: string; unsubscribe: string }> = {
  de: { preferences: 'Einstellungen ändern', unsubscribe: 'Abmelden' },
  en: { preferences: 'Change preferences', unsubscribe: 'Unsubscribe' },
}

/** What a campaign's tracking links and pixel name as the message: campaign and variant, for reports. */
export const trackingMessage = (campaign: string, variant: null | string) => `campaign:${campaign}:${variant ?? '-'}`

/**
 * The finished MIME message for one recipient: the rendered newsletter with the unsubscribe and
 * preference links every marketing mail needs (docs/plugins/consent.md#unsubscribe), tracking only with tracking consent, and
 * RFC 8058 one-click List-Unsubscribe headers. The Message-ID is the send record's, so a report
 * or bounce can always be traced back to it.
 */
export async function composeMessage(
  payload: Pick<Payload, 'collections' | 'config'>,
  rendered: RenderedForRecipient,
  recipient: Recipient,
  { campaign, messageId, variant }: { campaign: string; messageId: string; variant: null | string },
): Promise<OutgoingMessage> {
  // One signed token serves the link in the mail and its List-Unsubscribe header.
  const token = unsubscribeToken(payload, recipient)
  // The footer and the pages its links open speak the language the mail is written in.
  const language = contentLanguageOf(rendered.locale)
  const words = FOOTER[language]
  const lang = `&lang=${language}`
  const links = {
    preferences: `${preferencesUrl(payload, recipient)}${lang}`,
    unsubscribe: `${unsubscribeUrl(payload, token)}${lang}`,
  }
  const footer = `<p style="font-family:Arial,sans-serif;font-size:12px;color:#52606d;text-align:center;margin:0 0 24px"><a href="${escapeHtml(links.preferences)}" style="color:#52606d">${words.preferences}</a> · <a href="${escapeHtml(links.unsubscribe)}" style="color:#52606d">${words.unsubscribe}</a></p>`
  // Landing page links open the page assembled for this reader (before tracking wraps them: the click redirect ends there).
  const landing = { baseUrl: personalizationOptions(payload).pagesUrl, subscriber: recipient }
  const body = withLandingPageTokens(payload, rendered.html, { ...landing, html: true })
  let html = body.includes('</body>') ? body.replace('</body>', `${footer}</body>`) : body + footer
  if (recipient.trackable)
    html = withTracking(payload, html, {
      baseUrl: personalizationOptions(payload).pagesUrl,
      message: trackingMessage(campaign, variant),
      subscriber: recipient,
    })
  const text = `${withLandingPageTokens(payload, rendered.text, { ...landing, html: false })}\n\n${words.preferences}: ${links.preferences}\n${words.unsubscribe}: ${links.unsubscribe}\n`
  const { from } = campaignsOptions(payload)
  const raw = mimeMessage(
    [
      ['From', `${headerText(from.name)} <${from.address}>`],
      ['To', `<${recipient.email}>`],
      ['Subject', headerText(rendered.subject)],
      ['Date', new Date().toUTCString().replace(/GMT/, '+0000')],
      ['Message-ID', messageId],
      ...Object.entries(listUnsubscribeHeaders(payload, recipient, token)),
      ['Feedback-ID', `${campaign}:campaign:kontorwerk`],
    ],
    text,
    html,
  )
  return { envelope: { from: from.address, to: [recipient.email] }, raw }
}

/** The note a test mail carries instead of the footer, in the mail's language. */
const TEST_NOTE: Record<ContentLocale, (to: string) => string> = {
  de: (to) =>
    `Testversand an ${to}: nicht an Abonnenten gesendet und in keinem Bericht gezählt. Abmelde- und Einstellungslinks sind in Testmails nicht enthalten.`,
  en: (to) =>
    `Test send to ${to}: not sent to subscribers and not counted in any report. Test mails have no unsubscribe or preference links.`,
}

/** The subject of a test mail: marked, so nobody takes it for the real send. */
export const testSubject = (subject: string) => `[TEST] ${subject}`

/**
 * A test mail ("Testversand") to a staff member's own address: the rendered newsletter, marked in
 * the subject and a note, without tracking and without the reader's unsubscribe and preference
 * links (a click in a test must not unsubscribe the person it was rendered for). Its Message-ID
 * is its own, so no report or bounce can attribute it to a send record.
 */
export function composeTestMessage(
  payload: Pick<Payload, 'collections'>,
  rendered: Pick<RenderedForRecipient, 'html' | 'locale' | 'subject' | 'text'>,
  { campaign, to }: { campaign: string; to: string },
): OutgoingMessage {
  const note = TEST_NOTE[contentLanguageOf(rendered.locale)](to)
  const banner = `<p style="font-family:Arial,sans-serif;font-size:13px;color:#1f2933;background:#fff4ce;text-align:center;margin:0;padding:8px">${escapeHtml(note)}</p>`
  const html = rendered.html.includes('<body')
    ? rendered.html.replace(/<body[^>]*>/, (body) => `${body}${banner}`)
    : banner + rendered.html
  const { from } = campaignsOptions(payload)
  const domain = from.address.split('@')[1] ?? 'localhost'
  const raw = mimeMessage(
    [
      ['From', `${headerText(from.name)} <${from.address}>`],
      ['To', `<${to}>`],
      ['Subject', headerText(testSubject(rendered.subject))],
      ['Date', new Date().toUTCString().replace(/GMT/, '+0000')],
      ['Message-ID', `<test-${campaign}.${randomBytes(8).toString('hex')}@${domain}>`],
      ['X-Kontorwerk-Test', 'yes'],
    ],
    `${note}\n\n${rendered.text}\n`,
    html,
  )
  return { envelope: { from: from.address, to: [to] }, raw }
}

/**
 * Free text (subject, sender name) as a header value: on one line first, so that neither the plain
 * value nor its decoded encoded words carry the line breaks a profile field put into it, then as
 * RFC 2047 encoded words when it is not plain ASCII.
 */
const headerText = (value: string) => {
  const line = singleLine(value)
  return isPlainText(line) ? line : encodeWords(line, 'Q', 52)
}

const base64Lines = (content: string) =>
  Buffer.from(content, 'utf8')
    .toString('base64')
    .replace(/.{76}(?=.)/g, '$&\r\n')

/**
 * multipart/alternative with base64 bodies, written directly; nodemailer's mime-funcs encode and
 * fold the headers. Measured: nodemailer's MimeNode stream pipeline cost ~1 ms of a message's
 * ~1.75 ms of CPU in the send bench; this costs well under 0.1 ms (bench/campaign-send.ts).
 */
function mimeMessage(headers: [string, string][], text: string, html: string): Buffer {
  const boundary = `----=_kontorwerk_${randomBytes(12).toString('hex')}`
  // Every value on one line, whatever it came from: a line break would end the header and start another.
  const head = [...headers, ['MIME-Version', '1.0'], ['Content-Type', `multipart/alternative; boundary="${boundary}"`]]
    .map(([key, value]) => foldLines(`${key}: ${singleLine(value)}`, 76))
    .join('\r\n')
  const part = (type: string, content: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(content)}\r\n`
  return Buffer.from(`${head}\r\n\r\n${part('text/plain', text)}${part('text/html', html)}--${boundary}--\r\n`, 'utf8')
}

import type { LinkSubject } from '../security/linkKey'
import type { Signer } from '../security/signing'

import { signSubscriberToken } from '../security/subscriberToken'

/** How long a mail's landing page link stays personal; after that it opens the page neutral. */
const LANDING_LINK_TTL_SECONDS = 90 * 24 * 3600

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Links of a mail to our landing pages (`<pagesUrl>/p/<slug>`) carry the reader's signed
 * `personalize` token, so the page a CTA opens — directly or through the click redirect — is
 * assembled for the person the mail went to. The token opens nothing but that read-only page
 * (purpose `personalize`) and is bound to the reader's link key like every other link of the mail.
 * For the HTML part (`html`: query parameters joined with `&amp;`) and the plain-text part alike; a
 * link that already has a token keeps it.
 */
export function withLandingPageTokens(
  signer: Signer,
  content: string,
  { baseUrl, html, subscriber }: { baseUrl: string; html: boolean; subscriber: LinkSubject },
): string {
  // A link of its own, never our address quoted inside another site's URL (the token would travel there).
  const link = new RegExp(`(?<![\\w/=%.:-])${escapeRegExp(baseUrl)}/p/[A-Za-z0-9_-]+(?:\\?[^"'\\s<>#]*)?`, 'g')
  let token: string | undefined
  return content.replace(link, (url) => {
    if (/[?&](?:amp;)?token=/.test(url)) return url
    token ??= signSubscriberToken(signer, subscriber, 'personalize', LANDING_LINK_TTL_SECONDS)
    const separator = url.includes('?') ? (html ? '&amp;' : '&') : '?'
    return `${url}${separator}token=${encodeURIComponent(token)}`
  })
}

import { linkKeyFingerprint, type LinkSubject } from '../security/linkKey'
import { signClaims, type Signer, verifiedClaims } from '../security/signing'

const DOMAIN = 'tracking'

/**
 * What a tracking link carries: who (`s`, and `l`, the fingerprint of their link key: the event is
 * recorded only for the person the mail went to), which message, which block, and the one URL it may lead to.
 */
export type ClickClaims = { b: null | string; k: 'c'; l?: string; m: string; s: string; u: string }
export type OpenClaims = { k: 'o'; l?: string; m: string; s: string }

export const readClick = (signer: Signer, token: string) => {
  const claims = verifiedClaims<ClickClaims>(signer, token, DOMAIN)
  return claims?.k === 'c' && /^https?:\/\//i.test(claims.u) ? claims : null
}
export const readOpen = (signer: Signer, token: string) => {
  const claims = verifiedClaims<OpenClaims>(signer, token, DOMAIN)
  return claims?.k === 'o' ? claims : null
}

export type TrackingTarget = {
  /** Where the public pages and the tracking endpoints are served: the option `pagesUrl`. */
  baseUrl: string
  message: string
  subscriber: LinkSubject
}

/** Links to our own pages (under `baseUrl`) that must keep working untouched: consent links are not marketing clicks. */
const UNTRACKED_PATHS = ['/unsubscribe', '/preferences', '/subscribe', '/t/']

/** A block's section (emails/partials/block.mjml: css-class "block block-<id>"; MJML adds "-outlook" to the Outlook table). */
const BLOCK_MARKER = /class="[^"]*\bblock block-([0-9a-f]+)(?:-outlook)?(?=[\s"])/g
const LINK = /(<a\b[^>]*?\bhref=")(https?:\/\/[^"]+)(")/gi

/**
 * Click tracking and an open pixel for one recipient's email (only with tracking consent, which
 * the caller checks). Every http(s) link becomes a signed redirect naming the block it sits in,
 * so the redirect can only ever lead to a URL this email contained: no open redirect.
 */
export function withTracking(signer: Signer, html: string, { baseUrl, message, subscriber }: TrackingTarget): string {
  const s = String(subscriber.id)
  const l = subscriber.linkKey ? linkKeyFingerprint(subscriber.linkKey) : undefined
  const ownLink = (url: string) =>
    url.startsWith(baseUrl) && UNTRACKED_PATHS.some((path) => url.slice(baseUrl.length).startsWith(path))
  // Links belong to the block whose section opened last before them.
  const markers = [...html.matchAll(BLOCK_MARKER)].map((match) => ({ block: match[1], index: match.index ?? 0 }))
  const blockAt = (index: number) => markers.filter((marker) => marker.index < index).at(-1)?.block ?? null
  const tracked = html.replace(LINK, (whole, start: string, url: string, end: string, offset: number) => {
    const target = url.replaceAll('&amp;', '&')
    if (ownLink(target)) return whole
    const token = signClaims(
      signer,
      { b: blockAt(offset), k: 'c', l, m: message, s, u: target } satisfies ClickClaims,
      DOMAIN,
    )
    return `${start}${baseUrl}/t/c/${token}${end}`
  })
  const pixel = `<img src="${baseUrl}/t/o/${signClaims(signer, { k: 'o', l, m: message, s } satisfies OpenClaims, DOMAIN)}.gif" width="1" height="1" alt="" style="display:block;border:0;height:1px;width:1px" />`
  return tracked.includes('</body>') ? tracked.replace('</body>', `${pixel}</body>`) : tracked + pixel
}

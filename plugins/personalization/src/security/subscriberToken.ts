import { linkKeyFingerprint, type LinkSubject } from './linkKey'
import { signClaims, type Signer, verifiedClaims } from './signing'

export type TokenPurpose = 'doi' | 'personalize' | 'preferences' | 'unsubscribe'

export class TokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid' | 'wrong_purpose') {
    super(reason === 'expired' ? 'The link has expired' : 'The link is not valid')
  }
}

const DOMAIN = 'subscriber-token'

/** A verified token's claims: whose link it is (id and link-key fingerprint) and, for single-use links, its nonce. */
export type SubscriberClaims = { key?: string; nonce?: string; subscriberId: string; visitor?: string }

/**
 * A link token naming one subscriber for one purpose until it expires (HMAC-SHA256). It carries the
 * fingerprint of the subscriber's link key, so it only ever opens the profile of the person it was
 * made for (see linkKeyMatches). A nonce ties it to one request, which is how single-use links are checked.
 */
export function signSubscriberToken(
  signer: Signer,
  subject: LinkSubject,
  purpose: TokenPurpose,
  ttlSeconds: number,
  {
    nonce,
    now = Date.now(),
    visitor,
  }: {
    nonce?: string
    now?: number
    /** The anonymous visitor id of the browser the sign-up came from: the confirmation merges that visitor (signed, so nobody can swap it). */
    visitor?: string
  } = {},
): string {
  const k = subject.linkKey ? linkKeyFingerprint(subject.linkKey) : undefined
  return signClaims(
    signer,
    { e: Math.floor(now / 1000) + ttlSeconds, k, n: nonce, p: purpose, s: String(subject.id), v: visitor },
    DOMAIN,
  )
}

export function readSubscriberToken(
  signer: Signer,
  token: string,
  purpose: TokenPurpose,
  now = Date.now(),
): SubscriberClaims {
  const claims = verifiedClaims<{ e: number; k?: string; n?: string; p: string; s: string; v?: string }>(
    signer,
    token,
    DOMAIN,
  )
  if (!claims) throw new TokenError('invalid')
  if (claims.p !== purpose) throw new TokenError('wrong_purpose')
  if (!(claims.e * 1000 > now)) throw new TokenError('expired')
  return { key: claims.k, nonce: claims.n, subscriberId: claims.s, visitor: claims.v }
}

/** The claims of a valid token, or null for any forged, expired or misused one (for callers that only say "invalid"). */
export function claimsOf(
  signer: Signer,
  token: unknown,
  purpose: TokenPurpose,
  now = Date.now(),
): null | SubscriberClaims {
  try {
    return readSubscriberToken(signer, String(token ?? ''), purpose, now)
  } catch (error) {
    if (error instanceof TokenError) return null
    throw error
  }
}

import { signClaims, verifiedClaims } from './signing'

export type TokenPurpose = 'doi' | 'personalize' | 'preferences' | 'unsubscribe'

export class TokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid' | 'wrong_purpose') {
    super(reason === 'expired' ? 'The link has expired' : 'The link is not valid')
  }
}

const DOMAIN = 'subscriber-token'

/**
 * A link token naming one subscriber for one purpose until it expires (HMAC-SHA256, no database
 * lookup). A nonce ties it to one request, which is how single-use links are checked.
 */
export function signSubscriberToken(
  subscriberId: number | string,
  purpose: TokenPurpose,
  ttlSeconds: number,
  { nonce, now = Date.now() }: { nonce?: string; now?: number } = {},
): string {
  return signClaims({ e: Math.floor(now / 1000) + ttlSeconds, n: nonce, p: purpose, s: String(subscriberId) }, DOMAIN)
}

export function verifySubscriberToken(token: string, purpose: TokenPurpose, now = Date.now()): string {
  return readSubscriberToken(token, purpose, now).subscriberId
}

export function readSubscriberToken(token: string, purpose: TokenPurpose, now = Date.now()): { nonce?: string; subscriberId: string } {
  const claims = verifiedClaims<{ e: number; n?: string; p: string; s: string }>(token, DOMAIN)
  if (!claims) throw new TokenError('invalid')
  if (claims.p !== purpose) throw new TokenError('wrong_purpose')
  if (!(claims.e * 1000 > now)) throw new TokenError('expired')
  return { nonce: claims.n, subscriberId: claims.s }
}

/** The claims of a valid token, or null for any forged, expired or misused one (for callers that only say "invalid"). */
export function claimsOf(token: unknown, purpose: TokenPurpose, now = Date.now()): { nonce?: string; subscriberId: string } | null {
  try {
    return readSubscriberToken(String(token ?? ''), purpose, now)
  } catch (error) {
    if (error instanceof TokenError) return null
    throw error
  }
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

import { payloadSecret } from '../config/env'

export type TokenPurpose = 'doi' | 'personalize' | 'preferences' | 'unsubscribe'

export class TokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid' | 'wrong_purpose') {
    super(reason === 'expired' ? 'The link has expired' : 'The link is not valid')
  }
}

const VERSION = 'v1'
const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url')

/** Keys derived from the current secret and, for rotation, previous ones (SUBSCRIBER_TOKEN_PREVIOUS_SECRETS, comma-separated). */
function keys(): Buffer[] {
  const secrets = [payloadSecret(), ...(process.env.SUBSCRIBER_TOKEN_PREVIOUS_SECRETS ?? '').split(',').filter(Boolean)]
  return secrets.map((secret) => createHash('sha256').update(`${secret}:subscriber-token`).digest())
}

const signature = (key: Buffer, body: string) => createHmac('sha256', key).update(`${VERSION}.${body}`).digest()

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
  const body = encode(JSON.stringify({ e: Math.floor(now / 1000) + ttlSeconds, n: nonce, p: purpose, s: String(subscriberId) }))
  return `${VERSION}.${body}.${encode(signature(keys()[0], body))}`
}

export function verifySubscriberToken(token: string, purpose: TokenPurpose, now = Date.now()): string {
  return readSubscriberToken(token, purpose, now).subscriberId
}

export function readSubscriberToken(token: string, purpose: TokenPurpose, now = Date.now()): { nonce?: string; subscriberId: string } {
  const [version, body, mac, ...rest] = String(token).split('.')
  if (version !== VERSION || !body || !mac || rest.length > 0) throw new TokenError('invalid')
  const given = Buffer.from(mac, 'base64url')
  const valid = keys().some((key) => {
    const expected = signature(key, body)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!valid) throw new TokenError('invalid')
  let claims: { e: number; n?: string; p: string; s: string }
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    throw new TokenError('invalid')
  }
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

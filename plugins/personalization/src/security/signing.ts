import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

import { linkSecrets } from '../extensions'

const VERSION = 'v1'
const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url')

/** What signs and verifies links: Payload's config (its `secret`, and the core's `previousLinkSecrets`). */
export type Signer = Parameters<typeof linkSecrets>[0]

/**
 * Keys for one kind of token (`domain`), derived from the config's secret and, for rotation,
 * previous ones (option `previousLinkSecrets`): signing uses the first.
 */
function keys(signer: Signer, domain: string): Buffer[] {
  const secrets = linkSecrets(signer)
  const cacheKey = `${domain}\u0000${secrets.join('\u0000')}`
  let derived = derivedKeys.get(cacheKey)
  if (!derived)
    derivedKeys.set(
      cacheKey,
      (derived = secrets.map((secret) => createHash('sha256').update(`${secret}:${domain}`).digest())),
    )
  return derived
}

// Derived once per secret set and domain: campaigns sign several links per message.
const derivedKeys = new Map<string, Buffer[]>()

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(`${VERSION}.${body}`).digest()

/** `v1.<claims>.<HMAC-SHA256>`: readable by nobody's database, forgeable by nobody without the secret. */
export function signClaims(signer: Signer, claims: object, domain: string): string {
  const body = encode(JSON.stringify(claims))
  return `${VERSION}.${body}.${encode(mac(keys(signer, domain)[0], body))}`
}

/** The claims of an untampered token of this domain, or null. */
export function verifiedClaims<T>(signer: Signer, token: string, domain: string): null | T {
  const [version, body, signature, ...rest] = String(token).split('.')
  if (version !== VERSION || !body || !signature || rest.length > 0) return null
  const given = Buffer.from(signature, 'base64url')
  const valid = keys(signer, domain).some((key) => {
    const expected = mac(key, body)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!valid) return null
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T
  } catch {
    return null
  }
}

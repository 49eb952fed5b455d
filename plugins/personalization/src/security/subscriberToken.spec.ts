import { describe, expect, it } from 'vitest'

import { extendPersonalization } from '../extensions'
import { linkKeyFingerprint } from './linkKey'
import { readSubscriberToken, signSubscriberToken, TokenError } from './subscriberToken'

/** A Payload config as far as signing needs it: the secret, and earlier secrets still accepted. */
const signer = (secret: string, previousLinkSecrets: string[] = []) => ({
  config: { ...extendPersonalization({} as never, { options: { previousLinkSecrets } as never }), secret } as {
    custom?: Record<string, unknown>
    secret: string
  },
})
const current = signer('test-secret')
const verifySubscriberToken = (token: string, purpose: Parameters<typeof readSubscriberToken>[2], by = current) =>
  readSubscriberToken(by, token, purpose).subscriberId
const anna = { id: 42, linkKey: 'annas-key' }

describe('subscriber link tokens', () => {
  const reason = (run: () => unknown) => {
    try {
      run()
    } catch (error) {
      return (error as TokenError).reason
    }
    return 'accepted'
  }

  it('names the subscriber it was issued for, with the fingerprint of their link key', () => {
    expect(
      readSubscriberToken(current, signSubscriberToken(current, anna, 'personalize', 3600), 'personalize'),
    ).toEqual({ key: linkKeyFingerprint('annas-key'), subscriberId: '42' })
  })

  it('rejects forged, truncated, tampered, expired and misused tokens', () => {
    const token = signSubscriberToken(current, anna, 'personalize', 3600)
    const [version, body, mac] = token.split('.')
    const otherBody = Buffer.from(JSON.stringify({ e: 9999999999, p: 'personalize', s: '43' })).toString('base64url')
    expect(reason(() => verifySubscriberToken(`${version}.${otherBody}.${mac}`, 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken(token.slice(0, -4), 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken(`${version}.${body}`, 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken('garbage', 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken(token, 'preferences'))).toBe('wrong_purpose')
    const old = signSubscriberToken(current, anna, 'personalize', 60, { now: Date.now() - 120_000 })
    expect(reason(() => verifySubscriberToken(old, 'personalize'))).toBe('expired')
  })

  it('keeps accepting tokens of a rotated-out secret while it is listed as previous', () => {
    const token = signSubscriberToken(current, { id: 7, linkKey: 'k' }, 'personalize', 3600)
    expect(reason(() => verifySubscriberToken(token, 'personalize', signer('new-secret')))).toBe('invalid')
    expect(verifySubscriberToken(token, 'personalize', signer('new-secret', ['test-secret']))).toBe('7')
  })
})

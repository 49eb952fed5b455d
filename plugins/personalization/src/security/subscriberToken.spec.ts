import { afterEach, describe, expect, it } from 'vitest'

import { linkKeyFingerprint } from './linkKey'
import { readSubscriberToken, signSubscriberToken, TokenError } from './subscriberToken'

const verifySubscriberToken = (token: string, purpose: Parameters<typeof readSubscriberToken>[1]) => readSubscriberToken(token, purpose).subscriberId
const anna = { id: 42, linkKey: 'annas-key' }

describe('subscriber link tokens', () => {
  afterEach(() => {
    delete process.env.SUBSCRIBER_TOKEN_PREVIOUS_SECRETS
    process.env.PAYLOAD_SECRET = 'test-secret'
  })
  process.env.PAYLOAD_SECRET = 'test-secret'

  const reason = (run: () => unknown) => {
    try {
      run()
    } catch (error) {
      return (error as TokenError).reason
    }
    return 'accepted'
  }

  it('names the subscriber it was issued for, with the fingerprint of their link key', () => {
    expect(readSubscriberToken(signSubscriberToken(anna, 'personalize', 3600), 'personalize')).toEqual({ key: linkKeyFingerprint('annas-key'), subscriberId: '42' })
  })

  it('rejects forged, truncated, tampered, expired and misused tokens', () => {
    const token = signSubscriberToken(anna, 'personalize', 3600)
    const [version, body, mac] = token.split('.')
    const otherBody = Buffer.from(JSON.stringify({ e: 9999999999, p: 'personalize', s: '43' })).toString('base64url')
    expect(reason(() => verifySubscriberToken(`${version}.${otherBody}.${mac}`, 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken(token.slice(0, -4), 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken(`${version}.${body}`, 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken('garbage', 'personalize'))).toBe('invalid')
    expect(reason(() => verifySubscriberToken(token, 'preferences'))).toBe('wrong_purpose')
    const old = signSubscriberToken(anna, 'personalize', 60, { now: Date.now() - 120_000 })
    expect(reason(() => verifySubscriberToken(old, 'personalize'))).toBe('expired')
  })

  it('keeps accepting tokens of a rotated-out secret while it is listed as previous', () => {
    const token = signSubscriberToken({ id: 7, linkKey: 'k' }, 'personalize', 3600)
    process.env.PAYLOAD_SECRET = 'new-secret'
    expect(reason(() => verifySubscriberToken(token, 'personalize'))).toBe('invalid')
    process.env.SUBSCRIBER_TOKEN_PREVIOUS_SECRETS = 'test-secret'
    expect(verifySubscriberToken(token, 'personalize')).toBe('7')
  })
})

import type { Payload } from 'payload'

import type { Subscriber } from '../../../src/payload-types'

import { claimsOf, type TokenPurpose } from '../../../src/security/subscriberToken'

/** The subscriber a link token names, or null when the token is invalid or the subscriber is gone (erased). */
export async function subscriberFromToken(payload: Payload, token: unknown, purpose: TokenPurpose): Promise<null | Subscriber> {
  const claims = claimsOf(token, purpose)
  return claims ? payload.findByID({ id: claims.subscriberId, collection: 'subscribers', depth: 0, disableErrors: true }) : null
}

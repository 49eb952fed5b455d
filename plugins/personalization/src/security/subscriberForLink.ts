import type { Payload, PayloadRequest } from 'payload'

import type { Subscriber } from '../documents'

import { isPossibleId } from '../utilities/relation'
import { linkKeyMatches } from './linkKey'
import { claimsOf, type SubscriberClaims, type TokenPurpose } from './subscriberToken'

/** The subscriber a verified token names, or null when they are gone or the link was made for someone else (an erased person whose id came back). */
export async function subscriberOfClaims(
  payload: Payload,
  claims: SubscriberClaims,
  req?: PayloadRequest,
): Promise<null | Subscriber> {
  if (!isPossibleId(payload, claims.subscriberId)) return null
  const subscriber = await payload.findByID({
    id: claims.subscriberId,
    collection: 'subscribers',
    depth: 0,
    disableErrors: true,
    req,
    showHiddenFields: true,
  })
  return subscriber && linkKeyMatches(claims.key, subscriber) ? subscriber : null
}

/**
 * The subscriber behind a public link token, or null for a forged, expired or misused token and
 * for the link of a person who is no longer there: every such link gets the same neutral answer.
 * The profile comes with its link key, for signing the next link; never hand it out as it is.
 */
export async function subscriberForLink(
  payload: Payload,
  token: unknown,
  purpose: TokenPurpose,
  req?: PayloadRequest,
): Promise<null | Subscriber> {
  const claims = claimsOf(payload, token, purpose)
  return claims ? subscriberOfClaims(payload, claims, req) : null
}

/** A profile without its link key, for anything that leaves the server (exports, API answers). */
export function withoutLinkKey<T extends { linkKey?: unknown }>(subscriber: T): Omit<T, 'linkKey'> {
  const { linkKey: _secret, ...rest } = subscriber
  return rest
}

import type { Payload } from 'payload'

import { subscriberForLink, type TokenPurpose } from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'

/**
 * The subscriber a link token names, or null when the token is invalid, the subscriber is gone
 * (erased) or the link was made for someone else: all of them get the same neutral page.
 */
export async function subscriberFromToken(
  payload: Payload,
  token: unknown,
  purpose: TokenPurpose,
): Promise<null | Subscriber> {
  // consent() adds its fields to the subscribers collection, so the core's profile carries them.
  return (await subscriberForLink(payload, token, purpose)) as null | Subscriber
}

import type { Payload } from 'payload'

import { createHmac } from 'node:crypto'

import { normalizeEmail } from '@kontorwerk/personalization'

import { consentOptions } from '../utilities/options'

/** The identifiers of an erased person the suppression list keeps, as keyed hashes only. */
export type ErasedIdentity = { email?: null | string; externalId?: null | string }

export type IdentityHashes = { emailHash: null | string; externalIdHash: null | string }

/**
 * HMAC-SHA-256 with the server's secret (option `erasureSecret`, else the Payload config's secret):
 * a leaked table cannot be reversed by hashing a list of known addresses without the secret. The
 * kind is part of the input, so an external id that looks like an address never matches one.
 */
function keyedHash(payload: Payload, kind: 'email' | 'externalId', value: string): string {
  const secret = consentOptions(payload).erasureSecret ?? payload.secret
  return `hmac-sha256:${createHmac('sha256', secret).update(`${kind}:${value}`).digest('hex')}`
}

/** The hashes that stand for a person: the normalised email and the external id, where there are. */
export function identityHashes(payload: Payload, { email, externalId }: ErasedIdentity): IdentityHashes {
  const normalised = email ? normalizeEmail(email) : null
  const id = typeof externalId === 'string' ? externalId.trim() : ''
  return {
    emailHash: normalised ? keyedHash(payload, 'email', normalised) : null,
    externalIdHash: id ? keyedHash(payload, 'externalId', id) : null,
  }
}

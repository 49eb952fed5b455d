import type { Payload, PayloadRequest } from 'payload'

import { createHash } from 'node:crypto'

import type { ResolvedConsentOptions } from '../types'
import type { ConsentAction, ConsentPurpose } from './consentState'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'

export type ConsentEntry = {
  action: Exclude<ConsentAction, 'erased'>
  channel: string
  ip?: null | string
  occurredAt?: Date
  proof?: Record<string, unknown>
  purpose: ConsentPurpose
  /** Groups the records of one sign-up: the double opt-in link confirms exactly these. */
  requestId?: null | string
  source: 'admin' | 'api' | 'form' | 'import' | 'one_click' | 'preference_center'
  subscriber: number | string
  textVersion?: null | string
  topic?: null | number | string
  userAgent?: null | string
}

/** Salted, so a leaked ledger does not reveal addresses, yet the same address gives the same hash. */
const hashed = (salt: string, value: string) =>
  `sha256:${createHash('sha256').update(`${salt}:${value}`).digest('hex')}`

function networkValue(
  salt: string,
  value: null | string | undefined,
  mode: ResolvedConsentOptions['networkData'],
): null | string {
  if (!value || mode === 'none') return null
  return mode === 'raw' ? value.slice(0, 500) : hashed(salt, value)
}

/** The ledger row of an entry, network data stored as the plugin's option says (also what bulk imports insert). */
export function ledgerEntryData(
  payload: Pick<Payload, 'config'>,
  entry: ConsentEntry,
  options: ResolvedConsentOptions,
) {
  // The salt is the config's secret: the same address hashes alike across restarts and processes.
  const salt = payload.config.secret
  return {
    action: entry.action,
    channel: entry.channel as never,
    ipAddress: networkValue(salt, entry.ip, options.networkData),
    occurredAt: (entry.occurredAt ?? new Date()).toISOString(),
    proof: entry.proof ?? null,
    purpose: entry.purpose,
    requestId: entry.requestId ?? null,
    source: entry.source,
    subscriber: entry.subscriber as number,
    textVersion: entry.textVersion ?? null,
    topic: (entry.topic ?? null) as null | number,
    userAgent: networkValue(salt, entry.userAgent, options.networkData === 'hashed' ? 'raw' : options.networkData),
  }
}

/** Appends one entry to the ledger: the only way consent changes. */
export function recordConsent(
  payload: Payload,
  entry: ConsentEntry,
  options: ResolvedConsentOptions,
  req?: Partial<PayloadRequest>,
) {
  return payload.create({
    collection: CONSENT_RECORDS as 'consent-records',
    data: ledgerEntryData(payload, entry, options),
    overrideAccess: true,
    req,
  })
}

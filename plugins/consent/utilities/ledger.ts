import type { Payload, Where } from 'payload'

import type { ConsentRecord } from '../../../src/payload-types'
import type { ConsentEvent } from './consentState'

import { relationKey } from '../../../src/utilities/relation'
import { CONSENT_RECORDS } from '../collections/ConsentRecords'


/** One subscriber's ledger, oldest first. */
export function ledgerRecords(payload: Payload, subscriberId: number | string): Promise<ConsentRecord[]> {
  return findRecords(payload, { subscriber: { equals: subscriberId } })
}

async function findRecords(payload: Payload, where: Where): Promise<ConsentRecord[]> {
  const { docs } = await payload.find({ collection: CONSENT_RECORDS as 'consent-records', depth: 0, limit: 0, pagination: false, sort: 'occurredAt', where })
  return docs
}

/** The same ledger as the gate reads it: topics as id strings. */
export async function ledgerEvents(payload: Payload, subscriberId: number | string): Promise<ConsentEvent[]> {
  return (await ledgerRecords(payload, subscriberId)).map(toConsentEvent)
}

export const toConsentEvent = (record: ConsentRecord): ConsentEvent => ({
  action: record.action,
  channel: record.channel,
  occurredAt: record.occurredAt,
  purpose: record.purpose,
  topic: relationKey(record.topic),
})

/** The tracking part of several subscribers' ledgers, oldest first, by subscriber id. */
export async function trackingLedgers(payload: Payload, subscriberIds: string[]): Promise<Map<string, ConsentEvent[]>> {
  const ledgers = new Map<string, ConsentEvent[]>()
  if (subscriberIds.length === 0) return ledgers
  const records = await findRecords(payload, { and: [{ subscriber: { in: subscriberIds } }, { purpose: { equals: 'tracking' } }] })
  for (const record of records) {
    const key = relationKey(record.subscriber) ?? ''
    ledgers.set(key, [...(ledgers.get(key) ?? []), toConsentEvent(record)])
  }
  return ledgers
}

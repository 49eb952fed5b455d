import type { Payload } from 'payload'

import type { ConsentRecord } from '../../../src/payload-types'
import type { ConsentEvent } from './consentState'

import { relationKey } from '../../../src/utilities/relation'
import { CONSENT_RECORDS } from '../collections/ConsentRecords'


/** One subscriber's ledger, oldest first. */
export async function ledgerRecords(payload: Payload, subscriberId: number | string): Promise<ConsentRecord[]> {
  const { docs } = await payload.find({
    collection: CONSENT_RECORDS as 'consent-records',
    depth: 0,
    limit: 0,
    pagination: false,
    sort: 'occurredAt',
    where: { subscriber: { equals: subscriberId } },
  })
  return docs
}

/** The same ledger as the gate reads it: topics as id strings. */
export async function ledgerEvents(payload: Payload, subscriberId: number | string): Promise<ConsentEvent[]> {
  return (await ledgerRecords(payload, subscriberId)).map((record) => ({
    action: record.action,
    channel: record.channel,
    occurredAt: record.occurredAt,
    purpose: record.purpose,
    topic: relationKey(record.topic),
  }))
}

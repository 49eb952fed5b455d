import type { Payload, PayloadRequest, Where } from 'payload'

import { idFromKey, readRows, relationKey } from '@kontorwerk/personalization'

import type { ConsentRecord } from '../documents'
import type { ConsentEvent } from './consentState'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'

/** One subscriber's ledger, oldest first. */
export function ledgerRecords(payload: Payload, subscriberId: number | string): Promise<ConsentRecord[]> {
  return findRecords(payload, { subscriber: { equals: subscriberId } })
}

async function findRecords(payload: Payload, where: Where): Promise<ConsentRecord[]> {
  const { docs } = await payload.find({
    collection: CONSENT_RECORDS as 'consent-records',
    depth: 0,
    limit: 0,
    pagination: false,
    sort: 'occurredAt',
    where,
  })
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

/** One purpose's part of several subscribers' ledgers, oldest first, by subscriber id (read in bulk: event intake, campaign sends). */
export async function ledgersOf(
  payload: Payload,
  subscriberIds: string[],
  purpose: ConsentEvent['purpose'],
): Promise<Map<string, ConsentEvent[]>> {
  const ledgers = new Map<string, ConsentEvent[]>()
  const rows = await readRows(
    payload,
    CONSENT_RECORDS,
    ['subscriber', 'action', 'channel', 'occurredAt', 'purpose', 'topic'],
    [
      { field: 'subscriber', in: subscriberIds.map((id) => idFromKey(payload, id)) },
      { field: 'purpose', in: [purpose] },
    ],
  )
  rows.sort((a, b) => new Date(String(a.occurredAt)).getTime() - new Date(String(b.occurredAt)).getTime())
  for (const row of rows) {
    const key = String(row.subscriber)
    let ledger = ledgers.get(key)
    if (!ledger) ledgers.set(key, (ledger = []))
    ledger.push(toConsentEvent(row as unknown as ConsentRecord))
  }
  return ledgers
}

/**
 * Several subscribers' whole ledgers by subscriber id, in the order written (ties in time keep it,
 * as the gate's order and the SQL form do); with `req`, inside its transaction.
 */
export async function ledgersInOrder(
  payload: Payload,
  subscriberIds: (number | string)[],
  req?: PayloadRequest,
): Promise<Map<string, ConsentEvent[]>> {
  const ledgers = new Map<string, ConsentEvent[]>()
  if (!subscriberIds.length) return ledgers
  const { docs } = await payload.find({
    collection: CONSENT_RECORDS as 'consent-records',
    depth: 0,
    limit: 0,
    pagination: false,
    req,
    sort: 'id',
    where: { subscriber: { in: subscriberIds } },
  })
  for (const record of docs) {
    const key = relationKey(record.subscriber)!
    ledgers.set(key, [...(ledgers.get(key) ?? []), toConsentEvent(record)])
  }
  return ledgers
}

export const trackingLedgers = (payload: Payload, subscriberIds: string[]) =>
  ledgersOf(payload, subscriberIds, 'tracking')

import type { Payload } from 'payload'

import type { ContactProfile, ContactRequest } from './canContact'
import type { ConsentEvent } from './consentState'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { canContact } from './canContact'
import { consentOptions } from './options'

const idOf = (ref: unknown) => (ref && typeof ref === 'object' ? String((ref as { id: unknown }).id) : ref == null ? null : String(ref))

/** Everything the gate needs about one subscriber, read from the ledger (the truth), preferences and send history. */
export async function loadContactProfile(payload: Payload, subscriberId: number | string): Promise<ContactProfile> {
  const [subscriber, records] = await Promise.all([
    payload.findByID({ id: subscriberId, collection: 'subscribers', depth: 0 }),
    payload.find({ collection: CONSENT_RECORDS as 'consent-records', depth: 0, limit: 0, pagination: false, sort: 'occurredAt', where: { subscriber: { equals: subscriberId } } }),
  ])
  const consents: ConsentEvent[] = records.docs.map((record) => ({
    action: record.action,
    channel: record.channel,
    occurredAt: record.occurredAt,
    purpose: record.purpose,
    topic: idOf(record.topic),
  }))
  return {
    consents,
    preferences: subscriber.preferences ?? null,
    recentContacts: (subscriber.sendHistory ?? []).flatMap((send) => (send.sentAt ? [send.sentAt] : [])),
  }
}

/** The gate for one stored subscriber; topic is a topic id. */
export async function canContactSubscriber(payload: Payload, subscriberId: number | string, request: ContactRequest) {
  return canContact(await loadContactProfile(payload, subscriberId), request, consentOptions(payload).systemCap)
}

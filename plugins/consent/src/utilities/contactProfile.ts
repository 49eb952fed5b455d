import type { Payload } from 'payload'

import type { ContactProfile, ContactRequest } from './canContact'

import { channelBudget, contactBudgetSettings } from '../globals/ContactBudget'
import { canContact, canTrack } from './canContact'
import { ledgerEvents, trackingLedgers } from './ledger'

/** Everything the gate needs about one subscriber, read from the ledger (the truth), preferences and send history. */
export async function loadContactProfile(payload: Payload, subscriberId: number | string): Promise<ContactProfile> {
  const [subscriber, consents] = await Promise.all([
    payload.findByID({ id: subscriberId, collection: 'subscribers', depth: 0 }),
    ledgerEvents(payload, subscriberId),
  ])
  return {
    consents,
    preferences: subscriber.preferences ?? null,
    recentContacts: (subscriber.sendHistory ?? []).flatMap((send) => (send.sentAt ? [send.sentAt] : [])),
    undeliverableSince: subscriber.deliverability?.undeliverableSince ?? null,
  }
}

/** The gate for one stored subscriber; topic is a topic id. */
export async function canContactSubscriber(payload: Payload, subscriberId: number | string, request: ContactRequest) {
  const [profile, settings] = await Promise.all([
    loadContactProfile(payload, subscriberId),
    contactBudgetSettings(payload),
  ])
  return canContact(profile, request, channelBudget(settings, request.channel))
}

/** Which of these subscribers may be tracked now (opens, clicks, page views, implicit interests). */
export async function trackingAllowed(payload: Payload, subscriberIds: string[]): Promise<Set<string>> {
  const ledgers = await trackingLedgers(payload, subscriberIds)
  return new Set(subscriberIds.filter((id) => canTrack(ledgers.get(id) ?? [])))
}

import type { Payload } from 'payload'

import type { ContactDecision } from '@kontorwerk/consent'

import { canContact, canTrack, consentOptions, ledgersOf } from '@kontorwerk/consent'
import { idFromKey, readRows, relationKeys } from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'

import { CAMPAIGN_SENDS, SENT_EVENT_PREFIX } from '../defaults'

const DAY = 24 * 60 * 60 * 1000
/** How far back sends count for the repeat guard (caps look at their own, shorter windows). */
const HISTORY_DAYS = 90

export type RecipientProfile = {
  decision: ContactDecision
  /** Blocks of the subscriber's recent sends, newest last (the newsletter's repeat guard). */
  recentBlocks: string[][]
  subscriber: Subscriber
  trackable: boolean
}

export type GateRequest = {
  at: Date
  channel: string
  exemptFromCaps?: boolean
  important: boolean
  topic: null | string
}

/**
 * Everything the gate and the engine need for one batch, in a few bulk reads: profiles, both parts
 * of the consent ledger and the send history (this product's send records, the profile's own
 * history and sends reported by other systems as `email_sent` events). Read at send time, so an
 * unsubscribe or a pause given a moment ago counts.
 */
export async function recipientProfiles(
  payload: Payload,
  subscriberIds: string[],
  request: GateRequest,
): Promise<Map<string, RecipientProfile>> {
  const keys = subscriberIds.map((id) => idFromKey(payload, id))
  const since = new Date(request.at.getTime() - HISTORY_DAYS * DAY)
  const [{ docs }, marketing, tracking, sends, reported] = await Promise.all([
    // With the link keys (hidden fields): each mail's links are signed for its recipient only.
    payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: subscriberIds.length,
      pagination: false,
      showHiddenFields: true,
      where: { id: { in: keys } },
    }),
    ledgersOf(payload, subscriberIds, 'marketing'),
    ledgersOf(payload, subscriberIds, 'tracking'),
    readRows(
      payload,
      CAMPAIGN_SENDS,
      ['subscriber', 'sentAt', 'blocks'],
      [
        { field: 'subscriber', in: keys },
        { field: 'state', in: ['sent'] },
        { atLeast: since, field: 'sentAt' },
      ],
    ),
    readRows(
      payload,
      'events',
      ['subscriber', 'occurredAt', 'eventId'],
      [
        { field: 'subscriber', in: keys },
        { field: 'type', in: ['email_sent'] },
        { atLeast: since, field: 'occurredAt' },
      ],
    ),
  ])
  const history = new Map<string, { at: string; blocks: string[] }[]>()
  const add = (subscriber: unknown, at: unknown, blocks: string[]) => {
    const key = String(subscriber)
    let list = history.get(key)
    if (!list) history.set(key, (list = []))
    list.push({ at: new Date(String(at)).toISOString(), blocks })
  }
  for (const row of sends) add(row.subscriber, row.sentAt, blocksOf(row.blocks))
  // Our own sends are there already as records; other `email_sent` events come from other systems.
  for (const row of reported)
    if (!String(row.eventId).startsWith(SENT_EVENT_PREFIX)) add(row.subscriber, row.occurredAt, [])
  const { systemCap } = consentOptions(payload)
  const profiles = new Map<string, RecipientProfile>()
  for (const subscriber of docs) {
    const key = String(subscriber.id)
    const own = (subscriber.sendHistory ?? []).flatMap((send) =>
      send.sentAt ? [{ at: send.sentAt, blocks: relationKeys(send.blocks) }] : [],
    )
    const sent = [...own, ...(history.get(key) ?? [])].sort((a, b) => a.at.localeCompare(b.at))
    const decision = canContact(
      {
        consents: marketing.get(key) ?? [],
        preferences: subscriber.preferences ?? null,
        recentContacts: sent.map((send) => send.at),
        undeliverableSince: subscriber.deliverability?.undeliverableSince ?? null,
      },
      {
        at: request.at,
        channel: request.channel,
        exemptFromCaps: request.exemptFromCaps,
        important: request.important,
        topic: request.topic,
      },
      systemCap,
    )
    profiles.set(key, {
      decision,
      recentBlocks: sent.map((send) => send.blocks),
      subscriber,
      trackable: canTrack(tracking.get(key) ?? [], request.channel),
    })
  }
  return profiles
}

/** JSON columns come back parsed (PostgreSQL, MongoDB) or as text (SQLite). */
function json(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return null
  }
}

const blocksOf = (value: unknown): string[] => {
  const blocks = json(value)
  return Array.isArray(blocks) ? blocks.map(String) : []
}

import type { Payload } from 'payload'

import type { BudgetWindow, ContactDecision } from '@kontorwerk/consent'

import {
  budgetWindows,
  canContact,
  canTrack,
  channelBudget,
  contactBudgetSettings,
  ledgersOf,
} from '@kontorwerk/consent'
import { idFromKey, readRows, relationKeys } from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'

import { CAMPAIGN_SENDS, CAMPAIGNS, SENT_EVENT_PREFIX } from '../defaults'
import { reservedAhead, windowsLeft } from './contactBudget'

const DAY = 24 * 60 * 60 * 1000
/** How far back sends count for the repeat guard (caps look at their own, shorter windows). */
const HISTORY_DAYS = 90

export type RecipientProfile = {
  /** What the budget has left for this product's own sends, checked again at the commit. */
  budget: BudgetWindow[]
  decision: ContactDecision
  /** Blocks of the subscriber's recent sends, newest last (the newsletter's repeat guard). */
  recentBlocks: string[][]
  subscriber: Subscriber
  trackable: boolean
}

/** One earlier send: `record` says whether it is one of our send records on this channel, on another, or none (history, other systems). */
type Send = { at: string; blocks: string[]; record: 'channel' | 'other' | null }

export type GateRequest = {
  at: Date
  /** The campaign asking: its own pending records reserve nothing against it. */
  campaign: string
  channel: string
  important: boolean
  priority: null | string
  topic: null | string
}

/**
 * Everything the gate and the engine need for one batch, in a few bulk reads: profiles, both parts
 * of the consent ledger, the send history (this product's send records on the channel, the
 * profile's own history and sends reported by other systems as `email_sent` events) and the
 * higher-priority messages waiting for each recipient. Read at send time, so an unsubscribe or a
 * pause given a moment ago counts.
 */
export async function recipientProfiles(
  payload: Payload,
  subscriberIds: string[],
  request: GateRequest,
): Promise<Map<string, RecipientProfile>> {
  const keys = subscriberIds.map((id) => idFromKey(payload, id))
  const since = new Date(request.at.getTime() - HISTORY_DAYS * DAY)
  const [{ docs }, marketing, tracking, sends, reported, reserved, settings] = await Promise.all([
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
      ['subscriber', 'sentAt', 'blocks', 'campaign'],
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
    reservedAhead(payload, subscriberIds, request),
    contactBudgetSettings(payload),
  ])
  const onChannel = await campaignsOnChannel(payload, sends, request.channel)
  const history = new Map<string, Send[]>()
  const add = (subscriber: unknown, at: unknown, blocks: string[], record: Send['record']) => {
    const key = String(subscriber)
    let list = history.get(key)
    if (!list) history.set(key, (list = []))
    list.push({ at: new Date(at as Date | string).toISOString(), blocks, record })
  }
  for (const row of sends)
    add(row.subscriber, row.sentAt, blocksOf(row.blocks), onChannel.has(String(row.campaign)) ? 'channel' : 'other')
  // Our own sends are there already as records; other `email_sent` events come from other systems.
  for (const row of reported)
    if (!String(row.eventId).startsWith(SENT_EVENT_PREFIX)) add(row.subscriber, row.occurredAt, [], null)
  const budget = channelBudget(settings, request.channel)
  const profiles = new Map<string, RecipientProfile>()
  for (const subscriber of docs) {
    const key = String(subscriber.id)
    const own = (subscriber.sendHistory ?? []).flatMap((send) =>
      send.sentAt ? [{ at: send.sentAt, blocks: relationKeys(send.blocks), record: null }] : [],
    )
    const sent = [...own, ...(history.get(key) ?? [])].sort((a, b) => a.at.localeCompare(b.at))
    // Sends on other channels use their own budget (the history and other systems' reports are email); the repeat guard sees them all.
    const contacts = sent.filter((send) => (send.record ? send.record === 'channel' : request.channel === 'email'))
    const decision = canContact(
      {
        consents: marketing.get(key) ?? [],
        preferences: subscriber.preferences ?? null,
        recentContacts: contacts.map((send) => send.at),
        undeliverableSince: subscriber.deliverability?.undeliverableSince ?? null,
      },
      {
        at: request.at,
        channel: request.channel,
        important: request.important,
        reserved: reserved.get(key) ?? 0,
        topic: request.topic,
      },
      budget,
    )
    profiles.set(key, {
      budget: windowsLeft(
        budgetWindows(budget, subscriber.preferences?.frequency),
        contacts.filter((send) => !send.record).map((send) => send.at),
        request.at,
      ),
      decision,
      recentBlocks: sent.map((send) => send.blocks),
      subscriber,
      trackable: canTrack(tracking.get(key) ?? [], request.channel),
    })
  }
  return profiles
}

/** Which of the campaigns these send records belong to went out on the channel. */
async function campaignsOnChannel(payload: Payload, sends: Record<string, unknown>[], channel: string) {
  const ids = [...new Set(sends.map((row) => String(row.campaign)))]
  if (ids.length === 0) return new Set<string>()
  const { docs } = await payload.find({
    collection: CAMPAIGNS as 'campaigns',
    depth: 0,
    limit: 0,
    pagination: false,
    select: {},
    where: { channel: { equals: channel }, id: { in: ids.map((id) => idFromKey(payload, id)) } },
  })
  return new Set(docs.map((doc) => String(doc.id)))
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

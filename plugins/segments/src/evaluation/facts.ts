import type { Payload, PayloadRequest } from 'payload'

import type { ConsentEvent } from '@kontorwerk/consent'
import type { StoredLeadScore } from '@kontorwerk/personalization'

import { ledgersInOrder, preferencesOf, type StoredPreferences } from '@kontorwerk/consent'
import { relationKey } from '@kontorwerk/personalization'

import type { RuleGroup } from '../rules/types'
import type { Environment } from './environment'

import { walkRules } from '../rules/references'

const DAY = 24 * 60 * 60 * 1000

export type FactEvent = { block: null | string; occurredAt: number; properties: Record<string, unknown>; type: string }

/** What the in-memory evaluator knows about one subscriber, read through Payload (any database). */
export type SubscriberFacts = {
  addressForm: null | string
  attributes: Record<string, unknown>
  consents: ConsentEvent[]
  email: string
  /** Only the event types and the window the rules ask about. */
  events: FactEvent[]
  id: string
  interests: { interest: string; lastSeenAt: null | number; source: string; weight: number }[]
  locale: null | string
  persona: null | string
  personaFits: Record<string, number>
  preferences: StoredPreferences
  /** The purchase prediction (scoring plugin); null measures: no purchases, no data. */
  prediction: StoredLeadScore['prediction']
  region: null | string
  score: { engagementAsOf: null | number; engagementValue: number; fitAttributes: number; fitEvents: number }
  stage: null | string
  stageHistory: { changedAt: null | number; stage: null | string }[]
  /** Static segments (of those the rules use) this subscriber is a member of. */
  staticSegments: Set<string>
}

/** Which events the rules (and the segments they use) look at, and from when. */
export function eventNeeds(tree: RuleGroup, env: Environment): { since: number; types: Set<string> } {
  const types = new Set<string>()
  let since = env.now.getTime()
  const visit = (group: RuleGroup) => {
    for (const { rule } of walkRules(group)) {
      if (rule.field === 'events')
        (types.add(rule.value.type), (since = Math.min(since, env.now.getTime() - rule.value.days * DAY)))
      if (rule.field === 'contacted')
        (types.add('email_sent'), (since = Math.min(since, env.now.getTime() - rule.value.days * DAY)))
      if (rule.field === 'receivedCampaign') (types.add('email_sent'), (since = 0))
      if (rule.field === 'rfm') (types.add('purchase'), (since = 0))
      if (rule.field === 'segment') {
        const used = env.segments.get(String(rule.value))?.tree
        if (used) visit(used)
      }
    }
  }
  visit(tree)
  return { since, types }
}

const NO_PREDICTION: StoredLeadScore['prediction'] = {
  expectedPurchases: null,
  expectedValue: null,
  probabilityAlive: null,
}

const time = (value: unknown) => (value == null ? null : new Date(value as string).getTime())

/** Facts for many subscribers at once: one query per collection, whatever their number. */
export async function loadFacts(
  payload: Payload,
  ids: string[],
  tree: RuleGroup,
  env: Environment,
  req?: PayloadRequest,
): Promise<SubscriberFacts[]> {
  if (!ids.length) return []
  const needs = eventNeeds(tree, env)
  const staticIds = [...env.segments.values()]
    .filter((segment) => segment.kind === 'static')
    .map((segment) => segment.id)
  const all = { depth: 0, limit: 0, pagination: false as const, req }
  const [subscribers, consentsOf, events, memberships] = await Promise.all([
    payload.find({ ...all, collection: 'subscribers', where: { id: { in: ids } } }),
    ledgersInOrder(payload, ids, req),
    needs.types.size
      ? payload.find({
          ...all,
          collection: 'events',
          where: {
            and: [
              { subscriber: { in: ids } },
              { type: { in: [...needs.types] } },
              { occurredAt: { greater_than_equal: new Date(needs.since).toISOString() } },
            ],
          },
        })
      : { docs: [] },
    staticIds.length
      ? payload.find({
          ...all,
          collection: 'segment-members',
          where: { and: [{ subscriber: { in: ids } }, { segment: { in: staticIds } }] },
        })
      : { docs: [] },
  ])
  const bySubscriber = <T extends { subscriber?: unknown }>(docs: T[]) => {
    const grouped = new Map<string, T[]>()
    for (const doc of docs) {
      const key = relationKey(doc.subscriber as never)!
      grouped.set(key, [...(grouped.get(key) ?? []), doc])
    }
    return grouped
  }
  const scoreOf = env.leadScores
    ? await env.leadScores.read(payload, subscribers.docs, req)
    : new Map<string, StoredLeadScore>()
  const eventsOf = bySubscriber(
    events.docs as {
      block?: null | string
      occurredAt: string
      properties?: unknown
      subscriber: unknown
      type: string
    }[],
  )
  const membershipsOf = bySubscriber(memberships.docs as { segment: unknown; subscriber: unknown }[])
  return subscribers.docs.map((doc) => {
    const id = String(doc.id)
    const score = scoreOf.get(id)
    return {
      addressForm: doc.addressForm ?? null,
      attributes: isRecord(doc.attributes) ? doc.attributes : {},
      consents: consentsOf.get(id) ?? [],
      email: doc.email,
      events: (eventsOf.get(id) ?? []).map((event) => ({
        block: event.block ?? null,
        occurredAt: time(event.occurredAt)!,
        properties: isRecord(event.properties) ? event.properties : {},
        type: event.type,
      })),
      id,
      interests: (doc.interests ?? []).map((entry) => ({
        interest: relationKey(entry.interest)!,
        lastSeenAt: time(entry.lastSeenAt),
        source: entry.source ?? 'explicit',
        weight: entry.weight ?? 1,
      })),
      locale: doc.locale ?? null,
      persona: relationKey(doc.persona),
      personaFits: score?.personaFits ?? {},
      preferences: preferencesOf(doc),
      prediction: score?.prediction ?? NO_PREDICTION,
      region: doc.region ?? null,
      score: {
        engagementAsOf: score?.engagementAsOf ?? null,
        engagementValue: score?.engagementValue ?? 0,
        fitAttributes: score?.fitAttributes ?? 0,
        fitEvents: score?.fitEvents ?? 0,
      },
      stage: relationKey(doc.stage),
      stageHistory: (doc.stageHistory ?? []).map((entry) => ({
        changedAt: time(entry.changedAt),
        stage: relationKey(entry.stage),
      })),
      staticSegments: new Set((membershipsOf.get(id) ?? []).map((member) => relationKey(member.segment as never)!)),
    }
  })
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

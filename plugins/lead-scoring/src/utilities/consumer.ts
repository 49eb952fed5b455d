import type { Payload } from 'payload'

import type { BulkWrite, EventConsumer, StoredEvent } from '@kontorwerk/personalization'

import { EVENT_TYPES, idFromKey, queuedJob, readRows } from '@kontorwerk/personalization'

import type { EventRule, ScoringModel } from './model'

import { SCORE_HITS } from '../collections/ScoreHits'
import { IMPLICIT_INTERESTS_TASK } from '../jobs/implicitInterests'
import { type Behaviour, behaviourWrites, NO_BEHAVIOUR, storedBehaviour } from './behaviour'
import { matchesCondition } from './conditions'
import { addPoints } from './decay'
import { interestSignalSubscribers } from './interests'
import { scoringModel } from './model'
import { periodKey } from './periods'
import { evaluateStages } from './stages'

export type HitRow = {
  axis: 'engagement' | 'fit'
  eventId: string
  eventType: string
  occurredAt: Date
  period: null | string
  points: number
  rule: string
  ruleName: string
  subscriber: string
}

const hitKey = (subscriber: string, rule: string, period: string) => `${subscriber}|${rule}|${period}`

export function ruleMatches(rule: EventRule, event: Pick<StoredEvent, 'block' | 'properties' | 'type'>): boolean {
  return rule.eventType === event.type && rule.filters.every((filter) => matchesCondition(event, filter))
}

/**
 * Applies the event rules to a batch: hits (respecting caps per calendar period, counting the
 * stored hits and this batch's) and the subscribers' new score columns. Pure given its inputs.
 */
export function scoreBatch(
  events: StoredEvent[],
  model: ScoringModel,
  stored: Map<string, Behaviour>,
  capCounts: Map<string, number>,
) {
  const states = new Map<string, Behaviour>()
  const hits: HitRow[] = []
  for (const event of [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    let state = states.get(event.subscriber)
    if (!state) states.set(event.subscriber, (state = { ...(stored.get(event.subscriber) ?? NO_BEHAVIOUR) }))
    if (EVENT_TYPES[event.type].engagement && (!state.lastEngagedAt || event.occurredAt > state.lastEngagedAt))
      state.lastEngagedAt = event.occurredAt
    for (const rule of model.eventRules.get(event.type) ?? []) {
      if (!ruleMatches(rule, event)) continue
      const period = rule.cap ? periodKey(event.occurredAt, rule.cap.period) : null
      if (rule.cap && period) {
        const key = hitKey(event.subscriber, rule.id, period)
        const count = capCounts.get(key) ?? 0
        if (count >= rule.cap.count) continue
        capCounts.set(key, count + 1)
      }
      hits.push({
        axis: rule.axis,
        eventId: event.eventId,
        eventType: event.type,
        occurredAt: event.occurredAt,
        period,
        points: rule.points,
        rule: rule.id,
        ruleName: rule.name,
        subscriber: event.subscriber,
      })
      if (rule.axis === 'fit') state.fitEvents += rule.points
      else
        Object.assign(
          state,
          toColumns(
            addPoints(
              { asOf: state.engagementAsOf, value: state.engagementValue },
              rule.points,
              event.occurredAt,
              model.settings.halfLifeDays,
            ),
          ),
        )
    }
  }
  return { hits, states }
}

const toColumns = ({ asOf, value }: { asOf: Date | null; value: number }) => ({
  engagementAsOf: asOf,
  engagementValue: value,
})

/** Stored hits per (subscriber, rule, period) for the capped rules this batch touches. */
async function storedCapCounts(
  payload: Payload,
  events: StoredEvent[],
  model: ScoringModel,
): Promise<Map<string, number>> {
  const capped = events.flatMap((event) =>
    (model.eventRules.get(event.type) ?? [])
      .filter((rule) => rule.cap && ruleMatches(rule, event))
      .map((rule) => ({ event, rule })),
  )
  const counts = new Map<string, number>()
  if (capped.length === 0) return counts
  const hits = await readRows(
    payload,
    SCORE_HITS,
    ['subscriber', 'rule', 'period'],
    [
      {
        field: 'subscriber',
        in: [...new Set(capped.map(({ event }) => event.subscriber))].map((id) => idFromKey(payload, id)),
      },
      { field: 'rule', in: [...new Set(capped.map(({ rule }) => rule.id))] },
      {
        field: 'period',
        in: [...new Set(capped.map(({ event, rule }) => periodKey(event.occurredAt, rule.cap!.period)))],
      },
    ],
  )
  for (const hit of hits) {
    const key = hitKey(String(hit.subscriber), String(hit.rule), String(hit.period ?? ''))
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Lead scoring as an event consumer: hits and score columns commit with the events; stages and interests settle after. */
export const leadScoringConsumer: EventConsumer = {
  name: 'lead-scoring',
  plan: async ({ events, payload }): Promise<BulkWrite> => {
    const model = await scoringModel.get(payload)
    const subscribers = [...new Set(events.map((event) => event.subscriber))]
    const [stored, capCounts] = await Promise.all([
      storedBehaviour(payload, subscribers),
      storedCapCounts(payload, events, model),
    ])
    const { hits, states } = scoreBatch(events, model, stored, capCounts)
    const signalled = interestSignalSubscribers(events)
    const behaviour = behaviourWrites(stored, states)
    return {
      inserts: [
        ...behaviour.inserts,
        { collection: SCORE_HITS, docs: hits },
        // Queued in the same transaction as the events: the job exists exactly when its events do.
        {
          collection: 'payload-jobs',
          docs: signalled.length ? [queuedJob(IMPLICIT_INTERESTS_TASK, { subscribers: signalled })] : [],
        },
      ],
      updates: behaviour.updates,
    }
  },
  settle: async ({ now, payload, subscribers }) => {
    await evaluateStages(payload, { now, subscribers })
  },
}

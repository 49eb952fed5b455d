import type { Payload } from 'payload'

import { relationKey } from '@kontorwerk/personalization'

import { SCORE_HITS } from '../collections/ScoreHits'
import { storedBehaviour } from './behaviour'
import { decayedAt } from './decay'
import { scoringModel } from './model'
import { profileScore } from './profile'
import { readScore, roundScore } from './scoreState'

const round = (value: number) => Math.round(value * 100) / 100

/**
 * Every number of a subscriber's score with its reasons (docs/plugins/lead-scoring.md#explain): the profile rules that match,
 * each rule hit with its date, points and decayed points, persona fits and the stage history.
 * Null for an unknown subscriber.
 */
export async function leadScore(payload: Payload, subscriberId: number | string, now = new Date()) {
  const [model, subscriber, hits, behaviour] = await Promise.all([
    scoringModel.get(payload),
    payload.findByID({ collection: 'subscribers', depth: 0, disableErrors: true, id: subscriberId }),
    payload.find({
      collection: SCORE_HITS as 'score-hits',
      depth: 0,
      limit: 0,
      pagination: false,
      sort: '-occurredAt',
      where: { subscriber: { equals: subscriberId } },
    }),
    storedBehaviour(payload, [String(subscriberId)]).then((rows) => rows.get(String(subscriberId))),
  ])
  if (!subscriber) return null
  const reading = readScore(
    { ...behaviour, fitAttributes: subscriber.score?.fitAttributes },
    subscriber.createdAt,
    now,
    model,
  )
  const profile = profileScore(subscriber as unknown as Record<string, unknown>, model)
  const stageKey = (id: unknown) => model.stages.get(relationKey(id as never) ?? '')?.key ?? null
  return {
    daysWithoutEngagement: reading.daysWithoutEngagement,
    engagement: roundScore(reading.engagement),
    fit: roundScore(reading.fit),
    total: roundScore(reading.total),
    attributeRules: profile.matched.map((rule) => ({ name: rule.name, points: rule.points, rule: rule.id })),
    halfLifeDays: model.settings.halfLifeDays,
    hits: hits.docs.map((hit) => ({
      axis: hit.axis,
      decayedPoints: round(
        hit.axis === 'fit'
          ? hit.points
          : decayedAt({ asOf: new Date(hit.occurredAt), value: hit.points }, now, model.settings.halfLifeDays),
      ),
      eventId: hit.eventId ?? null,
      eventType: hit.eventType ?? null,
      occurredAt: hit.occurredAt,
      points: hit.points,
      rule: hit.rule,
      ruleName: hit.ruleName ?? hit.rule,
    })),
    lastEngagedAt: behaviour?.lastEngagedAt?.toISOString() ?? null,
    personaFits: Object.entries(profile.fits).map(([persona, fit]) => ({ fit, persona })),
    primaryPersona: relationKey(subscriber.persona),
    stage: stageKey(subscriber.stage),
    stageHistory: (subscriber.stageHistory ?? []).map((entry) => ({
      changedAt: entry.changedAt ?? null,
      reason: entry.reason ?? null,
      source: entry.source ?? null,
      stage: stageKey(entry.stage),
    })),
    subscriber: String(subscriber.id),
  }
}

export type LeadScore = NonNullable<Awaited<ReturnType<typeof leadScore>>>

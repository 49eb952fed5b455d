import type { LeadScores, PredictionMeasure } from '@kontorwerk/personalization'

import { relationKey, sql } from '@kontorwerk/personalization'

import { LEAD_SCORES } from '../collections/LeadScores'

const time = (value: unknown) => (value == null ? null : new Date(value as string).getTime())
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The prediction group's columns (Payload's snake case of `prediction.<measure>`). */
const PREDICTION_COLUMNS: Record<PredictionMeasure, string> = {
  expectedPurchases: 'prediction_expected_purchases',
  expectedValue: 'prediction_expected_value',
  probabilityAlive: 'prediction_probability_alive',
}

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

function predictionOf(subscriber: object): Record<PredictionMeasure, null | number> {
  const prediction = (subscriber as { prediction?: null | Partial<Record<PredictionMeasure, unknown>> }).prediction
  return {
    expectedPurchases: numberOrNull(prediction?.expectedPurchases),
    expectedValue: numberOrNull(prediction?.expectedValue),
    probabilityAlive: numberOrNull(prediction?.probabilityAlive),
  }
}

/**
 * Where scores live, for plugins that select by them (registered with the core; segments reads it):
 * the profile's part in the subscriber's `score` group (columns `score_*`), the behavioural part
 * in `lead-scores`, one row per subscriber (table `lead_scores`).
 */
export const leadScoreReads: LeadScores = {
  personaFitsOf: (subscriber) => {
    const fits = (subscriber as { score?: { personaFits?: unknown } }).score?.personaFits
    return isRecord(fits) ? (fits as Record<string, number>) : {}
  },
  async read(payload, subscribers, req) {
    const ids = subscribers.map((subscriber) => subscriber.id)
    const rows = ids.length
      ? (
          await payload.find({
            collection: LEAD_SCORES as 'lead-scores',
            depth: 0,
            limit: 0,
            pagination: false,
            req,
            where: { subscriber: { in: ids } },
          })
        ).docs
      : []
    const rowOf = new Map(rows.map((row) => [relationKey(row.subscriber)!, row]))
    return new Map(
      subscribers.map((subscriber) => {
        const id = String(subscriber.id)
        const row = rowOf.get(id)
        const profile = (subscriber as { score?: { fitAttributes?: null | number } }).score
        return [
          id,
          {
            engagementAsOf: time(row?.engagementAsOf),
            engagementValue: row?.engagementValue ?? 0,
            fitAttributes: profile?.fitAttributes ?? 0,
            fitEvents: row?.fitEvents ?? 0,
            personaFits: leadScoreReads.personaFitsOf(subscriber),
            prediction: predictionOf(subscriber),
          },
        ]
      }),
    )
  },
  sql: {
    fitAttributes: (subscriber) => sql`${subscriber}.score_fit_attributes`,
    fromScoreRow: (subscriber, value) =>
      sql`(select ${value({ engagementAsOf: sql`ls.engagement_as_of`, engagementValue: sql`ls.engagement_value`, fitEvents: sql`ls.fit_events` })} from lead_scores ls where ls.subscriber_id = ${subscriber}.id)`,
    personaFits: (subscriber) => sql`${subscriber}.score_persona_fits`,
    prediction: (subscriber, measure) => sql`${subscriber}.${sql.identifier(PREDICTION_COLUMNS[measure])}`,
  },
}

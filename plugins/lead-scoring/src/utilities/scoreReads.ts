import type { LeadScores, PredictionMeasure } from '@kontorwerk/personalization'

import { relationKey, sql } from '@kontorwerk/personalization'

import { LEAD_SCORES } from '../collections/LeadScores'
import { activePredictions, predictionSql, type StoredPrediction } from '../predictions/activePredictions'

const time = (value: unknown) => (value == null ? null : new Date(value as string).getTime())
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** No purchases in the active model's window, or no model: no data, not 0. */
const NO_PREDICTION: Record<PredictionMeasure, null> = {
  expectedPurchases: null,
  expectedValue: null,
  probabilityAlive: null,
}

const pick = (stored: StoredPrediction | undefined): Record<PredictionMeasure, null | number> =>
  stored
    ? {
        expectedPurchases: stored.expectedPurchases,
        expectedValue: stored.expectedValue,
        probabilityAlive: stored.probabilityAlive,
      }
    : NO_PREDICTION

/**
 * Where scores live, for plugins that select by them (registered with the core; segments reads it):
 * the profile's part in the subscriber's `score` group (columns `score_*`), the behavioural part
 * in `lead-scores`, one row per subscriber (table `lead_scores`), the purchase prediction in
 * `purchase-predictions` (the active model's row).
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
    const predictions = await activePredictions(payload, ids, req)
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
            prediction: pick(predictions.get(id)),
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
    prediction: predictionSql,
  },
}

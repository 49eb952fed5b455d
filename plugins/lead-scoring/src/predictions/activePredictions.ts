import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { relationKey, sql, type SQL } from '@kontorwerk/personalization'

import { PREDICTION_NUMBERS, type PredictionNumbers } from './predictionWrites'
import { PURCHASE_MODELS, PURCHASE_PREDICTIONS } from './slugs'

/** A buyer's prediction under the active model, as the subscriber's `prediction` group shows it. */
export type StoredPrediction = { [Name in keyof PredictionNumbers]: null | number } & {
  model: number | string
  /** The end of the model's data window: what the numbers are as of. */
  scoredAt: string
}

const ID_CHUNK = 1_000
const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** The model in use, if any (one at a time: the refit switches it in one transaction). */
async function activeModel(payload: Payload, req?: PayloadRequest) {
  const { docs } = await payload.find({
    collection: PURCHASE_MODELS as CollectionSlug,
    depth: 0,
    limit: 1,
    pagination: false,
    req,
    select: { windowEnd: true } as never,
    sort: '-fittedAt',
    where: { status: { equals: 'active' } },
  })
  return docs[0] as unknown as undefined | { id: number | string; windowEnd: string }
}

/**
 * The active model's predictions of these subscribers, by subscriber id. Someone without one (no
 * purchases in the model's window, or no model yet) is missing: "no data", never 0.
 */
export async function activePredictions(
  payload: Payload,
  subscriberIds: (number | string)[],
  req?: PayloadRequest,
): Promise<Map<string, StoredPrediction>> {
  const found = new Map<string, StoredPrediction>()
  if (subscriberIds.length === 0) return found
  const model = await activeModel(payload, req)
  if (!model) return found
  for (let start = 0; start < subscriberIds.length; start += ID_CHUNK) {
    const { docs } = await payload.find({
      collection: PURCHASE_PREDICTIONS as CollectionSlug,
      depth: 0,
      limit: 0,
      pagination: false,
      req,
      where: {
        and: [{ model: { equals: model.id } }, { subscriber: { in: subscriberIds.slice(start, start + ID_CHUNK) } }],
      },
    })
    for (const doc of docs as unknown as Record<string, unknown>[]) {
      const numbers = Object.fromEntries(PREDICTION_NUMBERS.map((name) => [name, numberOrNull(doc[name])]))
      found.set(relationKey(doc.subscriber as never)!, {
        ...(numbers as Record<keyof PredictionNumbers, null | number>),
        model: model.id,
        scoredAt: model.windowEnd,
      })
    }
  }
  return found
}

const COLUMNS: Record<'expectedPurchases' | 'expectedValue' | 'probabilityAlive', string> = {
  expectedPurchases: 'expected_purchases',
  expectedValue: 'expected_value',
  probabilityAlive: 'probability_alive',
}

/**
 * A subscriber's prediction under the active model in SQL (segments): NULL for someone without
 * one. The active model is looked up once per statement (an uncorrelated subquery), the row by the
 * (model, subscriber) index.
 */
export const predictionSql = (subscriber: SQL, measure: keyof typeof COLUMNS): SQL =>
  sql`(select pp.${sql.identifier(COLUMNS[measure])} from purchase_predictions pp where pp.subscriber_id = ${subscriber}.id and pp.model_id = (select pm.id from purchase_models pm where pm.status = 'active' order by pm.fitted_at desc limit 1))`

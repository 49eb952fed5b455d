import type { CollectionConfig, Field } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import { PURCHASE_MODELS, PURCHASE_PREDICTIONS } from '../predictions/slugs'
import { texts, translated } from '../translations'

export { PURCHASE_PREDICTIONS }

const number = (name: string, label: Parameters<typeof translated>[0]): Field => ({
  name,
  type: 'number',
  label: translated(label),
})

/**
 * One buyer's prediction under one fitted model, written in bulk by the refit and read through the
 * subscriber's `prediction` group. A table of its own rather than columns on the subscriber row: a
 * refit writes a million buyers, and on PostgreSQL each update of the wide, many-times-indexed
 * subscriber row cost ~75 µs (docs/benchmarks.md#purchase-prediction), an insert here a fraction of
 * it. Readers take the rows of the `active` model only, so a refit switches every prediction at
 * once when its model becomes active. The rows of the model it replaced stay until the next refit
 * (a reader that looked up the model just before the switch still finds them); older ones are deleted.
 */
export const purchasePredictions = (subscribersSlug: string): CollectionConfig => ({
  slug: PURCHASE_PREDICTIONS,
  access: { create: () => false, delete: () => false, read: isAdmin, update: () => false },
  admin: { group: texts('kontorwerk-lead-scoring:groupLeadScoring'), hidden: true },
  fields: [
    // Neither is required: a subscriber erased while a refit scores them, or a deleted model, leaves
    // the reference empty (the foreign key's ON DELETE SET NULL) instead of failing; the next refit deletes such rows.
    { name: 'subscriber', type: 'relationship', relationTo: subscribersSlug as never },
    { name: 'model', type: 'relationship', relationTo: PURCHASE_MODELS as never },
    number('probabilityAlive', 'kontorwerk-lead-scoring:predictionProbabilityAlive'),
    number('expectedPurchases', 'kontorwerk-lead-scoring:predictionExpectedPurchases'),
    number('expectedValue', 'kontorwerk-lead-scoring:predictionExpectedValue'),
    number('repeatPurchases', 'kontorwerk-lead-scoring:predictionRepeatPurchases'),
    number('recencyWeeks', 'kontorwerk-lead-scoring:predictionRecencyWeeks'),
    number('ageWeeks', 'kontorwerk-lead-scoring:predictionAgeWeeks'),
  ],
  // Readers look up (active model, subscriber); a resumed scoring run cannot write a buyer twice.
  indexes: [{ fields: ['model', 'subscriber'], unique: true }],
  // Nobody edits a row: no lock bookkeeping (and no column for it in Payload's lock table).
  lockDocuments: false,
  labels: {
    plural: translated('kontorwerk-lead-scoring:purchasePredictionsPlural'),
    singular: translated('kontorwerk-lead-scoring:purchasePredictionsSingular'),
  },
  // Every refit inserts a row per buyer: no timestamps and their two indexes (the model says when).
  timestamps: false,
})

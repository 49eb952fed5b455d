import type { Field } from 'payload'

import { isAdminField, shownToAdmins } from '@kontorwerk/personalization'

import { translated } from '../translations'
import { explainPrediction } from './explainPrediction'
import { PURCHASE_MODELS } from './purchaseModel'

/**
 * Derived from purchases (personal data): admins read, query and sort it, editors never see it.
 * On every field, not the group: Payload checks a group's own read access only for the admin form.
 */
const adminsOnly = { read: isAdminField }

/**
 * No index on any of them: every refit rewrites them for every buyer, and with the three results
 * indexed the writes of a million buyers took 53 s instead of 17 (SQLite, docs/benchmarks.md). A
 * segment condition on them is one of several read in the same pass over subscribers anyway.
 */
const readOnlyNumber = (name: string, label: Parameters<typeof translated>[0]): Field => ({
  name,
  type: 'number',
  access: adminsOnly,
  admin: { readOnly: true },
  label: translated(label),
})

/**
 * A buyer's purchase prediction under the active model, written in bulk by the refit (never by a
 * save, so an editor's form cannot overwrite it with an older value). Empty for someone without
 * purchases in the model's window: "no data", never 0. The inputs (x, t_x, T) stand beside the
 * results, so the numbers can be explained and checked.
 */
export const predictionField = (horizonDays: number): Field => ({
  name: 'prediction',
  type: 'group',
  access: { create: () => false, update: () => false },
  admin: {
    condition: shownToAdmins,
    description: translated('kontorwerk-lead-scoring:predictionDescription'),
    readOnly: true,
  },
  fields: [
    {
      name: 'explanation',
      type: 'textarea',
      access: { ...adminsOnly, create: () => false, update: () => false },
      admin: { readOnly: true },
      hooks: { afterRead: [explainPrediction(horizonDays)] },
      label: translated('kontorwerk-lead-scoring:predictionExplanation'),
      virtual: true,
    },
    {
      type: 'row',
      fields: [
        readOnlyNumber('probabilityAlive', 'kontorwerk-lead-scoring:predictionProbabilityAlive'),
        readOnlyNumber('expectedPurchases', 'kontorwerk-lead-scoring:predictionExpectedPurchases'),
        readOnlyNumber('expectedValue', 'kontorwerk-lead-scoring:predictionExpectedValue'),
      ],
    },
    {
      type: 'row',
      fields: [
        readOnlyNumber('repeatPurchases', 'kontorwerk-lead-scoring:predictionRepeatPurchases'),
        readOnlyNumber('recencyWeeks', 'kontorwerk-lead-scoring:predictionRecencyWeeks'),
        readOnlyNumber('ageWeeks', 'kontorwerk-lead-scoring:predictionAgeWeeks'),
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'model',
          type: 'relationship',
          access: adminsOnly,
          admin: { readOnly: true },
          label: translated('kontorwerk-lead-scoring:predictionModel'),
          relationTo: PURCHASE_MODELS as never,
        },
        {
          name: 'scoredAt',
          type: 'date',
          access: adminsOnly,
          admin: { readOnly: true },
          label: translated('kontorwerk-lead-scoring:predictionScoredAt'),
        },
      ],
    },
  ],
  label: translated('kontorwerk-lead-scoring:prediction'),
})

import type { Field, FieldHook } from 'payload'

import { isAdminField, shownToAdmins } from '@kontorwerk/personalization'

import { translated } from '../translations'
import { explainPrediction } from './explainPrediction'
import { loadPrediction } from './predictionLoader'
import { PURCHASE_MODELS } from './slugs'

/**
 * Derived from purchases (personal data): admins read it, editors never see it. On every field,
 * not the group: Payload checks a group's own read access only for the admin form.
 */
const adminsOnly = { read: isAdminField }

const readOnlyNumber = (name: string, label: Parameters<typeof translated>[0]): Field => ({
  name,
  type: 'number',
  access: adminsOnly,
  admin: { readOnly: true },
  label: translated(label),
  // Each one too, not only the group: Payload then refuses a query on it (a 400, not broken SQL).
  virtual: true,
})

/** Someone without a prediction: every value empty, as a stored group without values reads. */
const NO_DATA = {
  ageWeeks: null,
  expectedPurchases: null,
  expectedValue: null,
  model: null,
  probabilityAlive: null,
  recencyWeeks: null,
  repeatPurchases: null,
  scoredAt: null,
}

/** `context` key for server code that reads a subscriber with its prediction (the Local API overrides access). */
export const WITH_PREDICTION = 'kontorwerk-lead-scoring:withPrediction'

/**
 * Reads the prediction from `purchase-predictions` (the active model's row) for a reader with
 * access: admins over REST, GraphQL and the admin panel. Server code (access overridden) reads
 * subscribers on every page view and send, and does not need it: it gets it only when it asks
 * with `context: { [WITH_PREDICTION]: true }`. An editor's read does not query it at all.
 */
const readPrediction: FieldHook = async ({ context, data, overrideAccess, req }) => {
  const id = (data as undefined | { id?: number | string })?.id
  if (id == null) return undefined
  if (overrideAccess ? !context?.[WITH_PREDICTION] : !(await isAdminField({ req } as never))) return undefined
  return (await loadPrediction(req, String(id))) ?? { ...NO_DATA }
}

/**
 * A buyer's purchase prediction under the active model, shown on the subscriber page. Virtual: the
 * numbers live in `purchase-predictions`, written in bulk by the refit (never by a save, so an
 * editor's form cannot overwrite them). Empty for someone without purchases in the model's window:
 * "no data", never 0. The inputs (x, t_x, T) stand beside the results, so the numbers can be
 * explained and checked. Not queryable through the subscriber list: segments select by it.
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
  hooks: { afterRead: [readPrediction] },
  virtual: true,
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
          virtual: true,
        },
        {
          name: 'scoredAt',
          type: 'date',
          access: adminsOnly,
          admin: { readOnly: true },
          label: translated('kontorwerk-lead-scoring:predictionScoredAt'),
          virtual: true,
        },
      ],
    },
  ],
  label: translated('kontorwerk-lead-scoring:prediction'),
})

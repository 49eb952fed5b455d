import type { CollectionConfig, Field } from 'payload'

import { hasRole, isAdmin } from '@kontorwerk/personalization'

import { deletePredictionsOf } from '../predictions/predictionWrites'
import { PURCHASE_MODELS } from '../predictions/slugs'
import { texts, translated } from '../translations'

const number = (name: string, label: Parameters<typeof translated>[0]): Field => ({
  name,
  type: 'number',
  label: translated(label),
})

/**
 * Every fitted purchase model (BG/NBD and Gamma-Gamma): parameters, data window and fit quality,
 * for admins to see and compare. Written only by the refit; the `active` one is in use, the ones before it are `superseded`.
 */
export const PurchaseModels: CollectionConfig = {
  slug: PURCHASE_MODELS,
  access: {
    create: () => false,
    // Only a replaced model: the active one is in use (deleting it would leave everyone without a
    // prediction), a scoring one is being written.
    delete: ({ req }) => (hasRole(req, 'admin') ? { status: { equals: 'superseded' } } : false),
    read: isAdmin,
    update: () => false,
  },
  admin: {
    defaultColumns: ['fittedAt', 'status', 'customers', 'repeatCustomers', 'logLikelihood'],
    description: translated('kontorwerk-lead-scoring:purchaseModelsDescription'),
    group: texts('kontorwerk-lead-scoring:groupLeadScoring'),
    useAsTitle: 'fittedAt',
  },
  defaultSort: '-fittedAt',
  hooks: {
    // Its predictions go first, 20,000 at a time: the foreign key would otherwise empty the model
    // reference of up to a million rows in one statement (and MongoDB has no foreign key at all).
    beforeDelete: [({ id, req }) => deletePredictionsOf(req.payload, id)],
  },
  fields: [
    {
      name: 'fittedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
      index: true,
      label: translated('kontorwerk-lead-scoring:purchaseModelFittedAt'),
      required: true,
    },
    {
      name: 'status',
      type: 'select',
      index: true,
      label: translated('kontorwerk-lead-scoring:purchaseModelStatus'),
      options: [
        { label: translated('kontorwerk-lead-scoring:purchaseModelStatusScoring'), value: 'scoring' },
        { label: translated('kontorwerk-lead-scoring:purchaseModelStatusActive'), value: 'active' },
        { label: translated('kontorwerk-lead-scoring:purchaseModelStatusSuperseded'), value: 'superseded' },
      ],
      required: true,
    },
    {
      type: 'row',
      fields: [
        {
          name: 'windowStart',
          type: 'date',
          label: translated('kontorwerk-lead-scoring:purchaseModelWindowStart'),
          required: true,
        },
        {
          name: 'windowEnd',
          type: 'date',
          label: translated('kontorwerk-lead-scoring:purchaseModelWindowEnd'),
          required: true,
        },
        number('horizonDays', 'kontorwerk-lead-scoring:purchaseModelHorizonDays'),
      ],
    },
    {
      type: 'row',
      fields: [
        number('customers', 'kontorwerk-lead-scoring:purchaseModelCustomers'),
        number('repeatCustomers', 'kontorwerk-lead-scoring:purchaseModelRepeatCustomers'),
        number('transactions', 'kontorwerk-lead-scoring:purchaseModelTransactions'),
        number('logLikelihood', 'kontorwerk-lead-scoring:purchaseModelLogLikelihood'),
      ],
    },
    {
      name: 'parameters',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'r', type: 'number', label: 'r', required: true },
            { name: 'alpha', type: 'number', label: 'α', required: true },
            { name: 'a', type: 'number', label: 'a', required: true },
            { name: 'b', type: 'number', label: 'b', required: true },
          ],
        },
      ],
      label: translated('kontorwerk-lead-scoring:purchaseModelParameters'),
    },
    {
      name: 'spend',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'p', type: 'number', label: 'p' },
            { name: 'q', type: 'number', label: 'q' },
            { name: 'gamma', type: 'number', label: 'γ' },
            number('customers', 'kontorwerk-lead-scoring:purchaseModelCustomers'),
          ],
        },
      ],
      label: translated('kontorwerk-lead-scoring:purchaseModelSpend'),
    },
    number('scoredSubscribers', 'kontorwerk-lead-scoring:purchaseModelScoredSubscribers'),
  ],
  labels: {
    plural: translated('kontorwerk-lead-scoring:purchaseModelsPlural'),
    singular: translated('kontorwerk-lead-scoring:purchaseModelsSingular'),
  },
}

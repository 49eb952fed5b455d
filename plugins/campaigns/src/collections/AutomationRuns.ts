import type { CollectionConfig } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import { AUTOMATION_RUNS } from '../defaults'
import { option, texts, translated } from '../translations'

/**
 * One subscriber's way through an automation. `runKey` is unique: `<automation>:<subscriber>`
 * while the run is active (so nobody is in one automation twice at a time); a finished run gets
 * its own key. Written by the automation engine only; `claim`/`leaseUntil` hand due runs to one
 * process at a time.
 */
export const AutomationRuns: CollectionConfig = {
  slug: AUTOMATION_RUNS,
  access: { create: () => false, delete: () => false, read: isAdmin, update: () => false },
  admin: {
    defaultColumns: ['automation', 'subscriber', 'state', 'step', 'nextAt'],
    group: texts('kontorwerk-campaigns:groupDelivery'),
    hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin',
  },
  fields: [
    { name: 'automation', type: 'relationship', index: true, relationTo: 'automations', required: true },
    {
      name: 'subscriber',
      type: 'relationship',
      index: true,
      relationTo: 'subscribers',
      required: true,
      label: translated('kontorwerk-campaigns:fieldSubscriber'),
    },
    {
      name: 'runKey',
      type: 'text',
      required: true,
      unique: true,
      label: translated('kontorwerk-campaigns:fieldRunKey'),
    },
    {
      name: 'state',
      type: 'select',
      defaultValue: 'active',
      label: translated('kontorwerk-campaigns:state'),
      options: [
        option('active', 'kontorwerk-campaigns:stateActive'),
        option('done', 'kontorwerk-campaigns:stateDone'),
        option('exited', 'kontorwerk-campaigns:stateExited'),
      ],
      required: true,
    },
    { name: 'step', type: 'number', defaultValue: 0, label: translated('kontorwerk-campaigns:step') },
    { name: 'nextAt', type: 'date', index: true, label: translated('kontorwerk-campaigns:fieldNextAt') },
    { name: 'enteredBecause', type: 'text', label: translated('kontorwerk-campaigns:fieldEnteredBecause') },
    { name: 'exitReason', type: 'text', label: translated('kontorwerk-campaigns:fieldExitReason') },
    // Date-relative and loyalty triggers: which date or tier the run was for (see automation/triggers/occurrences.ts).
    {
      name: 'occurrenceKey',
      type: 'text',
      label: translated('kontorwerk-campaigns:fieldOccurrenceKey'),
      unique: true,
    },
    // The automation's holdout (automation/holdout.ts), drawn at enrolment: empty while it had none.
    {
      name: 'holdoutGroup',
      type: 'select',
      label: translated('kontorwerk-campaigns:fieldHoldoutGroup'),
      options: [
        option('treated', 'kontorwerk-campaigns:holdoutGroupTreated'),
        option('holdout', 'kontorwerk-campaigns:holdoutGroupHoldout'),
      ],
    },
    { name: 'claim', type: 'text', label: translated('kontorwerk-campaigns:fieldClaim') },
    { name: 'leaseUntil', type: 'date', label: translated('kontorwerk-campaigns:fieldLeaseUntil') },
  ],
  indexes: [{ fields: ['state', 'nextAt'] }],
  labels: {
    plural: translated('kontorwerk-campaigns:automationRunsPlural'),
    singular: translated('kontorwerk-campaigns:automationRunsSingular'),
  },
}

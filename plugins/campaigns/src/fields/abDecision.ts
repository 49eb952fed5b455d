import type { GroupField } from 'payload'

import { AB_METHOD } from '../sending/abSignificance'
import { option, translated } from '../translations'

const readOnlyForEveryone = { create: () => false, update: () => false }

/**
 * The A/B test's last check and its decision, written by the worker only (sending/abTest.ts): shown
 * read-only in the sidebar once the test was first checked, and read by the campaign report.
 */
export const abDecisionField: GroupField = {
  name: 'abDecision',
  type: 'group',
  access: readOnlyForEveryone,
  admin: {
    condition: (data) => Boolean((data as { abDecision?: { checkedAt?: unknown } }).abDecision?.checkedAt),
    position: 'sidebar',
    readOnly: true,
  },
  fields: [
    {
      name: 'outcome',
      type: 'select',
      label: translated('kontorwerk-campaigns:abDecisionOutcome'),
      options: [
        option('winner', 'kontorwerk-campaigns:abDecisionOutcomeWinner'),
        option('control', 'kontorwerk-campaigns:abDecisionOutcomeControl'),
        option('leader', 'kontorwerk-campaigns:abDecisionOutcomeLeader'),
      ],
    },
    { name: 'significant', type: 'checkbox', label: translated('kontorwerk-campaigns:abDecisionSignificant') },
    { name: 'leader', type: 'text', label: translated('kontorwerk-campaigns:abDecisionLeader') },
    { name: 'pValue', type: 'number', label: translated('kontorwerk-campaigns:abDecisionPValue') },
    {
      name: 'reason',
      type: 'select',
      label: translated('kontorwerk-campaigns:abDecisionReason'),
      options: [
        option('significant', 'kontorwerk-campaigns:abDecisionReasonSignificant'),
        option('not_significant', 'kontorwerk-campaigns:abDecisionReasonNotSignificant'),
        option('sample_too_small', 'kontorwerk-campaigns:abDecisionReasonSampleTooSmall'),
      ],
    },
    {
      name: 'method',
      type: 'select',
      label: translated('kontorwerk-campaigns:abDecisionMethod'),
      options: [option(AB_METHOD, 'kontorwerk-campaigns:abDecisionMethodZTest')],
    },
    { name: 'checks', type: 'number', label: translated('kontorwerk-campaigns:abDecisionChecks') },
    {
      name: 'checkedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
      label: translated('kontorwerk-campaigns:abDecisionCheckedAt'),
    },
    {
      name: 'decidedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
      label: translated('kontorwerk-campaigns:abDecisionDecidedAt'),
    },
  ],
  label: translated('kontorwerk-campaigns:abDecision'),
}

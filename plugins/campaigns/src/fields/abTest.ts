import type { GroupField, PayloadRequest } from 'payload'

import { validLiquid } from '@kontorwerk/personalization'

import { DEFAULT_DECIDE_AFTER_HOURS, DEFAULT_MAX_TEST_HOURS, MAX_TEST_HOURS_LIMIT } from '../sending/abSchedule'
import { message, option, translated } from '../translations'

type TimingOptions = {
  data: { abDecision?: null | { checks?: null | number } }
  previousValue?: unknown
  req: PayloadRequest
  siblingData: Record<string, unknown>
}

/**
 * Once a test was checked, its timing stays: the checks share the test's 5 % error by their planned
 * number, and planning more after some were made would let the error pass 5 %.
 */
function timingKept(value: null | number | undefined, { data, previousValue, req }: TimingOptions) {
  if (!(data.abDecision?.checks ?? 0) || previousValue === undefined || value === previousValue) return true
  return message(req, 'kontorwerk-campaigns:abTimingAfterCheck')
}

const validDecideAfterHours = (value: null | number | undefined, options: TimingOptions) => timingKept(value, options)

/** The test's maximum: within bounds, and never before the first check (a test cannot end before it is decided). */
function validMaxTestHours(value: null | number | undefined, options: TimingOptions) {
  const { req, siblingData } = options
  if (value == null) return true
  const kept = timingKept(value, options)
  if (kept !== true) return kept
  if (!Number.isFinite(value) || value < 0 || value > MAX_TEST_HOURS_LIMIT)
    return message(req, 'kontorwerk-campaigns:maxTestHoursRange', { max: String(MAX_TEST_HOURS_LIMIT) })
  const decideAfterHours = Number(siblingData.decideAfterHours ?? DEFAULT_DECIDE_AFTER_HOURS)
  return value >= decideAfterHours || message(req, 'kontorwerk-campaigns:maxTestHoursBeforeDecision')
}

/**
 * A/B test of a campaign (docs/plugins/campaigns.md#ab-tests): variants of the subject and/or one slot's block, each with a
 * share of the audience; an optional holdout that gets nothing (to measure the campaign itself);
 * whatever share is left waits and gets the winner, chosen by a metric when the difference is
 * significant, else at `maxTestHours` the control or the leader (sending/abTest.ts).
 */
export const abTestField: GroupField = {
  name: 'abTest',
  type: 'group',
  admin: {
    description: translated('kontorwerk-campaigns:abTestDescription'),
  },
  fields: [
    {
      name: 'variants',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'key',
              type: 'text',
              label: translated('kontorwerk-campaigns:key'),
              maxLength: 20,
              required: true,
              validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) =>
                !value || /^[A-Za-z0-9_-]+$/.test(value) || message(req, 'kontorwerk-campaigns:keyPattern'),
            },
            {
              name: 'share',
              type: 'number',
              label: translated('kontorwerk-campaigns:share'),
              max: 100,
              min: 1,
              required: true,
            },
          ],
        },
        {
          name: 'subject',
          type: 'text',
          admin: { description: translated('kontorwerk-campaigns:subjectDescription') },
          label: translated('kontorwerk-campaigns:subject'),
          maxLength: 200,
          validate: validLiquid,
        },
        {
          type: 'row',
          fields: [
            {
              name: 'slot',
              type: 'text',
              admin: { description: translated('kontorwerk-campaigns:slotDescription') },
              label: translated('kontorwerk-campaigns:slot'),
            },
            {
              name: 'block',
              type: 'relationship',
              label: translated('kontorwerk-campaigns:block'),
              relationTo: 'content-blocks',
            },
          ],
        },
      ],
      label: translated('kontorwerk-campaigns:variants'),
      labels: {
        plural: translated('kontorwerk-campaigns:variantsPlural'),
        singular: translated('kontorwerk-campaigns:variantsSingular'),
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'holdoutPercent',
          type: 'number',
          defaultValue: 0,
          label: translated('kontorwerk-campaigns:holdoutPercent'),
          max: 50,
          min: 0,
        },
        {
          name: 'winnerMetric',
          type: 'select',
          defaultValue: 'unique_click_rate',
          label: translated('kontorwerk-campaigns:winnerMetric'),
          options: [
            option('unique_click_rate', 'kontorwerk-campaigns:winnerMetricUniqueClickRate'),
            option('conversion_rate', 'kontorwerk-campaigns:winnerMetricConversionRate'),
          ],
        },
        {
          name: 'decideAfterHours',
          type: 'number',
          defaultValue: DEFAULT_DECIDE_AFTER_HOURS,
          label: translated('kontorwerk-campaigns:decideAfterHours'),
          max: MAX_TEST_HOURS_LIMIT,
          min: 0,
          validate: validDecideAfterHours,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'maxTestHours',
          type: 'number',
          admin: { description: translated('kontorwerk-campaigns:maxTestHoursDescription') },
          defaultValue: DEFAULT_MAX_TEST_HOURS,
          label: translated('kontorwerk-campaigns:maxTestHours'),
          max: MAX_TEST_HOURS_LIMIT,
          min: 0,
          validate: validMaxTestHours,
        },
        {
          name: 'noWinnerSends',
          type: 'select',
          admin: { description: translated('kontorwerk-campaigns:noWinnerSendsDescription') },
          defaultValue: 'control',
          label: translated('kontorwerk-campaigns:noWinnerSends'),
          options: [
            option('control', 'kontorwerk-campaigns:noWinnerSendsControl'),
            option('leader', 'kontorwerk-campaigns:noWinnerSendsLeader'),
          ],
        },
      ],
    },
  ],
  label: translated('kontorwerk-campaigns:abTest'),
}

import type { CollectionConfig, PayloadRequest } from 'payload'

import {
  adminOnlyChanges,
  conditionFields,
  eventTypeOptions,
  isAdmin,
  isStaff,
  rowLabel,
  SYSTEM_EVENT_TYPES,
} from '@kontorwerk/personalization'

import { message, option, texts, translated } from '../translations'
import { mayReadProfilePath } from '../utilities/profile'

export const SCORING_RULES = 'scoring-rules'

export const CAP_PERIODS = ['day', 'week', 'month'] as const
export type CapPeriod = (typeof CAP_PERIODS)[number]

const isEventRule = (data: Record<string, unknown> | undefined) => data?.kind !== 'attribute'

/**
 * What a profile rule on a field the user may not read does: its points land in the fit of exactly
 * the subscribers who match, so writing one is reading the field (say, −50 for a competitor's
 * email domain). Null for every other rule.
 */
async function personalRule(doc: Record<string, unknown> | undefined, req: PayloadRequest) {
  const condition = doc?.condition as { attribute?: null | string } | undefined
  if (isEventRule(doc) || !condition?.attribute || (await mayReadProfilePath(req, condition.attribute))) return null
  return { active: doc?.active, condition, kind: doc?.kind, points: doc?.points }
}

/**
 * A lead-scoring rule (docs/plugins/lead-scoring.md#rules): points for an event (type + filters) or for a profile attribute,
 * on the fit or engagement axis, optionally capped per calendar period (UTC).
 */
export const ScoringRules: CollectionConfig = {
  slug: SCORING_RULES,
  access: { create: isStaff, delete: isAdmin, read: isStaff, update: isStaff },
  admin: {
    defaultColumns: ['name', 'axis', 'kind', 'eventType', 'points', 'active'],
    description: translated('kontorwerk-lead-scoring:scoringRulesDescription'),
    group: texts('kontorwerk-lead-scoring:groupLeadScoring'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-lead-scoring:name'), required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'axis',
          type: 'select',
          admin: { condition: isEventRule, description: translated('kontorwerk-lead-scoring:axisDescription') },
          defaultValue: 'engagement',
          label: translated('kontorwerk-lead-scoring:axis'),
          options: [
            option('fit', 'kontorwerk-lead-scoring:axisFit'),
            option('engagement', 'kontorwerk-lead-scoring:axisEngagement'),
          ],
          required: true,
        },
        {
          name: 'kind',
          type: 'select',
          defaultValue: 'event',
          label: translated('kontorwerk-lead-scoring:kind'),
          options: [
            option('event', 'kontorwerk-lead-scoring:kindEvent'),
            option('attribute', 'kontorwerk-lead-scoring:kindAttribute'),
          ],
          required: true,
        },
        {
          name: 'points',
          type: 'number',
          label: translated('kontorwerk-lead-scoring:points'),
          max: 1000,
          min: -1000,
          required: true,
          validate: (value: null | number | undefined, { req }: { req: Parameters<typeof message>[0] }) =>
            (value != null && value !== 0) || message(req, 'kontorwerk-lead-scoring:pointsNotZero'),
        },
        { name: 'active', type: 'checkbox', defaultValue: true, label: translated('kontorwerk-lead-scoring:active') },
      ],
    },
    {
      name: 'eventType',
      type: 'select',
      admin: { condition: isEventRule },
      label: translated('kontorwerk-lead-scoring:eventType'),
      options: eventTypeOptions(SYSTEM_EVENT_TYPES),
      validate: (
        value: null | string | undefined,
        { data, req }: { data: unknown; req: Parameters<typeof message>[0] },
      ) =>
        !isEventRule(data as Record<string, unknown>) ||
        Boolean(value) ||
        message(req, 'kontorwerk-lead-scoring:eventTypeMissing'),
    },
    {
      name: 'filters',
      type: 'array',
      admin: {
        components: { RowLabel: rowLabel(texts('kontorwerk-lead-scoring:filtersSingular')) },
        condition: isEventRule,
        description: translated('kontorwerk-lead-scoring:filtersDescription'),
      },
      fields: [
        {
          type: 'row',
          fields: conditionFields(['in', 'contains', 'gte', 'lte', 'exists'], { pathExample: 'properties.url' }),
        },
      ],
      label: translated('kontorwerk-lead-scoring:filters'),
      labels: {
        plural: translated('kontorwerk-lead-scoring:filters'),
        singular: translated('kontorwerk-lead-scoring:filtersSingular'),
      },
    },
    {
      name: 'condition',
      type: 'group',
      admin: {
        condition: (data) => !isEventRule(data),
        description: translated('kontorwerk-lead-scoring:conditionDescription'),
      },
      fields: [
        {
          type: 'row',
          fields: conditionFields(['in', 'contains', 'gte', 'lte', 'exists'], {
            pathExample: 'attributes.role',
            required: false,
          }),
        },
      ],
      label: translated('kontorwerk-lead-scoring:condition'),
    },
    {
      name: 'cap',
      type: 'group',
      admin: { condition: isEventRule },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'count',
              type: 'number',
              admin: { description: translated('kontorwerk-lead-scoring:countDescription') },
              label: translated('kontorwerk-lead-scoring:count'),
              min: 1,
            },
            {
              name: 'period',
              type: 'select',
              defaultValue: 'week',
              label: translated('kontorwerk-lead-scoring:period'),
              options: [
                option('day', 'kontorwerk-lead-scoring:periodDay'),
                option('week', 'kontorwerk-lead-scoring:periodWeek'),
                option('month', 'kontorwerk-lead-scoring:periodMonth'),
              ],
            },
          ],
        },
      ],
      label: translated('kontorwerk-lead-scoring:cap'),
    },
  ],
  hooks: {
    beforeChange: [
      adminOnlyChanges(personalRule, {
        path: 'condition.attribute',
        refusal: translated('kontorwerk-lead-scoring:personalRuleAdminOnly'),
      }),
    ],
  },
  labels: {
    plural: translated('kontorwerk-lead-scoring:scoringRulesPlural'),
    singular: translated('kontorwerk-lead-scoring:scoringRulesSingular'),
  },
}

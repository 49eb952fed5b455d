import type { CollectionConfig } from 'payload'

import { isStaff } from '@kontorwerk/personalization'

import { automationList } from '../automation/enroll'
import { holdoutPercentField } from '../automation/holdoutField'
import { DEFAULT_COOLDOWN_MINUTES } from '../automation/sendTiming'
import {
  BROWSE_TRIGGERS,
  browseTriggerFields,
  browseTriggerOptions,
} from '../automation/triggers/browseAbandonedFields'
import { CART_TRIGGERS, cartTriggerFields, cartTriggerOptions } from '../automation/triggers/cartAbandonedFields'
import {
  DATE_LOYALTY_TRIGGERS,
  dateLoyaltyFields,
  dateLoyaltyTriggerOptions,
} from '../automation/triggers/dateLoyaltyFields'
import { AUTOMATIONS } from '../defaults'
import { retireAutomation, syncStepCampaigns } from '../hooks/syncStepCampaigns'
import { AUTOMATION_PRIORITY, priorityField } from '../sending/priority'
import { option, texts, translated } from '../translations'

export const TRIGGERS = [
  'double_opt_in',
  'stage_changed',
  'first_purchase',
  'segment_entry',
  'birthday',
  ...DATE_LOYALTY_TRIGGERS,
  ...CART_TRIGGERS,
  ...BROWSE_TRIGGERS,
] as const
export type Trigger = (typeof TRIGGERS)[number]

/**
 * A trigger and a small sequence of steps (docs/plugins/campaigns.md#automations): welcome series after the double opt-in,
 * onboarding after the first purchase, reactivation (a segment "no engagement for N days"),
 * birthday, "stage changed to X". Steps wait, send a newsletter, check a segment, or exit.
 * A subscriber is in one automation at most once at a time.
 */
export const Automations: CollectionConfig = {
  slug: AUTOMATIONS,
  access: { create: isStaff, delete: isStaff, read: isStaff, update: isStaff },
  admin: {
    defaultColumns: ['name', 'trigger', 'active'],
    group: texts('kontorwerk-campaigns:groupDelivery'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-campaigns:name'), required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'trigger',
          type: 'select',
          label: translated('kontorwerk-campaigns:trigger'),
          options: [
            option('double_opt_in', 'kontorwerk-campaigns:triggerDoubleOptIn'),
            option('stage_changed', 'kontorwerk-campaigns:triggerStageChanged'),
            option('first_purchase', 'kontorwerk-campaigns:triggerFirstPurchase'),
            option('segment_entry', 'kontorwerk-campaigns:triggerSegmentEntry'),
            option('birthday', 'kontorwerk-campaigns:triggerBirthday'),
            ...dateLoyaltyTriggerOptions,
            ...cartTriggerOptions,
            ...browseTriggerOptions,
          ],
          required: true,
        },
        { name: 'active', type: 'checkbox', defaultValue: false, label: translated('kontorwerk-campaigns:active') },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'topic',
          type: 'relationship',
          admin: { description: translated('kontorwerk-campaigns:topicDescription') },
          label: translated('kontorwerk-campaigns:topic'),
          relationTo: 'topics',
        },
        {
          name: 'stage',
          type: 'relationship',
          admin: { condition: (data) => data?.trigger === 'stage_changed' },
          label: translated('kontorwerk-campaigns:stage'),
          relationTo: 'lifecycle-stages',
        },
        {
          name: 'segment',
          type: 'relationship',
          admin: { condition: (data) => data?.trigger === 'segment_entry' },
          label: translated('kontorwerk-campaigns:segment'),
          relationTo: 'segments',
        },
        {
          name: 'birthdayAttribute',
          type: 'text',
          admin: {
            condition: (data) => data?.trigger === 'birthday',
            description: translated('kontorwerk-campaigns:birthdayAttributeDescription'),
          },
          defaultValue: 'birthday',
          label: translated('kontorwerk-campaigns:birthdayAttribute'),
        },
      ],
    },
    ...dateLoyaltyFields,
    {
      type: 'row',
      fields: [
        {
          name: 'reentryDays',
          type: 'number',
          admin: { description: translated('kontorwerk-campaigns:reentryDaysDescription') },
          defaultValue: 90,
          label: translated('kontorwerk-campaigns:reentryDays'),
          min: 0,
        },
        priorityField(AUTOMATION_PRIORITY),
        {
          name: 'cooldownMinutes',
          type: 'number',
          admin: { description: translated('kontorwerk-campaigns:cooldownMinutesDescription'), step: 1 },
          defaultValue: DEFAULT_COOLDOWN_MINUTES,
          label: translated('kontorwerk-campaigns:cooldownMinutes'),
          max: 7 * 24 * 60,
          min: 0,
        },
        {
          name: 'exitOnEngagement',
          type: 'checkbox',
          admin: { description: translated('kontorwerk-campaigns:exitOnEngagementDescription') },
          label: translated('kontorwerk-campaigns:exitOnEngagement'),
        },
      ],
    },
    holdoutPercentField,
    ...cartTriggerFields,
    ...browseTriggerFields,
    {
      name: 'steps',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'type',
              type: 'select',
              label: translated('kontorwerk-campaigns:type'),
              options: [
                option('wait', 'kontorwerk-campaigns:typeWait'),
                option('send', 'kontorwerk-campaigns:typeSend'),
                option('check', 'kontorwerk-campaigns:typeCheck'),
                option('exit', 'kontorwerk-campaigns:typeExit'),
              ],
              required: true,
            },
            {
              name: 'days',
              type: 'number',
              admin: { condition: (_, sibling) => sibling?.type === 'wait' },
              label: translated('kontorwerk-campaigns:days'),
              min: 0,
            },
            {
              name: 'newsletter',
              type: 'relationship',
              admin: { condition: (_, sibling) => sibling?.type === 'send' },
              label: translated('kontorwerk-campaigns:newsletter'),
              relationTo: 'newsletters',
            },
            {
              name: 'segment',
              type: 'relationship',
              admin: { condition: (_, sibling) => sibling?.type === 'check' },
              label: translated('kontorwerk-campaigns:segment'),
              relationTo: 'segments',
            },
            {
              name: 'expect',
              type: 'select',
              admin: { condition: (_, sibling) => sibling?.type === 'check' },
              defaultValue: 'member',
              label: translated('kontorwerk-campaigns:expect'),
              options: [
                option('member', 'kontorwerk-campaigns:expectMember'),
                option('not_member', 'kontorwerk-campaigns:expectNotMember'),
              ],
            },
          ],
        },
      ],
      label: translated('kontorwerk-campaigns:steps'),
      labels: {
        plural: translated('kontorwerk-campaigns:stepsPlural'),
        singular: translated('kontorwerk-campaigns:stepsSingular'),
      },
      minRows: 1,
      validate: (steps: unknown) => {
        const list = (Array.isArray(steps) ? steps : []) as {
          days?: null | number
          newsletter?: unknown
          segment?: unknown
          type?: string
        }[]
        const wrong = list.findIndex(
          (step) =>
            (step.type === 'wait' && !(Number(step.days) >= 0 && step.days != null)) ||
            (step.type === 'send' && !step.newsletter) ||
            (step.type === 'check' && !step.segment),
        )
        return (
          wrong < 0 ||
          `Schritt ${wrong + 1}: Warten braucht Tage, Senden einen Newsletter, Prüfen ein Segment / step ${wrong + 1} is incomplete`
        )
      },
    },
  ],
  hooks: {
    afterChange: [syncStepCampaigns, ...automationList.hooks.afterChange],
    afterDelete: automationList.hooks.afterDelete,
    beforeDelete: [retireAutomation],
  },
  labels: {
    plural: translated('kontorwerk-campaigns:automationsPlural'),
    singular: translated('kontorwerk-campaigns:automationsSingular'),
  },
}

import type { CollectionConfig, PayloadRequest } from 'payload'

import { isStaff } from '@kontorwerk/personalization'

import { CAMPAIGNS } from '../defaults'
import { abDecisionField } from '../fields/abDecision'
import { abTestField } from '../fields/abTest'
import { keepRunningCampaigns, lockOnceScheduled } from '../hooks/lockOnceScheduled'
import { DEFAULT_PRIORITY, priorityField } from '../sending/priority'
import { message, option, texts, translated } from '../translations'

/** A campaign's statuses with their labels, for the field and for the report view. */
export const CAMPAIGN_STATUS_OPTIONS = [
  option('draft', 'kontorwerk-campaigns:campaignStatusDraft'),
  option('scheduled', 'kontorwerk-campaigns:campaignStatusScheduled'),
  option('sending', 'kontorwerk-campaigns:campaignStatusSending'),
  option('paused', 'kontorwerk-campaigns:campaignStatusPaused'),
  option('done', 'kontorwerk-campaigns:campaignStatusDone'),
  option('cancelled', 'kontorwerk-campaigns:campaignStatusCancelled'),
]
export type CampaignStatus = (typeof CAMPAIGN_STATUS_OPTIONS)[number]['value']

/** Channels a campaign can be sent on so far (the model leaves room for SMS and push). */
export const DELIVERED_CHANNELS: readonly string[] = ['email']

const SHOWN_IN_CONTROLS = '@kontorwerk/campaigns/client#ShownInControls'

const readOnlyForEveryone = { create: () => false, update: () => false }

/**
 * A newsletter sent to a segment on a channel, once per subscriber (docs/plugins/campaigns.md#a-campaign). Editors fill in a
 * draft; scheduling, pausing, resuming and cancelling are actions (endpoints, GraphQL, buttons),
 * never field edits, so the status always tells what the worker does.
 */
export const Campaigns: CollectionConfig = {
  slug: CAMPAIGNS,
  access: { create: isStaff, delete: isStaff, read: isStaff, update: isStaff },
  admin: {
    defaultColumns: ['name', 'status', 'newsletter', 'audience', 'sendAt'],
    group: texts('kontorwerk-campaigns:groupDelivery'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-campaigns:name'), required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'newsletter',
          type: 'relationship',
          label: translated('kontorwerk-campaigns:newsletter'),
          relationTo: 'newsletters',
          required: true,
        },
        {
          name: 'channel',
          type: 'select',
          defaultValue: 'email',
          label: translated('kontorwerk-campaigns:channel'),
          options: [
            option('email', 'kontorwerk-campaigns:channelEmail'),
            option('sms', 'kontorwerk-campaigns:channelSms'),
            option('push', 'kontorwerk-campaigns:channelPush'),
          ],
          required: true,
          validate: (value: null | string | undefined) =>
            !value || DELIVERED_CHANNELS.includes(value)
              ? true
              : 'Dieser Kanal kann noch nicht versendet werden / this channel cannot be sent yet',
        },
        {
          name: 'topic',
          type: 'relationship',
          admin: { description: translated('kontorwerk-campaigns:campaignsTopicDescription') },
          label: translated('kontorwerk-campaigns:topic'),
          relationTo: 'topics',
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'audience',
          type: 'relationship',
          admin: { description: translated('kontorwerk-campaigns:audienceDescription') },
          label: translated('kontorwerk-campaigns:audience'),
          relationTo: 'segments',
        },
        {
          name: 'exclusions',
          type: 'relationship',
          admin: { description: translated('kontorwerk-campaigns:exclusionsDescription') },
          hasMany: true,
          label: translated('kontorwerk-campaigns:exclusions'),
          relationTo: 'segments',
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'sendAt',
          type: 'date',
          admin: {
            date: { pickerAppearance: 'dayAndTime' },
            description: translated('kontorwerk-campaigns:sendAtDescription'),
          },
          label: translated('kontorwerk-campaigns:sendAt'),
        },
        {
          name: 'throttlePerMinute',
          type: 'number',
          admin: { description: translated('kontorwerk-campaigns:throttlePerMinuteDescription') },
          label: translated('kontorwerk-campaigns:throttlePerMinute'),
          max: 1_000_000,
          min: 1,
        },
        {
          name: 'localTime',
          type: 'checkbox',
          admin: { description: translated('kontorwerk-campaigns:localTimeDescription') },
          label: translated('kontorwerk-campaigns:localTime'),
        },
        {
          name: 'bestTime',
          type: 'checkbox',
          // One send time rule per campaign, and no A/B winner decided while most mails still wait for their hour.
          validate: (
            value: boolean | null | undefined,
            { siblingData, req }: { req: PayloadRequest; siblingData: Record<string, unknown> },
          ) =>
            !value ||
            (!siblingData.localTime &&
              !(siblingData.abTest as { variants?: unknown[] } | undefined)?.variants?.length) ||
            message(req, 'kontorwerk-campaigns:bestTimeExclusive'),
          admin: { description: translated('kontorwerk-campaigns:bestTimeDescription') },
          label: translated('kontorwerk-campaigns:bestTime'),
        },
        {
          name: 'important',
          type: 'checkbox',
          admin: { description: translated('kontorwerk-campaigns:importantDescription') },
          label: translated('kontorwerk-campaigns:important'),
        },
        priorityField(DEFAULT_PRIORITY),
      ],
    },
    abTestField,
    {
      name: 'status',
      type: 'select',
      access: readOnlyForEveryone,
      // Shown live by the controls below (this field would keep the value of page load).
      admin: { components: { Field: SHOWN_IN_CONTROLS }, position: 'sidebar', readOnly: true },
      defaultValue: 'draft',
      index: true,
      label: translated('kontorwerk-campaigns:status'),
      options: CAMPAIGN_STATUS_OPTIONS,
      required: true,
    },
    {
      name: 'statusReason',
      type: 'text',
      access: readOnlyForEveryone,
      admin: { components: { Field: SHOWN_IN_CONTROLS }, position: 'sidebar', readOnly: true },
      label: translated('kontorwerk-campaigns:statusReason'),
    },
    {
      name: 'controls',
      type: 'ui',
      admin: { components: { Field: '@kontorwerk/campaigns/client#CampaignControls' }, position: 'sidebar' },
    },
    {
      name: 'frozenAudience',
      type: 'relationship',
      access: readOnlyForEveryone,
      admin: { position: 'sidebar', readOnly: true },
      label: translated('kontorwerk-campaigns:frozenAudience'),
      relationTo: 'segments',
    },
    {
      name: 'automation',
      type: 'relationship',
      access: readOnlyForEveryone,
      admin: {
        description: translated('kontorwerk-campaigns:automationDescription'),
        position: 'sidebar',
        readOnly: true,
      },
      label: translated('kontorwerk-campaigns:automation'),
      relationTo: 'automations',
    },
    { name: 'automationStep', type: 'text', access: readOnlyForEveryone, admin: { hidden: true } },
    {
      name: 'abWinner',
      type: 'text',
      access: readOnlyForEveryone,
      admin: { position: 'sidebar', readOnly: true },
      label: translated('kontorwerk-campaigns:abWinner'),
    },
    abDecisionField,
    {
      name: 'startedAt',
      type: 'date',
      access: readOnlyForEveryone,
      admin: { position: 'sidebar', readOnly: true },
      label: translated('kontorwerk-campaigns:startedAt'),
    },
    {
      name: 'finishedAt',
      type: 'date',
      access: readOnlyForEveryone,
      admin: { position: 'sidebar', readOnly: true },
      label: translated('kontorwerk-campaigns:finishedAt'),
    },
  ],
  hooks: { beforeChange: [lockOnceScheduled], beforeDelete: [keepRunningCampaigns] },
  labels: {
    plural: translated('kontorwerk-campaigns:campaignsPlural'),
    singular: translated('kontorwerk-campaigns:campaignsSingular'),
  },
}

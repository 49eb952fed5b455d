import type { CollectionConfig } from 'payload'

import { isStaff } from '@kontorwerk/personalization'
import { label, option } from '@kontorwerk/personalization'
import { CAMPAIGNS } from '../defaults'
import { abTestField } from '../fields/abTest'
import { keepRunningCampaigns, lockOnceScheduled } from '../hooks/lockOnceScheduled'

/** A campaign's statuses with their labels, for the field and for the report view. */
export const CAMPAIGN_STATUS_OPTIONS = [
  option('draft', 'Entwurf', 'Draft'),
  option('scheduled', 'Geplant', 'Scheduled'),
  option('sending', 'Wird versendet', 'Sending'),
  option('paused', 'Pausiert', 'Paused'),
  option('done', 'Versendet', 'Done'),
  option('cancelled', 'Abgebrochen', 'Cancelled'),
]
export type CampaignStatus = (typeof CAMPAIGN_STATUS_OPTIONS)[number]['value']

/** Channels a campaign can be sent on so far (the model leaves room for SMS and push). */
export const DELIVERED_CHANNELS: readonly string[] = ['email']

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
    group: label('Ausspielung', 'Delivery'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name'), required: true },
    {
      type: 'row',
      fields: [
        { name: 'newsletter', type: 'relationship', label: label('Newsletter', 'Newsletter'), relationTo: 'newsletters', required: true },
        {
          name: 'channel',
          type: 'select',
          defaultValue: 'email',
          label: label('Kanal', 'Channel'),
          options: [option('email', 'E-Mail', 'Email'), option('sms', 'SMS (noch nicht zustellbar)', 'SMS (not deliverable yet)'), option('push', 'Push (noch nicht zustellbar)', 'Push (not deliverable yet)')],
          required: true,
          validate: (value: null | string | undefined) =>
            !value || DELIVERED_CHANNELS.includes(value) ? true : 'Dieser Kanal kann noch nicht versendet werden / this channel cannot be sent yet',
        },
        {
          name: 'topic',
          type: 'relationship',
          admin: { description: label('Das Thema, dessen Einwilligung nötig ist; leer: allgemeine Newsletter-Einwilligung.', 'The topic whose consent is needed; empty: general newsletter consent.') },
          label: label('Thema', 'Topic'),
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
          admin: { description: label('Wird beim Versandstart als statische Liste eingefroren.', 'Frozen to a static list when sending starts.') },
          label: label('Zielgruppe (Segment)', 'Audience (segment)'),
          relationTo: 'segments',
        },
        {
          name: 'exclusions',
          type: 'relationship',
          admin: { description: label('Mitglieder dieser Segmente erhalten nichts.', 'Members of these segments get nothing.') },
          hasMany: true,
          label: label('Ausschlüsse', 'Exclusions'),
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
          admin: { date: { pickerAppearance: 'dayAndTime' }, description: label('Leer: sofort beim Planen.', 'Empty: right when scheduled.') },
          label: label('Versandzeit', 'Send at'),
        },
        {
          name: 'throttlePerMinute',
          type: 'number',
          admin: { description: label('Höchstens so viele Nachrichten pro Minute; leer: so schnell wie möglich.', 'At most this many messages per minute; empty: as fast as possible.') },
          label: label('Drossel (pro Minute)', 'Throttle (per minute)'),
          max: 1_000_000,
          min: 1,
        },
        {
          name: 'localTime',
          type: 'checkbox',
          admin: { description: label('Jede Person zur selben Uhrzeit in ihrer Zeitzone (Zeitzone oder Region des Profils).', "Everyone at the same clock time in their own time zone (the profile's zone or region).") },
          label: label('Zur Ortszeit senden', 'Send in local time'),
        },
        {
          name: 'important',
          type: 'checkbox',
          admin: { description: label('Erreicht auch, wer „nur Wichtiges“ gewählt hat.', 'Also reaches those who chose "important only".') },
          label: label('Wichtige Mitteilung', 'Important message'),
        },
      ],
    },
    abTestField,
    {
      name: 'status',
      type: 'select',
      access: readOnlyForEveryone,
      admin: { position: 'sidebar', readOnly: true },
      defaultValue: 'draft',
      index: true,
      label: label('Status', 'Status'),
      options: CAMPAIGN_STATUS_OPTIONS,
      required: true,
    },
    { name: 'statusReason', type: 'text', access: readOnlyForEveryone, admin: { position: 'sidebar', readOnly: true }, label: label('Grund', 'Reason') },
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
      label: label('Eingefrorene Empfängerliste', 'Frozen recipient list'),
      relationTo: 'segments',
    },
    {
      name: 'automation',
      type: 'relationship',
      access: readOnlyForEveryone,
      admin: { description: label('Versand eines Automations-Schritts: läuft, solange die Automation aktiv ist.', "An automation step's sending: runs while the automation is active."), position: 'sidebar', readOnly: true },
      label: label('Automation', 'Automation'),
      relationTo: 'automations',
    },
    { name: 'automationStep', type: 'text', access: readOnlyForEveryone, admin: { hidden: true } },
    { name: 'exemptFromCaps', type: 'checkbox', access: readOnlyForEveryone, admin: { hidden: true } },
    { name: 'abWinner', type: 'text', access: readOnlyForEveryone, admin: { position: 'sidebar', readOnly: true }, label: label('A/B-Gewinner', 'A/B winner') },
    { name: 'startedAt', type: 'date', access: readOnlyForEveryone, admin: { position: 'sidebar', readOnly: true }, label: label('Gestartet', 'Started') },
    { name: 'finishedAt', type: 'date', access: readOnlyForEveryone, admin: { position: 'sidebar', readOnly: true }, label: label('Abgeschlossen', 'Finished') },
  ],
  hooks: { beforeChange: [lockOnceScheduled], beforeDelete: [keepRunningCampaigns] },
  labels: { plural: label('Kampagnen', 'Campaigns'), singular: label('Kampagne', 'Campaign') },
}

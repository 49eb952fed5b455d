import type { CollectionConfig } from 'payload'

import { isAdmin } from '../access/roles'
import { option, texts, translated } from '../translations'
import { replayDeliveryEndpoint } from './replayDelivery'
import { WEBHOOK_DELIVERIES, WEBHOOK_EVENT_TYPES, WEBHOOKS } from './webhookEvents'

const STATUSES = ['queued', 'retrying', 'delivered', 'failed'] as const

/**
 * The delivery log: one document per event and webhook, written by the delivery job only (no
 * API writes); the body is kept as sent, so a replay sends the same event with the same id.
 * Admins read it and replay a delivery (button on the document, POST /api/webhook-deliveries/:id/replay).
 */
export const WebhookDeliveries: CollectionConfig = {
  slug: WEBHOOK_DELIVERIES,
  access: { create: () => false, delete: isAdmin, read: isAdmin, update: () => false },
  admin: {
    defaultColumns: ['eventType', 'webhook', 'status', 'attempts', 'lastResponseCode', 'updatedAt'],
    group: texts('kontorwerk-personalization:groupSettings'),
    useAsTitle: 'eventId',
  },
  endpoints: [replayDeliveryEndpoint],
  fields: [
    {
      name: 'replay',
      type: 'ui',
      admin: { components: { Field: '@kontorwerk/personalization/client#ReplayDeliveryButton' } },
    },
    {
      name: 'webhook',
      type: 'relationship',
      index: true,
      label: translated('kontorwerk-personalization:webhooksSingular'),
      // Typed as a known slug until payload-types is regenerated with the webhooks collection.
      relationTo: WEBHOOKS as 'subscribers',
      required: true,
    },
    {
      name: 'eventType',
      type: 'select',
      label: translated('kontorwerk-personalization:webhookEventType'),
      options: WEBHOOK_EVENT_TYPES.map((type) => option(type, `kontorwerk-personalization:webhookEvent_${type}`)),
      required: true,
    },
    { name: 'eventId', type: 'text', label: translated('kontorwerk-personalization:webhookEventId'), required: true },
    // One delivery per webhook and event, however often the event's source retries.
    { name: 'deliveryKey', type: 'text', admin: { hidden: true }, required: true, unique: true },
    { name: 'body', type: 'json', label: translated('kontorwerk-personalization:webhookBody'), required: true },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'queued',
      index: true,
      label: translated('kontorwerk-personalization:webhookStatus'),
      options: STATUSES.map((status) => option(status, `kontorwerk-personalization:webhookStatus_${status}`)),
      required: true,
    },
    {
      name: 'attempts',
      type: 'number',
      defaultValue: 0,
      label: translated('kontorwerk-personalization:webhookAttempts'),
    },
    {
      name: 'lastResponseCode',
      type: 'number',
      label: translated('kontorwerk-personalization:webhookLastResponseCode'),
    },
    { name: 'lastError', type: 'text', label: translated('kontorwerk-personalization:webhookLastError') },
    { name: 'lastAttemptAt', type: 'date', label: translated('kontorwerk-personalization:webhookLastAttemptAt') },
    { name: 'deliveredAt', type: 'date', label: translated('kontorwerk-personalization:webhookDeliveredAt') },
    {
      name: 'replays',
      type: 'number',
      defaultValue: 0,
      label: translated('kontorwerk-personalization:webhookReplays'),
    },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:webhookDeliveriesPlural'),
    singular: translated('kontorwerk-personalization:webhookDeliveriesSingular'),
  },
  timestamps: true,
}

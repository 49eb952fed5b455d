/**
 * The events outgoing webhooks can subscribe to (issue 21). Each delivery carries only what a
 * receiver needs to act: the subscriber id always, the email address only where the event is about
 * the address itself (an unsubscribe the CRM must mirror, a bounce that marks it undeliverable).
 */
export const WEBHOOK_EVENT_TYPES = [
  'consent_changed',
  'unsubscribed',
  'stage_changed',
  'bounced',
  'campaign_sent',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** One event as it is sent: the body of every delivery. `id` is stable, so a receiver can drop repeats. */
export type WebhookEvent = {
  data: Record<string, unknown>
  id: string
  occurredAt: string
  type: WebhookEventType
}

export const WEBHOOKS = 'webhooks'
export const WEBHOOK_DELIVERIES = 'webhook-deliveries'
export const WEBHOOK_DELIVERY_TASK = 'kontorwerkWebhookDelivery'

export type WebhookDoc = {
  active?: boolean | null
  events?: null | string[]
  id: number | string
  secret?: null | string
  url: string
}
export type WebhookDeliveryStatus = 'delivered' | 'failed' | 'queued' | 'retrying'
export type WebhookDeliveryDoc = {
  attempts?: null | number
  body: WebhookEvent
  deliveredAt?: null | string
  deliveryKey: string
  eventId: string
  eventType: WebhookEventType
  id: number | string
  lastAttemptAt?: null | string
  lastError?: null | string
  lastResponseCode?: null | number
  replays?: null | number
  status: WebhookDeliveryStatus
  webhook: number | string | WebhookDoc
}

import type { Payload } from 'payload'

import type { EventConsumer } from '../events/consumers'

import { emitWebhookEvents } from './emitWebhookEvent'

/** The addresses of these subscribers, by id (bounce deliveries name the address that bounced). */
async function emailsOf(payload: Payload, ids: string[]): Promise<Map<string, string>> {
  const { docs } = await payload.find({
    collection: 'subscribers',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { email: true },
    where: { id: { in: ids } },
  })
  return new Map(docs.map((doc) => [String(doc.id), doc.email]))
}

/**
 * Bounces reach webhooks as `bounced` events. After the intake's commit (settle), as a delivery is
 * queued only for a stored bounce; settle runs again on a retried batch, and the delivery key
 * (webhook and event id) keeps that from doubling a delivery.
 */
export const bounceWebhooks: EventConsumer = {
  name: 'webhooks',
  settle: async ({ events, payload }) => {
    const bounces = events.filter((event) => event.type === 'bounce')
    if (!bounces.length) return
    const emails = await emailsOf(payload, [...new Set(bounces.map((event) => event.subscriber))])
    await emitWebhookEvents(
      payload,
      bounces.map((event) => ({
        data: {
          campaign: event.properties.campaign ?? null,
          email: emails.get(event.subscriber) ?? null,
          kind: event.properties.kind ?? null,
          subscriber: event.subscriber,
        },
        id: `bounce:${event.eventId}`,
        occurredAt: event.occurredAt.toISOString(),
        type: 'bounced',
      })),
    )
  },
}

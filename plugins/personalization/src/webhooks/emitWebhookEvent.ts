import type { Payload, PayloadRequest } from 'payload'

import type { WebhookDoc, WebhookEvent } from './webhookEvents'

import { WEBHOOK_DELIVERIES, WEBHOOK_DELIVERY_TASK, WEBHOOKS } from './webhookEvents'

const deliveryKey = (webhook: number | string, eventId: string) => `${webhook}:${eventId}`

/**
 * Queues a delivery of each event to every active webhook that subscribed to its type: a delivery
 * document (the log) and a job per pair. With `req`, in the caller's transaction, so a delivery
 * exists exactly when what it reports was stored. An event already queued for a webhook (its
 * source retried) is not queued again: the delivery key is webhook and event id.
 */
export async function emitWebhookEvents(
  payload: Payload,
  events: WebhookEvent[],
  req?: Partial<PayloadRequest>,
): Promise<void> {
  if (!events.length) return
  const types = [...new Set(events.map((event) => event.type))]
  const { docs } = (await payload.find({
    collection: WEBHOOKS as never,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { and: [{ active: { equals: true } }, { events: { in: types } }] },
  })) as unknown as { docs: WebhookDoc[] }
  if (!docs.length) return
  const pairs = events.flatMap((event) =>
    docs.filter((webhook) => webhook.events?.includes(event.type)).map((webhook) => ({ event, webhook })),
  )
  const keys = pairs.map(({ event, webhook }) => deliveryKey(webhook.id, event.id))
  const { docs: queued } = (await payload.find({
    collection: WEBHOOK_DELIVERIES as never,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { deliveryKey: true } as never,
    where: { deliveryKey: { in: keys } },
  })) as unknown as { docs: { deliveryKey: string }[] }
  const known = new Set(queued.map((doc) => doc.deliveryKey))
  for (const { event, webhook } of pairs) {
    const key = deliveryKey(webhook.id, event.id)
    if (known.has(key)) continue
    known.add(key)
    const delivery = await payload.create({
      collection: WEBHOOK_DELIVERIES as never,
      data: {
        body: event,
        deliveryKey: key,
        eventId: event.id,
        eventType: event.type,
        status: 'queued',
        webhook: webhook.id,
      } as never,
      depth: 0,
      overrideAccess: true,
      req,
    })
    await queueDelivery(payload, (delivery as { id: number | string }).id, req)
  }
}

/** One attempt of a delivery, run by the job queue (deliverWebhook.ts). */
export async function queueDelivery(payload: Payload, delivery: number | string, req?: Partial<PayloadRequest>) {
  await payload.jobs.queue({
    input: { delivery: String(delivery) } as never,
    req: req as PayloadRequest,
    task: WEBHOOK_DELIVERY_TASK as never,
  })
}

/** Emits one event. */
export const emitWebhookEvent = (payload: Payload, event: WebhookEvent, req?: Partial<PayloadRequest>) =>
  emitWebhookEvents(payload, [event], req)

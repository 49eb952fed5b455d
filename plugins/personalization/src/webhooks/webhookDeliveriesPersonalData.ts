import type { BulkWrite } from '../database/bulkWrite'
import type { PersonalDataContext, PersonalDataContributor } from '../personalData/contributors'
import type { WebhookDeliveryDoc } from './webhookEvents'

import { WEBHOOK_DELIVERIES } from './webhookEvents'

type Delivery = Pick<WebhookDeliveryDoc, 'body' | 'eventType' | 'id' | 'status'> & { deliveredAt?: null | string }

/** The events that name a subscriber: by id in `data.subscriber`, and `unsubscribed`/`bounced` by address too. */
const PERSONAL_EVENTS = ['bounced', 'consent_changed', 'stage_changed', 'unsubscribed']

/** The deliveries whose body names the subscriber, by id or by address. */
async function deliveriesOf({ payload, req, subscriber }: PersonalDataContext): Promise<Delivery[]> {
  // A host without the delivery log (collection not installed) has nothing to look in.
  if (!payload.collections[WEBHOOK_DELIVERIES as 'subscribers']) return []
  const id = String(subscriber.id)
  const email = subscriber.email?.toLowerCase()
  // JSON bodies are not queried by path alike on every database: the candidates are read and matched here.
  const { docs } = (await payload.find({
    collection: WEBHOOK_DELIVERIES as never,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { body: true, deliveredAt: true, eventType: true, status: true } as never,
    where: { eventType: { in: PERSONAL_EVENTS } },
  })) as unknown as { docs: Delivery[] }
  return docs.filter(({ body }) => {
    const data = body?.data ?? {}
    const named = typeof data.email === 'string' && email !== undefined && data.email.toLowerCase() === email
    return String(data.subscriber ?? '') === id || named
  })
}

/**
 * What the outgoing webhooks reported about the subscriber (issue 21). Erasure deletes every
 * delivery not yet delivered — its queued job then finds nothing and sends nothing, and a replay
 * cannot send the address again — and takes the address out of the bodies of delivered ones,
 * which stay in the log as the record that the receiver was told (by id only).
 */
export const webhookDeliveriesPersonalData: PersonalDataContributor = {
  erase: async (context) => {
    const deletes: NonNullable<BulkWrite['deletes']> = []
    const updates: NonNullable<BulkWrite['updates']> = []
    for (const delivery of await deliveriesOf(context)) {
      if (delivery.status !== 'delivered') {
        deletes.push({ collection: WEBHOOK_DELIVERIES, field: 'id', value: delivery.id })
        continue
      }
      if (!('email' in (delivery.body.data ?? {}))) continue
      const { email: _email, ...data } = delivery.body.data
      updates.push({
        collection: WEBHOOK_DELIVERIES,
        data: { body: { ...delivery.body, data } },
        id: String(delivery.id),
      })
    }
    return { deletes, updates }
  },
  export: async (context) =>
    (await deliveriesOf(context)).map((delivery) => ({
      deliveredAt: delivery.deliveredAt ?? null,
      event: delivery.eventType,
      occurredAt: delivery.body.occurredAt,
      status: delivery.status,
    })),
  key: 'webhookDeliveries',
  label: {
    de: 'Meldungen an angebundene Systeme (Webhooks)',
    en: 'Reports to connected systems (webhooks)',
  },
}

import type { Endpoint, PayloadRequest } from 'payload'

import type { WebhookDeliveryDoc, WebhookDeliveryStatus } from './webhookEvents'

import { hasRole } from '../access/roles'
import { CodedError } from '../errors'
import { problemResponse } from '../http/problem'
import { queueDelivery } from './emitWebhookEvent'
import { WEBHOOK_DELIVERIES } from './webhookEvents'

/** The statuses with a delivery job still open. */
const PENDING: WebhookDeliveryStatus[] = ['queued', 'retrying']

/**
 * Sends a delivery again (after the receiver was fixed, or to resend one that arrived): the same
 * body with the same event id, freshly signed, with a new round of attempts. Counted in `replays`.
 * Refused (409) while the delivery is queued or retrying.
 */
export async function replayDelivery(req: PayloadRequest, id: string): Promise<WebhookDeliveryDoc> {
  if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key')
  if (!hasRole(req, 'admin')) throw new CodedError('FORBIDDEN', 'Only admins replay webhook deliveries')
  const delivery = (await req.payload
    .findByID({ collection: WEBHOOK_DELIVERIES as never, depth: 0, disableErrors: true, id, overrideAccess: true })
    .catch(() => null)) as null | WebhookDeliveryDoc
  if (!delivery) throw new CodedError('NOT_FOUND', `No webhook delivery ${id}`)
  // Its job is still open: a second job would send the event twice (and both would count attempts).
  if (PENDING.includes(delivery.status))
    throw new CodedError(
      'FAILED_PRECONDITION',
      `Webhook delivery ${id} is still ${delivery.status}; replay it once it was delivered or failed`,
      { status: delivery.status },
    )
  const updated = (await req.payload.update({
    collection: WEBHOOK_DELIVERIES as never,
    // A new round: the attempts count again from zero (the job's retries do too).
    data: { attempts: 0, replays: (delivery.replays ?? 0) + 1, status: 'queued' } as never,
    depth: 0,
    id: delivery.id,
    overrideAccess: true,
    req,
  })) as unknown as WebhookDeliveryDoc
  await queueDelivery(req.payload, delivery.id, req)
  return updated
}

/** POST /api/webhook-deliveries/:id/replay (admins): what the replay button on a delivery calls. */
export const replayDeliveryEndpoint: Endpoint = {
  handler: async (req) => {
    try {
      const delivery = await replayDelivery(req, String(req.routeParams?.id ?? ''))
      return Response.json({ delivery: { id: delivery.id, replays: delivery.replays, status: delivery.status } })
    } catch (error) {
      if (error instanceof CodedError) return problemResponse(error.status, error.code, error.message)
      throw error
    }
  },
  method: 'post',
  path: '/:id/replay',
}

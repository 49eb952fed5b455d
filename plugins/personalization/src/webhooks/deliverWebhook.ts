import type { Payload, TaskConfig } from 'payload'

import type { ResolvedPersonalizationOptions } from '../types'
import type { WebhookDeliveryDoc, WebhookDoc } from './webhookEvents'

import { postWebhook } from '../security/webhookTargets'
import { webhookSignature } from './signature'
import { WEBHOOK_DELIVERIES, WEBHOOK_DELIVERY_TASK, WEBHOOKS } from './webhookEvents'

const TIMEOUT_MS = 10_000
/** What of a receiver's error is kept in the log: enough to tell the cause, not its whole page. */
const ERROR_LENGTH = 300

type Attempt = { code: null | number; error: null | string }

/** Sends one delivery, signed, never into the own network unless the host allows it. */
async function send(payload: Payload, webhook: WebhookDoc, delivery: WebhookDeliveryDoc): Promise<Attempt> {
  const body = JSON.stringify(delivery.body)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Kontorwerk-Webhooks/1',
    'x-kontorwerk-delivery': String(delivery.id),
    'x-kontorwerk-event': delivery.eventType,
    'x-kontorwerk-timestamp': timestamp,
  }
  if (webhook.secret) headers['x-kontorwerk-signature'] = webhookSignature(webhook.secret, timestamp, body)
  try {
    const response = await postWebhook(payload, webhook.url, { body, headers, signal: AbortSignal.timeout(TIMEOUT_MS) })
    if (response.ok) return { code: response.status, error: null }
    const text = await response.text().catch(() => '')
    return { code: response.status, error: `HTTP ${response.status}${text ? `: ${text.slice(0, ERROR_LENGTH)}` : ''}` }
  } catch (error) {
    return { code: null, error: String((error as Error).message ?? error).slice(0, ERROR_LENGTH) }
  }
}

/**
 * The delivery job: one attempt per run. A failed attempt is logged on the delivery and fails the
 * task, so Payload's queue retries it with exponential backoff; after the last attempt the
 * delivery is `failed` (an admin can replay it). The log is written outside the job's
 * transaction, so a failed attempt is recorded although the task fails.
 */
export function webhookDeliveryTask(
  options: Pick<ResolvedPersonalizationOptions, 'webhookAttempts' | 'webhookBackoffMs'>,
) {
  const task: TaskConfig<{ input: { delivery: string }; output: { status: string } }> = {
    slug: WEBHOOK_DELIVERY_TASK,
    handler: async ({ input, req }) => {
      const { payload } = req
      const delivery = (await payload
        .findByID({ collection: WEBHOOK_DELIVERIES as never, depth: 0, disableErrors: true, id: input.delivery })
        .catch(() => null)) as null | WebhookDeliveryDoc
      // Erased, or delivered already (a duplicate job): nothing to send.
      if (!delivery || delivery.status === 'delivered') return { output: { status: delivery?.status ?? 'gone' } }
      const webhook = (await payload
        .findByID({ collection: WEBHOOKS as never, depth: 0, disableErrors: true, id: delivery.webhook as string })
        .catch(() => null)) as null | WebhookDoc
      if (!webhook || webhook.active === false) {
        await log(payload, delivery, { code: null, error: 'webhook removed or inactive' }, 'failed')
        return { output: { status: 'failed' } }
      }
      const attempt = await send(payload, webhook, delivery)
      const tried = (delivery.attempts ?? 0) + 1
      const status = attempt.error ? (tried >= options.webhookAttempts ? 'failed' : 'retrying') : 'delivered'
      await log(payload, delivery, attempt, status)
      if (attempt.error && status === 'retrying') throw new Error(attempt.error)
      return { output: { status } }
    },
    inputSchema: [{ name: 'delivery', type: 'text', required: true }],
    outputSchema: [{ name: 'status', type: 'text' }],
    // Payload counts retries after the first try.
    retries: {
      attempts: Math.max(0, options.webhookAttempts - 1),
      backoff: { delay: options.webhookBackoffMs, type: 'exponential' },
    },
  }
  return task
}

async function log(payload: Payload, delivery: WebhookDeliveryDoc, attempt: Attempt, status: string) {
  const now = new Date().toISOString()
  await payload.update({
    collection: WEBHOOK_DELIVERIES as never,
    data: {
      attempts: (delivery.attempts ?? 0) + 1,
      lastAttemptAt: now,
      lastError: attempt.error,
      lastResponseCode: attempt.code,
      status,
      ...(status === 'delivered' ? { deliveredAt: now } : {}),
    } as never,
    depth: 0,
    id: delivery.id,
    overrideAccess: true,
  })
}

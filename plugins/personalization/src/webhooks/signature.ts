import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * The signature of a delivery: HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>`,
 * sent as `X-Kontorwerk-Signature: sha256=<hex>` beside `X-Kontorwerk-Timestamp: <unix seconds>`.
 * The timestamp is signed too, so a receiver that refuses old timestamps also refuses a replayed
 * capture (docs/api.md#webhook-signatures).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** Whether a received signature is the one this secret gives (constant time, as a receiver should compare). */
export function validWebhookSignature(secret: string, timestamp: string, body: string, received: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body))
  const given = Buffer.from(received)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** A new webhook's secret: 32 random bytes, hex, with a prefix that tells what it is where it turns up. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('hex')}`

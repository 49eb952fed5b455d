import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { emitWebhookEvents, relationKey, type WebhookEvent } from '@kontorwerk/personalization'

type LedgerEntry = {
  action: string
  channel?: null | string
  id: number | string
  occurredAt: string
  purpose?: null | string
  source?: null | string
  subscriber: unknown
  topic?: unknown
}

/** The address of the subscriber, read in the ledger write's transaction (an unsubscribe names it). */
async function emailOf(req: PayloadRequest, subscriber: string): Promise<null | string> {
  const doc = await req.payload
    .findByID({ collection: 'subscribers', depth: 0, disableErrors: true, id: subscriber, overrideAccess: true, req })
    .catch(() => null)
  return (doc as { email?: string } | null)?.email ?? null
}

/**
 * Every ledger entry is a `consent_changed` webhook event (ids and categories only: no address);
 * a withdrawal of marketing email is also `unsubscribed`, with the address, as a receiver (a CRM,
 * another mail tool) must suppress that address. Queued in the entry's transaction. Entries
 * written in bulk (an import, an erasure's note) do not pass here: an import's thousands of rows
 * are not events for a CRM, and an erased person is not to be named anywhere.
 */
export const consentWebhooks: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const entry = doc as LedgerEntry
  const subscriber = relationKey(entry.subscriber as never)
  if (!subscriber || entry.action === 'erased') return doc
  const topic = entry.topic == null ? null : relationKey(entry.topic as never)
  const common = { channel: entry.channel ?? null, purpose: entry.purpose ?? null, subscriber, topic }
  const events: WebhookEvent[] = [
    {
      data: { ...common, action: entry.action, source: entry.source ?? null },
      id: `consent:${entry.id}`,
      occurredAt: new Date(entry.occurredAt).toISOString(),
      type: 'consent_changed',
    },
  ]
  if (entry.action === 'withdrawn' && entry.purpose === 'marketing' && entry.channel === 'email')
    events.push({
      data: { ...common, email: await emailOf(req, subscriber) },
      id: `unsubscribed:${entry.id}`,
      occurredAt: new Date(entry.occurredAt).toISOString(),
      type: 'unsubscribed',
    })
  await emitWebhookEvents(req.payload, events, req)
  return doc
}

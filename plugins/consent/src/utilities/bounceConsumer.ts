import type { BulkWrite, EventConsumer } from '@kontorwerk/personalization'

/**
 * Hard bounces mark the address undeliverable, in the same transaction as the bounce event
 * (bounces arrive through the event intake: POST /api/events or `recordEvents`). Soft bounces
 * only count as events.
 */
export const bounceConsumer: EventConsumer = {
  name: 'deliverability',
  plan: async ({ events }): Promise<BulkWrite> => {
    const latest = new Map<string, { occurredAt: Date; reason: string }>()
    for (const event of events) {
      if (event.type !== 'bounce' || event.properties.kind !== 'hard') continue
      const seen = latest.get(event.subscriber)
      if (seen && seen.occurredAt >= event.occurredAt) continue
      const detail = typeof event.properties.reason === 'string' ? `: ${event.properties.reason.slice(0, 200)}` : ''
      latest.set(event.subscriber, { occurredAt: event.occurredAt, reason: `hard bounce${detail}` })
    }
    return {
      updates: [...latest].map(([subscriber, { occurredAt, reason }]) => ({
        collection: 'subscribers',
        data: { deliverability: { reason, undeliverableSince: occurredAt } },
        id: subscriber,
      })),
    }
  },
}

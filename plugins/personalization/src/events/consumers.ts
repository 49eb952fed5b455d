import type { Payload } from 'payload'

import type { BulkWrite } from '../database/bulkWrite'
import type { EventType } from './eventTypes'

/** An event as stored, with its subscriber resolved. */
export type StoredEvent = {
  block: null | string
  eventId: string
  occurredAt: Date
  properties: Record<string, unknown>
  source: string
  subscriber: string
  type: EventType
}

export type PlanContext = { events: StoredEvent[]; now: Date; payload: Payload }
export type SettleContext = { events: StoredEvent[]; now: Date; payload: Payload; subscribers: string[] }

/**
 * Something that learns from events (lead scoring, later segments and campaigns). `plan` runs
 * inside the intake lock and returns writes committed atomically with the events; `settle`
 * runs after the commit for every subscriber of the batch (retries included), so it must be
 * idempotent: it is how a batch interrupted after its commit still completes on retry.
 */
export type EventConsumer = {
  name: string
  plan?: (context: PlanContext) => Promise<BulkWrite>
  settle?: (context: SettleContext) => Promise<void>
}

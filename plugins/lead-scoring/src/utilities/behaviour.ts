import type { Payload } from 'payload'

import { idFromKey, readRows } from '@kontorwerk/personalization'

import { LEAD_SCORES } from '../collections/LeadScores'

/** The behavioural score columns of one subscriber (a `lead-scores` row). */
export type Behaviour = {
  engagementAsOf: Date | null
  engagementValue: number
  fitEvents: number
  lastEngagedAt: Date | null
}

export type StoredBehaviour = Behaviour & { row: string }

export const NO_BEHAVIOUR: Behaviour = { engagementAsOf: null, engagementValue: 0, fitEvents: 0, lastEngagedAt: null }

/** The `lead-scores` rows of these subscribers, by subscriber id; subscribers without events have none. */
export async function storedBehaviour(payload: Payload, subscribers: string[]): Promise<Map<string, StoredBehaviour>> {
  const rows = await readRows(
    payload,
    LEAD_SCORES,
    ['id', 'subscriber', 'engagementAsOf', 'engagementValue', 'fitEvents', 'lastEngagedAt'],
    [{ field: 'subscriber', in: subscribers.map((id) => idFromKey(payload, id)) }],
  )
  const date = (value: unknown) => (value ? new Date(value as string) : null)
  return new Map(
    rows.map((row) => [
      String(row.subscriber),
      {
        engagementAsOf: date(row.engagementAsOf),
        engagementValue: Number(row.engagementValue ?? 0),
        fitEvents: Number(row.fitEvents ?? 0),
        lastEngagedAt: date(row.lastEngagedAt),
        row: String(row.id),
      },
    ]),
  )
}

/** Writes for new behaviour: an update of the subscriber's row, or its first row. */
export function behaviourWrites(stored: Map<string, StoredBehaviour>, next: Map<string, Behaviour>) {
  const inserts: Record<string, unknown>[] = []
  const updates: { collection: string; data: Record<string, unknown>; id: string }[] = []
  for (const [subscriber, { engagementAsOf, engagementValue, fitEvents, lastEngagedAt }] of next) {
    const behaviour = { engagementAsOf, engagementValue, fitEvents, lastEngagedAt }
    const existing = stored.get(subscriber)
    if (existing) updates.push({ collection: LEAD_SCORES, data: behaviour, id: existing.row })
    else inserts.push({ ...behaviour, subscriber })
  }
  return { inserts: [{ collection: LEAD_SCORES, docs: inserts }], updates }
}

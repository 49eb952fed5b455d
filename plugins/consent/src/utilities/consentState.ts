export type ConsentAction = 'confirmed' | 'erased' | 'requested' | 'withdrawn'
export type ConsentPurpose = 'marketing' | 'tracking'

/** One ledger entry as the gate reads it; `topic` null means every topic (e.g. "unsubscribe from all"). */
export type ConsentEvent = {
  action: ConsentAction
  channel: string
  occurredAt: Date | string
  purpose: ConsentPurpose
  topic?: null | string
}

export type ConsentStatus = 'granted' | 'none' | 'pending' | 'withdrawn'

/**
 * The state for one purpose, channel and topic, derived from the ledger in order (the ledger is the
 * truth): a confirmation grants, a withdrawal — of this topic or of all — revokes, and a repeated
 * request never resets a granted consent (double opt-in is only needed once).
 */
export function consentStatus(
  events: ConsentEvent[],
  purpose: ConsentPurpose,
  channel: string,
  topic: null | string = null,
): ConsentStatus {
  let status: ConsentStatus = 'none'
  for (const event of chronological(events)) {
    if (event.purpose !== purpose || event.channel !== channel) continue
    // An event without topic (subscribe to / unsubscribe from everything) applies to every topic.
    if (event.topic != null && event.topic !== topic) continue
    if (event.action === 'withdrawn' || event.action === 'erased') status = 'withdrawn'
    else if (event.action === 'confirmed') status = 'granted'
    else if (status !== 'granted') status = 'pending'
  }
  return status
}

/** Ledger order: by time, and in insertion order for equal times. */
function chronological(events: ConsentEvent[]): ConsentEvent[] {
  return events
    .map((event, index) => ({ event, index, time: new Date(event.occurredAt).getTime() }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ event }) => event)
}

import { type ConsentEvent, consentStatus } from './consentState'
import { budgetWindows, type ChannelBudget, fitsBudget, type Frequency } from './contactBudget'

export { FREQUENCY_CAPS, type Frequency } from './contactBudget'

export type ContactProfile = {
  consents: ConsentEvent[]
  preferences?: { channels?: null | string[]; frequency?: Frequency | null; pausedUntil?: Date | null | string } | null
  /** When marketing messages were sent on the channel (any topic). */
  recentContacts: (Date | string)[]
  /** Set by a hard bounce; an email opt-in confirmed after it lifts it. */
  undeliverableSince?: Date | null | string
}

/**
 * `reserved`: how many messages of higher priority are already waiting for this subscriber on the
 * channel within the next day; they have the first claim on the budget (docs/plugins/consent.md#contact-budget).
 */
export type ContactRequest = {
  at: Date
  channel: string
  important?: boolean
  reserved?: number
  topic?: null | string
}

export type ContactDecision = {
  allowed: boolean
  reason:
    | 'budget'
    | 'channel_opt_out'
    | 'frequency_cap'
    | 'no_consent'
    | 'ok'
    | 'paused'
    | 'pending_confirmation'
    | 'undeliverable'
    | 'withdrawn'
}

/**
 * The single gate for marketing contact: confirmed consent for the topic and channel, no withdrawal,
 * the channel chosen, not paused, "important only" respected, and the contact budget: the system's
 * daily and weekly limit of the channel and the subscriber's own frequency (the tightest wins).
 * Every sender and every rule asks this, nothing else; campaigns and automations alike.
 */
export function canContact(profile: ContactProfile, request: ContactRequest, budget: ChannelBudget): ContactDecision {
  const status = consentStatus(profile.consents, 'marketing', request.channel, request.topic ?? null)
  if (status === 'none') return { allowed: false, reason: 'no_consent' }
  if (status === 'pending') return { allowed: false, reason: 'pending_confirmation' }
  if (status === 'withdrawn') return { allowed: false, reason: 'withdrawn' }
  if (request.channel === 'email' && undeliverable(profile)) return { allowed: false, reason: 'undeliverable' }

  const preferences = profile.preferences ?? {}
  if (preferences.channels?.length && !preferences.channels.includes(request.channel))
    return { allowed: false, reason: 'channel_opt_out' }
  if (preferences.pausedUntil && new Date(preferences.pausedUntil).getTime() > request.at.getTime())
    return { allowed: false, reason: 'paused' }

  const frequency: Frequency = preferences.frequency ?? 'weekly'
  if (frequency === 'important_only' && !request.important) return { allowed: false, reason: 'frequency_cap' }
  if (!fitsBudget(profile.recentContacts, budgetWindows(budget, frequency), request.at, request.reserved))
    return { allowed: false, reason: 'budget' }
  return { allowed: true, reason: 'ok' }
}

/** Hard-bounced, and no email opt-in confirmed since (which would prove the mailbox works again). */
function undeliverable(profile: ContactProfile): boolean {
  if (!profile.undeliverableSince) return false
  const since = new Date(profile.undeliverableSince).getTime()
  return !profile.consents.some(
    (event) =>
      event.channel === 'email' && event.action === 'confirmed' && new Date(event.occurredAt).getTime() > since,
  )
}

/** Tracking (open pixel, click tracking, profiling) is its own purpose, asked the same way. */
export function canTrack(consents: ConsentEvent[], channel = 'email'): boolean {
  return consentStatus(consents, 'tracking', channel) === 'granted'
}

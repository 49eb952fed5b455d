import type { ResolvedConsentOptions } from '../types'

import { type ConsentEvent, consentStatus } from './consentState'

const DAY = 24 * 60 * 60 * 1000

export type Frequency = 'important_only' | 'monthly' | 'weekly'

/** How often each frequency choice lets marketing through, per channel. */
export const FREQUENCY_CAPS: Record<Exclude<Frequency, 'important_only'>, { maxMessages: number; perDays: number }> = {
  monthly: { maxMessages: 1, perDays: 30 },
  weekly: { maxMessages: 1, perDays: 7 },
}

export type ContactProfile = {
  consents: ConsentEvent[]
  preferences?: { channels?: null | string[]; frequency?: Frequency | null; pausedUntil?: Date | null | string } | null
  /** When marketing messages were sent on the channel (any topic). */
  recentContacts: (Date | string)[]
  /** Set by a hard bounce; an email opt-in confirmed after it lifts it. */
  undeliverableSince?: Date | null | string
}

/** `exemptFromCaps`: a message the subscriber's own action started (an automation step) does not count against frequency caps. */
export type ContactRequest = {
  at: Date
  channel: string
  exemptFromCaps?: boolean
  important?: boolean
  topic?: null | string
}

export type ContactDecision = {
  allowed: boolean
  reason:
    | 'channel_opt_out'
    | 'frequency_cap'
    | 'no_consent'
    | 'ok'
    | 'paused'
    | 'pending_confirmation'
    | 'system_cap'
    | 'undeliverable'
    | 'withdrawn'
}

/**
 * The single gate for marketing contact: confirmed consent for the topic and channel, no withdrawal,
 * the channel chosen, not paused, and both the subscriber's frequency and the system cap respected
 * (the lower of the two wins). Every sender and every rule asks this, nothing else.
 */
export function canContact(
  profile: ContactProfile,
  request: ContactRequest,
  systemCap: ResolvedConsentOptions['systemCap'],
): ContactDecision {
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

  const sentWithin = (days: number) => {
    const since = request.at.getTime() - days * DAY
    return profile.recentContacts.filter((sent) => {
      const time = new Date(sent).getTime()
      return time > since && time <= request.at.getTime()
    }).length
  }
  const frequency = preferences.frequency ?? 'weekly'
  if (frequency === 'important_only' && !request.important) return { allowed: false, reason: 'frequency_cap' }
  if (request.exemptFromCaps) return { allowed: true, reason: 'ok' }
  if (frequency !== 'important_only') {
    const cap = FREQUENCY_CAPS[frequency]
    if (sentWithin(cap.perDays) >= cap.maxMessages) return { allowed: false, reason: 'frequency_cap' }
  }
  if (sentWithin(systemCap.perDays) >= systemCap.maxMessages) return { allowed: false, reason: 'system_cap' }
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

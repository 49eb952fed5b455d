import type { Payload } from 'payload'

import { type LinkSubject, personalizationOptions, type Signer, signSubscriberToken } from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'
import type { Frequency } from './canContact'

import { CONSENT_TEXT_VERSION } from '../pages/subscribePages'
import { consentStatus } from './consentState'
import { ledgerEvents, ledgerRecords } from './ledger'
import { consentOptions } from './options'
import { recordConsent } from './recordConsent'

const PREFERENCES_TTL_SECONDS = 30 * 24 * 3600

/** The link to the preference center; every page view hands out a fresh one (rotation), older ones expire. */
export const preferencesToken = (signer: Signer, subscriber: LinkSubject) =>
  signSubscriberToken(signer, subscriber, 'preferences', PREFERENCES_TTL_SECONDS)

/** The absolute signed link to a subscriber's preference center (in mails, in the demo's log). */
export const preferencesUrl = (signer: Signer, subscriber: LinkSubject) =>
  `${personalizationOptions(signer).pagesUrl}/preferences?token=${encodeURIComponent(preferencesToken(signer, subscriber))}`

/** Questions asked one at a time, each only while unanswered (progressive profiling, data minimisation). */
export const PROFILE_QUESTIONS = [
  {
    field: 'firstName',
    label: { de: 'Wie dürfen wir Sie ansprechen? Ihr Vorname', en: 'How may we address you? Your first name' },
  },
  { field: 'lastName', label: { de: 'Ihr Nachname', en: 'Your last name' } },
  { field: 'region', label: { de: 'In welcher Region arbeiten Sie?', en: 'Which region do you work in?' } },
] as const

export type TopicState = { granted: boolean; id: number | string; name: string; pending: boolean; slug: string }

export async function topicStates(payload: Payload, subscriber: Subscriber, lang: 'de' | 'en'): Promise<TopicState[]> {
  const [{ docs: topics }, ledger] = await Promise.all([
    payload.find({ collection: 'topics', depth: 0, limit: 50, locale: lang, where: { active: { equals: true } } }),
    ledgerEvents(payload, subscriber.id),
  ])
  return topics.map((topic) => {
    const status = consentStatus(ledger, 'marketing', 'email', String(topic.id))
    return {
      granted: status === 'granted',
      id: topic.id,
      name: topic.name,
      pending: status === 'pending',
      slug: topic.slug,
    }
  })
}

export type PreferenceChanges = {
  answer?: { field: string; value: string }
  channels: string[]
  frequency: Frequency
  pausedUntil: null | string
  topics: string[]
}

/**
 * Applies the preference form: topic choices become ledger entries (a topic added through the
 * emailed link counts as confirmed, the link proves the mailbox), the rest updates the subscriber.
 */
export async function savePreferences(
  payload: Payload,
  subscriber: Subscriber,
  changes: PreferenceChanges,
  meta: { ip?: null | string; userAgent?: null | string },
) {
  const options = consentOptions(payload)
  const states = await topicStates(payload, subscriber, 'de')
  const wanted = new Set(changes.topics)
  for (const topic of states) {
    const base = {
      channel: 'email',
      ip: meta.ip,
      purpose: 'marketing' as const,
      source: 'preference_center' as const,
      subscriber: subscriber.id,
      topic: topic.id,
      userAgent: meta.userAgent,
    }
    if (topic.granted && !wanted.has(topic.slug))
      await recordConsent(payload, { ...base, action: 'withdrawn' }, options)
    if (!topic.granted && wanted.has(topic.slug)) {
      await recordConsent(
        payload,
        {
          ...base,
          action: 'confirmed',
          proof: { method: 'preference-center-link' },
          textVersion: CONSENT_TEXT_VERSION,
        },
        options,
      )
    }
  }
  const answer =
    changes.answer && PROFILE_QUESTIONS.some((question) => question.field === changes.answer!.field)
      ? { [changes.answer.field]: changes.answer.value.slice(0, 100) }
      : {}
  await payload.update({
    id: subscriber.id,
    collection: 'subscribers',
    data: {
      ...answer,
      preferences: {
        channels: changes.channels as never,
        frequency: changes.frequency,
        pausedUntil: changes.pausedUntil,
      },
    },
  })
}

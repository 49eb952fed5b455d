import type { Payload } from 'payload'

import {
  CodedError,
  type LinkSubject,
  personalizationOptions,
  regionFromText,
  type Signer,
  signSubscriberToken,
} from '@kontorwerk/personalization'

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

/** The channels the preference center knows, in its order. */
export const PREFERENCE_CHANNELS = ['email', 'sms', 'push', 'post'] as const

/**
 * The channels the reader gave marketing consent for (to any topic, or to all): only these are
 * ticked in the preference center while the reader has not chosen channels. Someone who signed up
 * by email sees SMS, push and post unticked: a ticked box is a claim of consent, never a default.
 */
export async function consentedChannels(
  payload: Payload,
  subscriber: Subscriber,
  topics: Pick<TopicState, 'id'>[],
): Promise<Set<string>> {
  const ledger = await ledgerEvents(payload, subscriber.id)
  const scopes = [null, ...topics.map((topic) => String(topic.id))]
  return new Set(
    PREFERENCE_CHANNELS.filter((channel) =>
      scopes.some((topic) => consentStatus(ledger, 'marketing', channel, topic) === 'granted'),
    ),
  )
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
  // Checked before the first ledger entry: a rejected answer leaves the whole form unsaved.
  const answer = await profileAnswer(payload, changes.answer)
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

/** The subscriber fields an answer to a profile question sets; a region must name a known region or an ISO code. */
async function profileAnswer(payload: Payload, answer: PreferenceChanges['answer']): Promise<Record<string, string>> {
  if (!answer || !PROFILE_QUESTIONS.some((question) => question.field === answer.field)) return {}
  if (answer.field !== 'region') return { [answer.field]: answer.value.slice(0, 100) }
  const region = await regionFromText(payload, answer.value)
  if (!region)
    throw new CodedError('BAD_USER_INPUT', `Unknown region "${answer.value.slice(0, 100)}"`, { field: 'region' })
  return { region }
}

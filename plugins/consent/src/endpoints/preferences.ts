import type { Endpoint, PayloadRequest } from 'payload'

import { CodedError } from '@kontorwerk/personalization'

import type { Form } from './http'

import { type PageContext } from '../pages/page'
import { preferencesPage } from '../pages/preferencePages'
import { invalidLinkPage } from '../pages/subscribePages'
import { requestMeta } from '../utilities/flows'
import {
  consentedChannels,
  PREFERENCE_CHANNELS,
  type PreferenceChanges,
  preferencesToken,
  savePreferences,
  type TopicState,
  topicStates,
} from '../utilities/preferenceCenter'
import { subscriberFromToken } from '../utilities/subscriberFromToken'
import { list, pageContext, pageResponse, queryValue, readForm, redirectResponse } from './http'

const CHANNEL_VALUES: readonly string[] = PREFERENCE_CHANNELS
const FREQUENCY_VALUES = ['weekly', 'monthly', 'important_only']

const PROBLEMS = {
  de: {
    choice: 'Ungültige Auswahl.',
    date: 'Bitte ein gültiges Datum angeben.',
    region: 'Unbekannte Region: bitte ein Bundesland, einen Kanton oder ein Land nennen (z. B. Bayern oder AT).',
    topic: 'Unbekanntes Thema.',
  },
  en: {
    choice: 'Invalid choice.',
    date: 'Please enter a valid date.',
    region: 'Unknown region: please name a state, canton or country (e.g. Bavaria or AT).',
    topic: 'Unknown topic.',
  },
}

/** The preference form as changes to save, or what is wrong with it (shown on the form; nothing is saved). */
function changesOf(
  form: Form,
  topics: TopicState[],
  lang: PageContext['lang'],
): { changes: PreferenceChanges } | { problem: string } {
  const chosenTopics = list(form.topics)
  const channels = list(form.channels)
  const frequency = String(form.frequency ?? 'weekly')
  const pausedUntil = form.pausedUntil ? new Date(`${String(form.pausedUntil)}T00:00:00Z`) : null
  if (chosenTopics.some((slug) => !topics.some((topic) => topic.slug === slug)))
    return { problem: PROBLEMS[lang].topic }
  if (channels.some((channel) => !CHANNEL_VALUES.includes(channel)) || !FREQUENCY_VALUES.includes(frequency))
    return { problem: PROBLEMS[lang].choice }
  if (pausedUntil && Number.isNaN(pausedUntil.getTime())) return { problem: PROBLEMS[lang].date }
  const answerValue = String(form.answerValue ?? '')
    .replace(/[\u0000-\u001f<>]/g, ' ')
    .trim()
  return {
    changes: {
      answer: answerValue ? { field: String(form.answerField), value: answerValue } : undefined,
      // All channels ticked means no restriction.
      channels: channels.length === CHANNEL_VALUES.length ? [] : channels,
      frequency: frequency as PreferenceChanges['frequency'],
      pausedUntil: pausedUntil?.toISOString() ?? null,
      topics: chosenTopics,
    },
  }
}

/** GET /preferences?token=…: the preference center; every view hands out a fresh link (rotation). */
const show = async (req: PayloadRequest) => {
  const subscriber = await subscriberFromToken(req.payload, queryValue(req, 'token'), 'preferences')
  const at = pageContext(req, {}, subscriber?.locale)
  if (!subscriber) return pageResponse(req, 400, invalidLinkPage(at))
  const topics = await topicStates(req.payload, subscriber, at.lang)
  return pageResponse(
    req,
    200,
    preferencesPage(at, {
      consented: await consentedChannels(req.payload, subscriber, topics),
      saved: queryValue(req, 'saved') === '1',
      subscriber,
      token: preferencesToken(req.payload, subscriber),
      topics,
    }),
  )
}

/** POST /preferences: saves the form (topics as ledger entries), then shows the page again with "saved". */
const save = async (req: PayloadRequest) => {
  const form = await readForm(req)
  const subscriber = await subscriberFromToken(req.payload, form.token, 'preferences')
  const at = pageContext(req, form, subscriber?.locale)
  if (!subscriber) return pageResponse(req, 400, invalidLinkPage(at))
  const topics = await topicStates(req.payload, subscriber, at.lang)
  const result = changesOf(form, topics, at.lang)
  const problem =
    'problem' in result
      ? result.problem
      : await savePreferences(req.payload, subscriber, result.changes, requestMeta(req)).then(
          () => null,
          (error: unknown) => {
            // Only the region answer is refused after the form checks; anything else is a real failure.
            if (error instanceof CodedError && error.code === 'BAD_USER_INPUT') return PROBLEMS[at.lang].region
            throw error
          },
        )
  if (problem)
    return pageResponse(
      req,
      400,
      preferencesPage(at, {
        consented: await consentedChannels(req.payload, subscriber, topics),
        error: problem,
        subscriber,
        token: preferencesToken(req.payload, subscriber),
        topics,
      }),
    )
  return redirectResponse(
    `${at.pages}/preferences?token=${encodeURIComponent(preferencesToken(req.payload, subscriber))}&saved=1&lang=${at.lang}`,
  )
}

export const preferencesEndpoints: Endpoint[] = [
  { handler: show, method: 'get', path: '/preferences' },
  { handler: save, method: 'post', path: '/preferences' },
]

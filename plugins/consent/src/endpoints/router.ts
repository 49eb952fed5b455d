import type { Payload } from 'payload'

import express, { type Request, type Response } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'

import { checkInboxPage, confirmedPage, confirmPage, invalidLinkPage, subscribeForm, tooManyRequestsPage, type TopicChoice, unsubscribeConfirmPage, unsubscribedPage } from '../pages/subscribePages'
import { CodedError } from '@kontorwerk/personalization'
import { personalDataContributors } from '@kontorwerk/personalization'
import { exportPersonalData } from '@kontorwerk/personalization'
import { loadBrand } from '../globals/Branding'
import { applyBrand } from '../pages/page'
import { dataPage } from '../pages/dataPage'
import { deleteConfirmPage, deletedPage, deleteFailedPage, preferencesPage } from '../pages/preferencePages'
import { confirmSubscription, doubleOptInLinkState, subscribe, SubscribeInputError, unsubscribeAll, withdrawAll } from '../utilities/flows'
import { addressKey, SIGNUP_LIMITS, SIGNUP_WINDOWS, signupStores } from '../utilities/signupLimits'
import { preferencesToken, savePreferences, topicStates } from '../utilities/preferenceCenter'
import { subscriberFromToken } from '../utilities/subscriberFromToken'

export type ConsentRouterOptions = {
  /** Sign-ups per IP address per 15 minutes. */
  perIp?: number
  /** Sign-ups per email address per hour. */
  perAddress?: number
  /** Counters (tests give each server its own). */
  stores?: typeof signupStores
}

const ERRORS = {
  de: { invalid_email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.', no_topic: 'Bitte wählen Sie mindestens ein Thema.', unknown_topic: 'Dieses Thema gibt es nicht (mehr).' },
  en: { invalid_email: 'Please enter a valid email address.', no_topic: 'Please choose at least one topic.', unknown_topic: 'This topic does not exist (any more).' },
}

/** Form fields that may come once or repeated (checkboxes), as a list of strings. */
const list = (value: unknown) => [value ?? []].flat().map(String)
const langOf = (req: Request): 'de' | 'en' => ((req.query.lang ?? req.body?.lang) === 'en' ? 'en' : 'de')
const meta = (req: Request) => ({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null })
const html = async (res: Response, status: number, body: string) =>
  res.status(status).type('html').set('Cache-Control', 'no-store').send(applyBrand(body, await loadBrand(res.locals.payload as Payload)))

async function topicChoices(payload: Payload, lang: 'de' | 'en'): Promise<TopicChoice[]> {
  const { docs } = await payload.find({ collection: 'topics', depth: 0, limit: 50, locale: lang, where: { active: { equals: true } } })
  return docs.map((topic) => ({ description: topic.description, name: topic.name, slug: topic.slug }))
}

/**
 * The public consent routes on the express server: sign-up form (no JavaScript needed), double
 * opt-in confirmation, unsubscribe page and RFC 8058 one-click unsubscribe. Sign-ups are rate-limited
 * per IP and per address; a limited request changes nothing.
 */
export function consentRouter(payload: Payload, options: ConsentRouterOptions = {}): express.Router {
  const router = express.Router()
  router.use((_req, res, next) => {
    res.locals.payload = payload
    next()
  })
  const body = [express.urlencoded({ extended: false, limit: '20kb' }), express.json({ limit: '20kb' })]
  const tooMany = (req: Request, res: Response, next: (error?: unknown) => void) => {
    html(res, 429, tooManyRequestsPage(langOf(req))).catch(next)
  }
  const stores = options.stores ?? signupStores
  const perIp = rateLimit({
    handler: tooMany,
    // The same key as ipKey(), spelled out: express-rate-limit checks that ipKeyGenerator is used.
    keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
    legacyHeaders: false,
    limit: options.perIp ?? SIGNUP_LIMITS.perIp,
    standardHeaders: 'draft-8',
    store: stores.perIp,
    windowMs: SIGNUP_WINDOWS.perIp,
  })
  const perAddress = rateLimit({
    handler: tooMany,
    keyGenerator: (req) => addressKey(req.body?.email) ?? '',
    legacyHeaders: false,
    limit: options.perAddress ?? SIGNUP_LIMITS.perAddress,
    // No address, no count: the form answers with its error (as withinSignupLimits does for GraphQL).
    skip: (req) => addressKey(req.body?.email) === null,
    standardHeaders: false,
    store: stores.perAddress,
    windowMs: SIGNUP_WINDOWS.perAddress,
  })

  router.get('/subscribe', async (req, res) => {
    const lang = langOf(req)
    await html(res, 200, subscribeForm({ lang, topics: await topicChoices(payload, lang) }))
  })

  router.post('/subscribe', ...body, perIp, perAddress, async (req, res) => {
    const lang = langOf(req)
    try {
      await subscribe(payload, { ...req.body, lang }, { ...meta(req), source: 'form' })
      await html(res, 200, checkInboxPage(lang))
    } catch (error) {
      if (!(error instanceof SubscribeInputError)) throw error
      const values = { email: String(req.body?.email ?? '').slice(0, 254), firstName: String(req.body?.firstName ?? '').slice(0, 100), topics: list(req.body?.topics) }
      await html(res, 400, subscribeForm({ error: ERRORS[lang][error.message as keyof (typeof ERRORS)['de']], lang, topics: await topicChoices(payload, lang), values }))
    }
  })

  // A GET only shows the button (link scanners fetch every link); the POST behind it confirms.
  router.get('/subscribe/confirm', async (req, res) => {
    const lang = langOf(req)
    const token = String(req.query.token ?? '')
    const state = await doubleOptInLinkState(payload, token)
    if (state === 'invalid') await html(res, 400, invalidLinkPage(lang))
    else if (state === 'already_confirmed') await html(res, 200, confirmedPage(lang, null))
    else await html(res, 200, confirmPage(lang, token))
  })

  router.post('/subscribe/confirm', ...body, async (req, res) => {
    const lang = langOf(req)
    const result = await confirmSubscription(payload, String(req.body?.token ?? ''), meta(req))
    if (result.status === 'invalid') await html(res, 400, invalidLinkPage(lang))
    else await html(res, 200, confirmedPage(lang, result.status === 'confirmed' ? preferencesToken(payload, result.subscriber) : null))
  })

  // A GET only asks: link scanners and previews must not unsubscribe anybody.
  router.get('/unsubscribe', (req, res) => html(res, 200, unsubscribeConfirmPage(langOf(req), String(req.query.token ?? ''))))

  // RFC 8058 one-click (List-Unsubscribe-Post) and the button on the page above.
  router.post('/unsubscribe', ...body, async (req, res) => {
    const lang = langOf(req)
    const done = await unsubscribeAll(payload, String(req.query.token ?? ''), { ...meta(req), source: 'one_click' })
    if (!done) await html(res, 400, invalidLinkPage(lang))
    else await html(res, 200, unsubscribedPage(lang))
  })

  const CHANNEL_VALUES = ['email', 'sms', 'push', 'post']
  const FREQUENCY_VALUES = ['weekly', 'monthly', 'important_only']

  router.get('/preferences', async (req, res) => {
    const lang = langOf(req)
    const subscriber = await subscriberFromToken(payload, req.query.token, 'preferences')
    if (!subscriber) return html(res, 400, invalidLinkPage(lang))
    await html(res, 200, preferencesPage({ lang, saved: req.query.saved === '1', subscriber, token: preferencesToken(payload, subscriber), topics: await topicStates(payload, subscriber, lang) }))
  })

  router.post('/preferences', ...body, async (req, res) => {
    const lang = langOf(req)
    const subscriber = await subscriberFromToken(payload, req.body?.token, 'preferences')
    if (!subscriber) return html(res, 400, invalidLinkPage(lang))
    const topics = await topicStates(payload, subscriber, lang)
    const chosenTopics = list(req.body.topics)
    const channels = list(req.body.channels)
    const frequency = String(req.body.frequency ?? 'weekly')
    const pausedUntil = req.body.pausedUntil ? new Date(`${req.body.pausedUntil}T00:00:00Z`) : null
    const problem =
      chosenTopics.some((slug) => !topics.some((topic) => topic.slug === slug))
        ? lang === 'de' ? 'Unbekanntes Thema.' : 'Unknown topic.'
        : channels.some((channel) => !CHANNEL_VALUES.includes(channel)) || !FREQUENCY_VALUES.includes(frequency)
          ? lang === 'de' ? 'Ungültige Auswahl.' : 'Invalid choice.'
          : pausedUntil && Number.isNaN(pausedUntil.getTime())
            ? lang === 'de' ? 'Bitte ein gültiges Datum angeben.' : 'Please enter a valid date.'
            : null
    if (problem) return html(res, 400, preferencesPage({ error: problem, lang, subscriber, token: preferencesToken(payload, subscriber), topics }))
    const answerValue = String(req.body.answerValue ?? '').replace(/[\u0000-\u001f<>]/g, ' ').trim()
    await savePreferences(
      payload,
      subscriber,
      {
        answer: answerValue ? { field: String(req.body.answerField), value: answerValue } : undefined,
        // All channels ticked means no restriction.
        channels: channels.length === CHANNEL_VALUES.length ? [] : channels,
        frequency: frequency as never,
        pausedUntil: pausedUntil?.toISOString() ?? null,
        topics: chosenTopics,
      },
      meta(req),
    )
    res.redirect(303, `/preferences?token=${encodeURIComponent(preferencesToken(payload, subscriber))}&saved=1&lang=${lang}`)
  })

  router.post('/preferences/unsubscribe', ...body, async (req, res) => {
    const lang = langOf(req)
    const subscriber = await subscriberFromToken(payload, req.body?.token, 'preferences')
    if (!subscriber) return html(res, 400, invalidLinkPage(lang))
    await withdrawAll(payload, subscriber.id, { ...meta(req), source: 'preference_center' })
    await html(res, 200, unsubscribedPage(lang))
  })

  router.get('/preferences/export', async (req, res) => {
    const subscriber = await subscriberFromToken(payload, req.query.token, 'preferences')
    if (!subscriber) return html(res, 400, invalidLinkPage(langOf(req)))
    res.set('Cache-Control', 'no-store').attachment('meine-daten.json').json(await exportPersonalData(payload, subscriber))
  })

  router.get('/preferences/data', async (req, res) => {
    const lang = langOf(req)
    const subscriber = await subscriberFromToken(payload, req.query.token, 'preferences')
    if (!subscriber) return html(res, 400, invalidLinkPage(lang))
    const labels = Object.fromEntries(personalDataContributors(payload).map((contributor) => [contributor.key, contributor.label]))
    await html(res, 200, dataPage({ data: await exportPersonalData(payload, subscriber), labels, lang, token: preferencesToken(payload, subscriber) }))
  })

  router.get('/preferences/delete', async (req, res) => {
    const lang = langOf(req)
    const subscriber = await subscriberFromToken(payload, req.query.token, 'preferences')
    if (!subscriber) return html(res, 400, invalidLinkPage(lang))
    await html(res, 200, deleteConfirmPage(lang, String(req.query.token)))
  })

  router.post('/preferences/delete', ...body, async (req, res) => {
    const lang = langOf(req)
    const subscriber = await subscriberFromToken(payload, req.body?.token, 'preferences')
    if (!subscriber) return html(res, 400, invalidLinkPage(lang))
    try {
      await payload.delete({ id: subscriber.id, collection: 'subscribers' })
    } catch (error) {
      if (!(error instanceof CodedError && error.code === 'ERASURE_FAILED')) throw error
      payload.logger.error({ err: error, msg: 'Erasure from the preference center failed' })
      return html(res, 409, deleteFailedPage(lang, String(req.body.token)))
    }
    await html(res, 200, deletedPage(lang))
  })

  return router
}

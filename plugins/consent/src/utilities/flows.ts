import type { Payload, PayloadRequest } from 'payload'

import { randomUUID } from 'node:crypto'

import {
  claimsOf,
  contentLanguageOf,
  DEFAULT_LOCALE,
  isVisitorId,
  type LinkSubject,
  mergeVisitor,
  normalizeEmail,
  personalizationOptions,
  readerLocaleOf,
  relationId,
  type Signer,
  signSubscriberToken,
  subscriberOfClaims,
} from '@kontorwerk/personalization'

import type { Subscriber } from '../documents'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { SIGNUP_BY_PERSON } from '../erasure/refuseErasedSubscriber'
import { liftSuppression } from '../erasure/suppressions'
import { loadBrand } from '../globals/Branding'
import { CONSENT_TEXT_VERSION } from '../pages/subscribePages'
import { NEW_PROFILE } from '../retention/purgeUnconfirmed'
import { consentStatus } from './consentState'
import { sendDoubleOptInMail } from './doubleOptInMail'
import { ledgerEvents } from './ledger'
import { consentOptions } from './options'
import { recordConsent } from './recordConsent'
import { signupGreeting } from './signupGreeting'
import { subscriberFromToken } from './subscriberFromToken'

const DOI_TTL_SECONDS = 48 * 3600
/** The tracking consent as a line of the double-opt-in mail, beside the topics (no form of address: it reads alike for Sie and du). */
const TRACKING_CONSENT_ITEM = {
  de: 'Persönliche Auswahl der Inhalte nach der Lektüre auf der Website',
  en: 'Content chosen by what was read on the website',
}
const UNSUBSCRIBE_TTL_SECONDS = 2 * 365 * 24 * 3600

export class SubscribeInputError extends Error {}

export type SubscribeInput = {
  email: unknown
  firstName?: unknown
  lang?: unknown
  topics?: unknown
  /** The reader also agrees to personalization by their reading on the website (tracking purpose), confirmed by the same double opt-in. */
  tracking?: unknown
  /** With `tracking`: the browser SDK's anonymous visitor id, whose history joins the profile on confirmation. */
  visitor?: unknown
}
export type RequestMeta = { ip?: null | string; source?: 'api' | 'form'; userAgent?: null | string }

/** Who acted, for the ledger's proof and the sign-up limits: the client address as the host vouches for it (core option `clientAddress`), and the user agent. */
export const requestMeta = (req: Pick<PayloadRequest, 'headers' | 'payload'>) => ({
  ip: personalizationOptions(req.payload).clientAddress(req.headers),
  userAgent: req.headers.get('user-agent'),
})

/** Names from a public form: no control characters (header injection), no markup, bounded. */
const cleanText = (value: unknown, max: number) =>
  typeof value === 'string'
    ? value
        .replace(/[\u0000-\u001f\u007f<>]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, max) || null
    : null

/**
 * A sign-up: creates the subscriber if new (profile fields of an existing one are left alone, so a
 * stranger cannot change them), records a pending consent for each chosen topic that is not already
 * confirmed, and sends the double-opt-in mail. The answer is the same whether or not the address was known.
 */
export async function subscribe(payload: Payload, input: SubscribeInput, meta: RequestMeta): Promise<void> {
  const email = normalizeEmail(input.email)
  if (!email) throw new SubscribeInputError('invalid_email')
  const slugs = [
    ...new Set((Array.isArray(input.topics) ? input.topics : input.topics == null ? [] : [input.topics]).map(String)),
  ]
  if (slugs.length === 0) throw new SubscribeInputError('no_topic')
  // The reader's locale as given (de-AT is kept for a new subscriber); the mail is in its language, topic names too.
  const locale = input.lang == null || input.lang === '' ? DEFAULT_LOCALE : readerLocaleOf(input.lang)
  if (!locale) throw new SubscribeInputError('unknown_locale')
  const language = contentLanguageOf(locale)
  const { docs: topics } = await payload.find({
    collection: 'topics',
    depth: 0,
    limit: slugs.length,
    locale: language,
    where: { and: [{ slug: { in: slugs } }, { active: { equals: true } }] },
  })
  if (topics.length !== slugs.length) throw new SubscribeInputError('unknown_topic')

  // With its link key (hidden): the confirmation link is signed for this person only.
  const existing = (
    await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: 1,
      showHiddenFields: true,
      where: { email: { equals: email } },
    })
  ).docs[0]
  const subscriber =
    existing ??
    (await payload.create({
      collection: 'subscribers',
      // The person's own sign-up may bring back an erased address: the double opt-in is new consent.
      context: { [SIGNUP_BY_PERSON]: true, stageChange: { reason: 'Newsletter-Anmeldung', source: 'rule' } },
      data: {
        email,
        firstName: cleanText(input.firstName, 100),
        locale,
        stage: await stageId(payload, 'subscriber'),
      } as never,
      showHiddenFields: true,
    }))

  const events = await ledgerEvents(payload, subscriber.id)
  const toConfirm = topics.filter(
    (topic) => consentStatus(events, 'marketing', 'email', String(topic.id)) !== 'granted',
  )
  if (toConfirm.length === 0) return // already subscribed to all of them: nothing to confirm, nothing revealed
  const tracking = isYes(input.tracking) && consentStatus(events, 'tracking', 'email') !== 'granted'

  const requestId = randomUUID()
  const options = consentOptions(payload)
  // A profile this sign-up created is deleted if it stays unconfirmed (retention/purgeUnconfirmed.ts).
  const proof = existing ? undefined : { [NEW_PROFILE]: true }
  for (const topic of toConfirm) {
    await recordConsent(
      payload,
      {
        action: 'requested',
        channel: 'email',
        ip: meta.ip,
        proof,
        purpose: 'marketing',
        requestId,
        source: meta.source ?? 'form',
        subscriber: subscriber.id,
        textVersion: CONSENT_TEXT_VERSION,
        topic: topic.id,
        userAgent: meta.userAgent,
      },
      options,
    )
  }
  // Tracking (personalization by reading) is its own purpose without topics, asked with the same confirmation.
  if (tracking)
    await recordConsent(
      payload,
      {
        action: 'requested',
        channel: 'email',
        ip: meta.ip,
        proof,
        purpose: 'tracking',
        requestId,
        source: meta.source ?? 'form',
        subscriber: subscriber.id,
        textVersion: CONSENT_TEXT_VERSION,
        topic: null,
        userAgent: meta.userAgent,
      },
      options,
    )
  const visitor = tracking && isVisitorId(input.visitor) ? input.visitor : undefined
  const token = signSubscriberToken(payload, subscriber, 'doi', DOI_TTL_SECONDS, { nonce: requestId, visitor })
  const { addressForm } = await loadBrand(payload)
  await sendDoubleOptInMail(payload, {
    addressForm,
    confirmUrl: `${personalizationOptions(payload).pagesUrl}/subscribe/confirm?token=${encodeURIComponent(token)}&lang=${language}`,
    locale: language,
    salutation: signupGreeting(subscriber, addressForm, language),
    to: email,
    // What the link confirms, tracking included: the reader sees everything they agree to.
    topics: [...toConfirm.map((topic) => topic.name), ...(tracking ? [TRACKING_CONSENT_ITEM[language]] : [])],
  })
}

export type ConfirmResult =
  { status: 'already_confirmed' } | { status: 'confirmed'; subscriber: Subscriber } | { status: 'invalid' }

/** The sign-up a double-opt-in link belongs to: its pending records, or null for a link that is not (or no longer) valid. */
async function signupOfLink(payload: Payload, token: string) {
  const claims = claimsOf(payload, token, 'doi')
  if (!claims?.nonce) return null
  // consent() adds its fields to the subscribers collection, so the core's profile carries them.
  const subscriber = (await subscriberOfClaims(payload, claims)) as null | Subscriber
  if (!subscriber) return null
  const { docs } = await payload.find({
    collection: CONSENT_RECORDS as 'consent-records',
    depth: 0,
    limit: 0,
    pagination: false,
    where: { and: [{ subscriber: { equals: subscriber.id } }, { requestId: { equals: claims.nonce } }] },
  })
  const requested = docs.filter((record) => record.action === 'requested')
  if (requested.length === 0) return null
  return {
    confirmed: docs.some((record) => record.action === 'confirmed'),
    requestId: claims.nonce,
    requested,
    subscriber,
    visitor: claims.visitor,
  }
}

/** Whether a double-opt-in link can still be confirmed (the page with the button asks this; a GET never confirms). */
export async function doubleOptInLinkState(
  payload: Payload,
  token: string,
): Promise<'already_confirmed' | 'invalid' | 'pending'> {
  const signup = await signupOfLink(payload, token)
  return !signup ? 'invalid' : signup.confirmed ? 'already_confirmed' : 'pending'
}

/**
 * The confirmation of a double opt-in (the button on the link's page, or the GraphQL mutation):
 * confirms exactly the topics of that sign-up, once. Only the first confirmation hands back the
 * subscriber, to open the preference center; a used link mints no new link.
 */
export async function confirmSubscription(payload: Payload, token: string, meta: RequestMeta): Promise<ConfirmResult> {
  const signup = await signupOfLink(payload, token)
  if (!signup) return { status: 'invalid' }
  if (signup.confirmed) return { status: 'already_confirmed' }
  const options = consentOptions(payload)
  for (const record of signup.requested) {
    await recordConsent(
      payload,
      {
        action: 'confirmed',
        channel: record.channel,
        ip: meta.ip,
        proof: { method: 'double-opt-in', requestedAt: record.occurredAt },
        purpose: record.purpose,
        requestId: signup.requestId,
        source: record.source as never,
        subscriber: signup.subscriber.id,
        textVersion: record.textVersion,
        topic: relationId(record.topic),
        userAgent: meta.userAgent,
      },
      options,
    )
  }
  // Confirmed by the person themselves: an erasure suppression of the address ends here, not at the sign-up.
  await liftSuppression(payload, signup.subscriber.email)
  // The browser the sign-up came from: its anonymous reading joins the profile now that tracking is agreed to (once).
  if (signup.visitor)
    await mergeVisitor(payload, { subscriber: signup.subscriber.id, via: 'signup', visitor: signup.visitor }).catch(
      (error: unknown) => payload.logger.error({ err: error, msg: 'Visitor merge after confirmation failed' }),
    )
  return { status: 'confirmed', subscriber: signup.subscriber }
}

/** A form's checkbox ("on"), GraphQL's true. */
const isYes = (value: unknown) => value === true || value === 'on' || value === 'true'

/** A token for the unsubscribe link and the List-Unsubscribe header of every marketing mail. */
export const unsubscribeToken = (signer: Signer, subscriber: LinkSubject) =>
  signSubscriberToken(signer, subscriber, 'unsubscribe', UNSUBSCRIBE_TTL_SECONDS)

/** The public one-click unsubscribe address for a token (the link in a mail and in its header). */
export const unsubscribeUrl = (payload: Signer, token: string) =>
  `${personalizationOptions(payload).pagesUrl}/unsubscribe?token=${encodeURIComponent(token)}`

/** RFC 2369 / RFC 8058 headers: one-click unsubscribe by POST, and by mail (a sender that has signed the token passes it). */
export function listUnsubscribeHeaders(
  payload: Pick<Payload, 'collections' | 'config'>,
  subscriber: LinkSubject,
  token = unsubscribeToken(payload, subscriber),
) {
  const mailto = consentOptions(payload).unsubscribeMailto
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(payload, token)}>, <mailto:${mailto}?subject=unsubscribe%20${encodeURIComponent(token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  }
}

/** Withdraws every marketing consent at once; true when the token was valid. */
export async function unsubscribeAll(
  payload: Payload,
  token: string,
  meta: Omit<RequestMeta, 'source'> & { source: 'one_click' | 'preference_center' },
): Promise<boolean> {
  const subscriber = await subscriberFromToken(payload, token, 'unsubscribe')
  if (!subscriber) return false
  await withdrawAll(payload, subscriber.id, meta)
  return true
}

export function withdrawAll(
  payload: Payload,
  subscriberId: number | string,
  meta: Omit<RequestMeta, 'source'> & { source: 'one_click' | 'preference_center' },
) {
  return recordConsent(
    payload,
    {
      action: 'withdrawn',
      channel: 'email',
      ip: meta.ip,
      purpose: 'marketing',
      source: meta.source,
      subscriber: subscriberId,
      topic: null,
      userAgent: meta.userAgent,
    },
    consentOptions(payload),
  )
}

async function stageId(payload: Payload, key: string) {
  return (
    (await payload.find({ collection: 'lifecycle-stages', depth: 0, limit: 1, where: { key: { equals: key } } }))
      .docs[0]?.id ?? null
  )
}

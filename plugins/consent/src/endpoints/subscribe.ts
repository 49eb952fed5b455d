import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { checkInboxPage, subscribeForm, tooManyRequestsPage, type TopicChoice } from '../pages/subscribePages'
import { requestMeta, subscribe, SubscribeInputError } from '../utilities/flows'
import { countSignup, type SignupCount } from '../utilities/signupLimits'
import { heldBackWithoutLegalLinks, list, pageContext, pageResponse, readForm } from './http'

const ERRORS = {
  de: {
    invalid_email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    no_topic: 'Bitte wählen Sie mindestens ein Thema.',
    unknown_locale: 'Diese Sprache gibt es nicht.',
    unknown_topic: 'Dieses Thema gibt es nicht (mehr).',
  },
  en: {
    invalid_email: 'Please enter a valid email address.',
    no_topic: 'Please choose at least one topic.',
    unknown_locale: 'This language is not available.',
    unknown_topic: 'This topic does not exist (any more).',
  },
}

async function topicChoices(payload: Payload, lang: 'de' | 'en'): Promise<TopicChoice[]> {
  const { docs } = await payload.find({
    collection: 'topics',
    depth: 0,
    limit: 50,
    locale: lang,
    where: { active: { equals: true } },
  })
  return docs.map((topic) => ({ description: topic.description, name: topic.name, slug: topic.slug }))
}

/** The client's sign-up budget as IETF RateLimit headers (draft 8), on every answer to a sign-up. */
const rateLimitHeaders = ({ limit, remaining, resetSeconds, windowSeconds }: SignupCount) => ({
  RateLimit: `"signup"; r=${remaining}; t=${resetSeconds}`,
  'RateLimit-Policy': `"signup"; q=${limit}; w=${windowSeconds}`,
})

/** GET /subscribe: the embeddable sign-up form with the active topics (plain HTML, no JavaScript). */
const showForm = async (req: PayloadRequest) => {
  const at = pageContext(req)
  return pageResponse(req, 200, subscribeForm(at, { topics: await topicChoices(req.payload, at.lang) }))
}

/**
 * POST /subscribe: a sign-up, within the limits per client address and per email address that
 * GraphQL's `subscribe` shares (a limited sign-up changes nothing). The answer is the same whether
 * or not the address was known; bad input shows the form again with what was entered.
 */
const signUp = async (req: PayloadRequest) => {
  const form = await readForm(req)
  const at = pageContext(req, form)
  const meta = requestMeta(req)
  const count = await countSignup(meta.ip || 'unknown', form.email)
  const headers = rateLimitHeaders(count)
  if (!count.allowed) return pageResponse(req, 429, tooManyRequestsPage(at), headers)
  try {
    await subscribe(
      req.payload,
      // The locale as asked (de-AT stays de-AT; an unknown one is the form's error), the page's language otherwise.
      {
        email: form.email,
        firstName: form.firstName,
        lang: at.locale ?? at.lang,
        topics: form.topics,
        // A host's own form may ask for tracking too, and its page's SDK add the visitor id as a hidden field.
        tracking: form.tracking,
        visitor: form.visitor,
      },
      { ...meta, source: 'form' },
    )
    return pageResponse(req, 200, checkInboxPage(at), headers)
  } catch (error) {
    if (!(error instanceof SubscribeInputError)) throw error
    const values = {
      email: String(form.email ?? '').slice(0, 254),
      firstName: String(form.firstName ?? '').slice(0, 100),
      topics: list(form.topics),
    }
    const page = subscribeForm(at, {
      error: ERRORS[at.lang][error.message as keyof (typeof ERRORS)['de']],
      topics: await topicChoices(req.payload, at.lang),
      values,
    })
    return pageResponse(req, 400, page, headers)
  }
}

export const subscribeEndpoints: Endpoint[] = [
  { handler: heldBackWithoutLegalLinks(showForm), method: 'get', path: '/subscribe' },
  { handler: heldBackWithoutLegalLinks(signUp), method: 'post', path: '/subscribe' },
]

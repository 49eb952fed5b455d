import type { Endpoint, PayloadRequest } from 'payload'

import { confirmedPage, confirmPage, invalidLinkPage } from '../pages/subscribePages'
import { confirmSubscription, doubleOptInLinkState, requestMeta } from '../utilities/flows'
import { preferencesToken } from '../utilities/preferenceCenter'
import { heldBackWithoutLegalLinks, pageContext, pageResponse, queryValue, readForm } from './http'

/**
 * GET /subscribe/confirm?token=…: the double-opt-in link only shows the button. Link scanners
 * fetch every link in a mail; a GET that confirmed would subscribe people who never clicked.
 */
const showButton = async (req: PayloadRequest) => {
  const at = pageContext(req)
  const token = queryValue(req, 'token')
  const state = await doubleOptInLinkState(req.payload, token)
  if (state === 'invalid') return pageResponse(req, 400, invalidLinkPage(at))
  return pageResponse(req, 200, state === 'already_confirmed' ? confirmedPage(at, null) : confirmPage(at, token))
}

/** POST /subscribe/confirm: the button confirms the sign-up's topics, once; only the first confirmation links to the preference center. */
const confirm = async (req: PayloadRequest) => {
  const form = await readForm(req)
  const at = pageContext(req, form)
  const result = await confirmSubscription(req.payload, String(form.token ?? ''), requestMeta(req))
  if (result.status === 'invalid') return pageResponse(req, 400, invalidLinkPage(at))
  return pageResponse(
    req,
    200,
    confirmedPage(at, result.status === 'confirmed' ? preferencesToken(req.payload, result.subscriber) : null),
  )
}

export const subscribeConfirmEndpoints: Endpoint[] = [
  { handler: heldBackWithoutLegalLinks(showButton), method: 'get', path: '/subscribe/confirm' },
  { handler: heldBackWithoutLegalLinks(confirm), method: 'post', path: '/subscribe/confirm' },
]

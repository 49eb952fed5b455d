import type { Endpoint, PayloadRequest } from 'payload'

import { invalidLinkPage, unsubscribedPage } from '../pages/subscribePages'
import { requestMeta, withdrawAll } from '../utilities/flows'
import { subscriberFromToken } from '../utilities/subscriberFromToken'
import { pageContext, pageResponse, readForm } from './http'

/** POST /preferences/unsubscribe: the preference center's "unsubscribe from all newsletters". */
const unsubscribe = async (req: PayloadRequest) => {
  const form = await readForm(req)
  const at = pageContext(req, form)
  const subscriber = await subscriberFromToken(req.payload, form.token, 'preferences')
  if (!subscriber) return pageResponse(req, 400, invalidLinkPage(at))
  await withdrawAll(req.payload, subscriber.id, { ...requestMeta(req), source: 'preference_center' })
  return pageResponse(req, 200, unsubscribedPage(at))
}

export const preferencesUnsubscribeEndpoints: Endpoint[] = [
  { handler: unsubscribe, method: 'post', path: '/preferences/unsubscribe' },
]

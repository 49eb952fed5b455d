import type { Endpoint, PayloadRequest } from 'payload'

import { invalidLinkPage, unsubscribeConfirmPage, unsubscribedPage } from '../pages/subscribePages'
import { requestMeta, unsubscribeAll } from '../utilities/flows'
import { pageContext, pageResponse, queryValue, readForm } from './http'

/** GET /unsubscribe?token=…: only asks. Link scanners and previews must not unsubscribe anybody. */
const ask = (req: PayloadRequest) =>
  pageResponse(req, 200, unsubscribeConfirmPage(pageContext(req), queryValue(req, 'token')))

/** POST /unsubscribe?token=…: RFC 8058 one-click (List-Unsubscribe-Post) and the button of the page above; withdraws every marketing consent. */
const unsubscribe = async (req: PayloadRequest) => {
  const at = pageContext(req, await readForm(req))
  const done = await unsubscribeAll(req.payload, queryValue(req, 'token'), { ...requestMeta(req), source: 'one_click' })
  return done ? pageResponse(req, 200, unsubscribedPage(at)) : pageResponse(req, 400, invalidLinkPage(at))
}

export const unsubscribeEndpoints: Endpoint[] = [
  { handler: ask, method: 'get', path: '/unsubscribe' },
  { handler: unsubscribe, method: 'post', path: '/unsubscribe' },
]

import type { Endpoint, PayloadRequest } from 'payload'

import { CodedError } from '@kontorwerk/personalization'

import { deleteConfirmPage, deletedPage, deleteFailedPage } from '../pages/preferencePages'
import { invalidLinkPage } from '../pages/subscribePages'
import { consentOptions } from '../utilities/options'
import { subscriberFromToken } from '../utilities/subscriberFromToken'
import { pageContext, pageResponse, queryValue, readForm } from './http'

/** GET /preferences/delete?token=…: asks before an erasure that cannot be undone. */
const ask = async (req: PayloadRequest) => {
  const at = pageContext(req)
  const token = queryValue(req, 'token')
  const subscriber = await subscriberFromToken(req.payload, token, 'preferences')
  return subscriber ? pageResponse(req, 200, deleteConfirmPage(at, token)) : pageResponse(req, 400, invalidLinkPage(at))
}

/** POST /preferences/delete: erases the subscriber (DSGVO Art. 17), all or nothing; a failed erasure changed nothing and can be repeated. */
const erase = async (req: PayloadRequest) => {
  const form = await readForm(req)
  const at = pageContext(req, form)
  const subscriber = await subscriberFromToken(req.payload, form.token, 'preferences')
  if (!subscriber) return pageResponse(req, 400, invalidLinkPage(at))
  try {
    await req.payload.delete({
      id: subscriber.id,
      collection: consentOptions(req.payload).subscribersSlug as 'subscribers',
    })
  } catch (error) {
    if (!(error instanceof CodedError && error.code === 'ERASURE_FAILED')) throw error
    req.payload.logger.error({ err: error, msg: 'Erasure from the preference center failed' })
    return pageResponse(req, 409, deleteFailedPage(at, String(form.token)))
  }
  return pageResponse(req, 200, deletedPage(at))
}

export const preferencesDeleteEndpoints: Endpoint[] = [
  { handler: ask, method: 'get', path: '/preferences/delete' },
  { handler: erase, method: 'post', path: '/preferences/delete' },
]

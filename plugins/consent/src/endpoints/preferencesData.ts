import type { Endpoint, PayloadRequest } from 'payload'

import { exportPersonalData, personalDataContributors } from '@kontorwerk/personalization'

import { dataPage } from '../pages/dataPage'
import { invalidLinkPage } from '../pages/subscribePages'
import { preferencesToken } from '../utilities/preferenceCenter'
import { subscriberFromToken } from '../utilities/subscriberFromToken'
import { pageContext, pageResponse, queryValue } from './http'

/** GET /preferences/data?token=…: everything stored about the reader (DSGVO Art. 15) as a page. */
const show = async (req: PayloadRequest) => {
  const at = pageContext(req)
  const subscriber = await subscriberFromToken(req.payload, queryValue(req, 'token'), 'preferences')
  if (!subscriber) return pageResponse(req, 400, invalidLinkPage(at))
  const labels = Object.fromEntries(
    personalDataContributors(req.payload).map((contributor) => [contributor.key, contributor.label]),
  )
  return pageResponse(
    req,
    200,
    dataPage(at, {
      data: await exportPersonalData(req.payload, subscriber),
      labels,
      token: preferencesToken(req.payload, subscriber),
    }),
  )
}

/** GET /preferences/export?token=…: the same as a JSON file (DSGVO Art. 20). */
const download = async (req: PayloadRequest) => {
  const subscriber = await subscriberFromToken(req.payload, queryValue(req, 'token'), 'preferences')
  if (!subscriber) return pageResponse(req, 400, invalidLinkPage(pageContext(req)))
  return Response.json(await exportPersonalData(req.payload, subscriber), {
    headers: {
      'Cache-Control': 'no-store',
      'Content-Disposition': 'attachment; filename="meine-daten.json"',
      'Referrer-Policy': 'no-referrer',
    },
  })
}

export const preferencesDataEndpoints: Endpoint[] = [
  { handler: show, method: 'get', path: '/preferences/data' },
  { handler: download, method: 'get', path: '/preferences/export' },
]

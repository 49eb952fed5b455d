import type { Endpoint } from 'payload'

import { answeringBadInput } from './http'
import { landingPageEndpoints } from './landingPage'
import { preferencesEndpoints } from './preferences'
import { preferencesDataEndpoints } from './preferencesData'
import { preferencesDeleteEndpoints } from './preferencesDelete'
import { preferencesUnsubscribeEndpoints } from './preferencesUnsubscribe'
import { subscribeEndpoints } from './subscribe'
import { subscribeConfirmEndpoints } from './subscribeConfirm'
import { unsubscribeEndpoints } from './unsubscribe'

/**
 * The public pages (consent pages and landing pages at `/p/:slug`) as Payload endpoints under the API route (`/api/subscribe`,
 * `/api/subscribe/confirm`, `/api/unsubscribe`, `/api/preferences…`): a stock Payload app serves
 * them without a server of its own. Sign-up form (no JavaScript needed), double opt-in,
 * RFC 8058 one-click unsubscribe, the preference center and the reader's data rights.
 */
export const consentEndpoints: Endpoint[] = [
  ...subscribeEndpoints,
  ...subscribeConfirmEndpoints,
  ...unsubscribeEndpoints,
  ...preferencesEndpoints,
  ...preferencesUnsubscribeEndpoints,
  ...preferencesDataEndpoints,
  ...preferencesDeleteEndpoints,
  ...landingPageEndpoints,
]
  // Payload matches exact methods: every page also answers HEAD (the handlers send no body for it).
  .flatMap((endpoint) =>
    endpoint.method === 'get' ? [endpoint, { ...endpoint, method: 'head' as const }] : [endpoint],
  )
  .map((endpoint) => ({ ...endpoint, handler: answeringBadInput(endpoint.handler) }))

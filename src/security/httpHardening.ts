import type { RequestHandler } from 'express'

import { publicUrl, servedOverHttps } from '../config/env'
import { refuseCrossOriginCookieWrites } from './crossOriginWrites'
import { limitGraphQLBody } from './graphqlBodyLimit'
import { securityHeaders } from './headers'
import { trustedOrigins } from './origins'

/** Everything the express server does for browser-facing safety before any route runs, in order. */
export function httpHardening({ cookiePrefix }: { cookiePrefix: string }): RequestHandler[] {
  return [
    ...securityHeaders({
      dev: process.env.NODE_ENV !== 'production',
      https: servedOverHttps(),
      publicOrigin: new URL(publicUrl()).origin,
    }),
    refuseCrossOriginCookieWrites({ cookieName: `${cookiePrefix}-token`, trustedOrigins: trustedOrigins() }),
    limitGraphQLBody(),
  ]
}

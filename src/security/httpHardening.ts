import type { RequestHandler } from 'express'

import { refuseCrossOriginCookieWrites } from './crossOriginWrites'
import { trustedOrigins } from './origins'

/** Everything the express server does for browser-facing safety before any route runs, in order. */
export function httpHardening({ cookiePrefix }: { cookiePrefix: string }): RequestHandler[] {
  return [
    refuseCrossOriginCookieWrites({ cookieName: `${cookiePrefix}-token`, trustedOrigins: trustedOrigins() }),
  ]
}

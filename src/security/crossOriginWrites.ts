import type { NextFunction, Request, RequestHandler, Response } from 'express'

import { label } from '../i18n/label'
import { refuse } from './refuse'

const WRITES = new Set(['DELETE', 'PATCH', 'POST', 'PUT'])

const hasCookie = (req: Request, name: string) =>
  (req.headers.cookie ?? '').split(';').some((pair) => pair.trim().startsWith(`${name}=`))

/**
 * A write to the API that carries the session cookie must come from a trusted page: PUBLIC_URL's
 * origin, or without PUBLIC_URL the origin the server was reached at. Payload's own csrf check only
 * works with a configured list (empty, it takes the cookie from any origin) and only after a
 * multipart upload has been parsed; this refuses before the body is read. Without an Origin header
 * (browsers always send one on writes) Sec-Fetch-Site must not say the request came from elsewhere;
 * clients that are no browser send neither and are not what CSRF is about.
 */
export function refuseCrossOriginCookieWrites({
  cookieName,
  trustedOrigins,
}: {
  cookieName: string
  trustedOrigins: string[]
}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!WRITES.has(req.method) || !/^\/api(\/|$)/.test(req.path) || !hasCookie(req, cookieName)) return next()
    const origin = req.get('origin')
    const trusted = trustedOrigins.length ? trustedOrigins : [`${req.protocol}://${req.get('host')}`]
    const fromTrustedPage = origin
      ? trusted.includes(origin)
      : !['cross-site', 'same-site'].includes(req.get('sec-fetch-site') ?? '')
    if (fromTrustedPage) return next()
    refuse(
      req,
      res,
      403,
      'FORBIDDEN',
      label(
        'Angemeldete Änderungen sind nur von den Seiten dieser Anwendung aus erlaubt.',
        "Changes with a login session are only accepted from this application's own pages.",
      ),
    )
  }
}

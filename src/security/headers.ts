import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type { IncomingMessage, ServerResponse } from 'node:http'

import helmet from 'helmet'
import { randomBytes } from 'node:crypto'

/**
 * Pages a stranger reaches by a link (sign-up, double opt-in, preference center, unsubscribe; the
 * consent plugin's endpoints under /api, linked at the root, which next.config.ts rewrites): never
 * framed, so no other site can lay them under a decoy and click "unsubscribe" or "confirm" for the
 * visitor, and their token-bearing URLs never leave the site as a referrer.
 */
export const PUBLIC_PAGES = ['/subscribe', '/preferences', '/unsubscribe']

const isPublicPage = (path: string) =>
  PUBLIC_PAGES.some((page) => [page, `/api${page}`].some((served) => path === served || path.startsWith(`${served}/`)))

type SecurityHeaderOptions = {
  /** Next's dev server evaluates modules (react-refresh) and talks to the page over a websocket. */
  dev?: boolean
  /** Served over https: HSTS, and any http: subresource is upgraded. */
  https: boolean
  /** The public URL's origin: emails and public pages link images there (absoluteUrl), also when the admin is opened under another name. */
  publicOrigin: string
}

const nonceOf = (res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce as string}'`

/**
 * Security headers for every response (helmet): a Content Security Policy the admin UI (Next +
 * Payload) works under, nosniff, a referrer policy, HSTS under https.
 *
 * The policy allows scripts only from this origin and inline scripts carrying a fresh per-response
 * nonce: Next finds the nonce in the *request's* CSP header and puts it on its own inline bootstrap
 * scripts, so the header is also written onto the request before Next renders. Styles may be inline
 * (Payload's admin and Lexical set style attributes; the public pages carry one <style> block).
 */
export function securityHeaders({ dev = false, https, publicOrigin }: SecurityHeaderOptions): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        'base-uri': ["'self'"],
        'connect-src': ["'self'", ...(dev ? ['ws:', 'wss:'] : [])],
        'default-src': ["'self'"],
        // Monaco, the editor of code and JSON fields, is served by this app (src/admin/serveMonacoAssets.ts): no CDN.
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': [(req: IncomingMessage) => (isPublicPage(pathOf(req)) ? "'none'" : "'self'")],
        'frame-src': ["'self'"],
        // Email previews show images wherever the newsletter's author put them.
        'img-src': ["'self'", 'data:', 'blob:', 'https:', publicOrigin],
        'object-src': ["'none'"],
        'script-src': [
          "'self'",
          (_req: IncomingMessage, res: ServerResponse) => nonceOf(res),
          ...(dev ? ["'unsafe-eval'"] : []),
        ],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': https ? [] : null,
        'worker-src': ["'self'", 'blob:'],
      },
      useDefaults: false,
    },
    // Images and the open pixel are loaded by webmail and headless frontends on other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // Not "no-referrer": browsers then send `Origin: null` on same-origin form posts, which Payload's csrf check refuses.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: https ? { includeSubDomains: true, maxAge: 365 * 24 * 3600 } : false,
  })

  return [
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.cspNonce = randomBytes(16).toString('base64')
      next()
    },
    headers,
    (req: Request, res: Response, next: NextFunction) => {
      // Overwrites whatever the caller sent: only our own nonce may reach Next.
      req.headers['content-security-policy'] = String(res.getHeader('content-security-policy'))
      if (isPublicPage(req.path)) {
        res.setHeader('X-Frame-Options', 'DENY')
        res.setHeader('Referrer-Policy', 'same-origin')
      }
      next()
    },
  ]
}

const pathOf = (req: IncomingMessage) => (req as Request).path ?? new URL(req.url ?? '/', 'http://localhost').pathname

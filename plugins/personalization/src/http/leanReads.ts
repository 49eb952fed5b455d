import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { createLocalReq, getLocalI18n, getRequestLanguage, headersWithCors } from 'payload'

import { personalizedReadEndpoints } from '../graphql/personalizedReads'
import { problemResponse } from './problem'

type I18n = PayloadRequest['i18n']

/** A route of the reads: its endpoint and a pattern for the path below the API route. */
type Route = { endpoint: Endpoint; names: string[]; pattern: RegExp }

const routes: Route[] = personalizedReadEndpoints.map((endpoint) => {
  const names: string[] = []
  const source = endpoint.path.replace(/:(\w+)/g, (_match, name: string) => {
    names.push(name)
    return '([^/]+)'
  })
  return { endpoint, names, pattern: new RegExp(`^${source}/?$`) }
})

function cookiesOf(header: null | string): Map<string, string> {
  const cookies = new Map<string, string>()
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=')
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim())
  }
  return cookies
}

/**
 * The public personalization reads (`GET /api/personalized/…`, docs/api.md#cacheable-reads) for a
 * caller without credentials, answered without the web framework's and Payload's per-request work:
 * a server in front of Payload (the reference app's express server) asks this first and passes on
 * when it answers null. The answer is the very endpoint's (same handler, same limits, same headers);
 * what is skipped is what an anonymous read never needed: Next's route pipeline, the auth strategies
 * (there is nothing to authenticate) and loading translations per request (kept per language).
 * A request with Payload's auth cookie or an Authorization header goes the full way, since a
 * signed-in editor may be answered differently. Hosts with auth strategies of their own that read
 * other headers should not use it.
 */
export function leanPersonalizedReads(payload: Payload): (request: Request) => Promise<null | Response> {
  const api = payload.config.routes.api
  const translations = new Map<string, Promise<I18n>>()
  const i18nFor = (language: string) => {
    let i18n = translations.get(language)
    if (!i18n) {
      i18n = getLocalI18n({ config: payload.config, language: language as never }) as Promise<I18n>
      translations.set(language, i18n)
    }
    return i18n
  }

  return async (request) => {
    if (request.method !== 'GET') return null
    const url = new URL(request.url)
    if (!url.pathname.startsWith(`${api}/personalized/`)) return null
    const cookies = cookiesOf(request.headers.get('cookie'))
    if (request.headers.has('authorization') || cookies.has(`${payload.config.cookiePrefix}-token`)) return null
    const path = url.pathname.slice(api.length)
    for (const route of routes) {
      const match = route.pattern.exec(path)
      if (!match) continue
      let routeParams: Record<string, string>
      try {
        routeParams = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]))
      } catch {
        return null // a malformed escape: Payload's route answers it its own way
      }
      const language = getRequestLanguage({ config: payload.config, cookies, headers: request.headers })
      const req = await createLocalReq(
        {
          req: {
            headers: request.headers,
            i18n: await i18nFor(language),
            payloadAPI: 'REST',
            routeParams,
            searchParams: url.searchParams,
            url: request.url,
          } as Partial<PayloadRequest>,
        },
        payload,
      )
      let response: Response
      try {
        response = await route.endpoint.handler(req)
      } catch (error) {
        // The endpoints answer bad input themselves; what reaches here is a fault, logged as Payload's route would.
        payload.logger.error({ err: error, msg: `${url.pathname}: personalized read failed` })
        response = problemResponse(500, 'INTERNAL', 'Something went wrong.')
      }
      // The headers Payload's REST handler adds to every endpoint's answer (CORS from the config).
      const headers = new Headers(req.responseHeaders)
      response.headers.forEach((value, name) => headers.set(name, value))
      return new Response(response.body, { headers: headersWithCors({ headers, req }), status: response.status })
    }
    return null
  }
}

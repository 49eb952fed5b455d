import type { Endpoint, PayloadRequest } from 'payload'

import { createHash } from 'node:crypto'

import { type BlockFilterInput, personalizedBlocks, personalizedLandingPage, type ReaderInput } from '../engine/service'
import { CodedError } from '../errors'
import { allowedOrigin } from '../http/browserOrigins'
import { problemResponse } from '../http/problem'
import { spendAnonymousAllowance } from './anonymousPersonalizationLimit'

/** How long a shared cache (CDN) may serve an anonymous answer: short, so edited content shows soon. */
const ANONYMOUS_MAX_AGE_SECONDS = 60

const param = (req: PayloadRequest, name: string) => req.searchParams.get(name) || null
const list = (req: PayloadRequest, name: string) => param(req, name)?.split(',').filter(Boolean) ?? null

/** The reader of a GET: a visitor id or a subscriber token from the query, or nobody (anonymous). */
const readerOf = (req: PayloadRequest): ReaderInput => ({ token: param(req, 'token'), visitor: param(req, 'visitor') })

/**
 * The answer with its caching headers. A visitor's or subscriber's answer is theirs: `private,
 * no-cache` (the browser keeps it and revalidates with the ETag, no shared cache stores it). An
 * anonymous answer depends only on its URL and what `Vary` names: a CDN may keep it for a minute.
 * `Origin` because the CORS header names the asking page's origin (only allowed origins get one);
 * `Accept-Language` and `Cookie` because the reasons are written in the admin language Payload
 * reads from them (and a signed-in editor may see more). An unchanged answer
 * to `If-None-Match` is a 304 without body.
 */
async function cachedAnswer(req: PayloadRequest, reader: ReaderInput, run: () => Promise<unknown>): Promise<Response> {
  const origin = req.headers.get('origin')
  const cors: Record<string, string> =
    origin && allowedOrigin(req, origin) ? { 'Access-Control-Allow-Origin': origin } : {}
  try {
    await spendAnonymousAllowance(req)
    const body = JSON.stringify(await run())
    const personal = Boolean(reader.token || reader.visitor)
    const headers = {
      ...cors,
      'Cache-Control': personal ? 'private, no-cache' : `public, max-age=${ANONYMOUS_MAX_AGE_SECONDS}`,
      'Content-Type': 'application/json',
      ETag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
      Vary: 'Origin, Accept-Language, Cookie',
    }
    if (req.headers.get('if-none-match') === headers.ETag) return new Response(null, { headers, status: 304 })
    return new Response(body, { headers, status: 200 })
  } catch (error) {
    if (!(error instanceof CodedError)) throw error
    const refused = problemResponse(error.status, error.code, error.message)
    for (const [name, value] of Object.entries(cors)) refused.headers.set(name, value)
    return refused
  }
}

/**
 * Cacheable GET routes for the public personalization reads (docs/api.md#cacheable-reads): what the
 * GraphQL fields `personalizedLandingPage` and `personalizedBlocks` answer for an anonymous reader, a
 * browser SDK visitor (`?visitor=`) or a mail's token (`?token=`), with Cache-Control, Vary and
 * ETag. GET keeps a cross-origin call a simple request (no preflight); the same limits apply.
 */
export const personalizedReadEndpoints: Endpoint[] = [
  {
    handler: (req) => {
      const reader = readerOf(req)
      const slug = String(req.routeParams?.slug ?? '')
      return cachedAnswer(req, reader, () => personalizedLandingPage(req, { ...reader, slug }))
    },
    method: 'get',
    path: '/personalized/landing-pages/:slug',
  },
  {
    handler: (req) => {
      const reader = readerOf(req)
      const filter: BlockFilterInput = {
        channel: param(req, 'channel') ?? '',
        goals: list(req, 'goals'),
        interests: list(req, 'interests'),
        match: param(req, 'match'),
        strategy: param(req, 'strategy'),
      }
      const limit = param(req, 'limit') === null ? null : Number(param(req, 'limit'))
      return cachedAnswer(req, reader, () => personalizedBlocks(req, { ...reader, filter, limit }))
    },
    method: 'get',
    path: '/personalized/blocks',
  },
]

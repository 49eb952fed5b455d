import type { Endpoint } from 'payload'

import { hasRole } from '../../access/roles'
import { CodedError } from '../../errors'
import { problemResponse } from '../../http/problem'
import { readBytes } from '../../http/requestBody'
import { isContentLocale } from '../../i18n/locales'
import { fetchFeed, MAX_FEED_BYTES } from './fetchFeed'
import { importFeed } from './importFeed'
import { feedFormatOf } from './parseFeed'

/**
 * POST /api/catalog-products/import (admins and their API keys): a feed as the body (`text/csv`, or
 * `application/json` with an array of products or `{"products": [...]}`) or `{"url": "https://…"}` to
 * fetch it. `?language=en` writes the names in that content language. 200 with the counts; 422 with every
 * problem (row, field, code, message) when the feed was refused: then nothing was stored.
 */
export const feedImportEndpoint: Endpoint = {
  handler: async (req) => {
    try {
      if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key')
      if (!hasRole(req, 'admin')) throw new CodedError('FORBIDDEN', 'Only admins and their API keys may import feeds')
      const language = new URL(req.url ?? 'http://localhost').searchParams.get('language') ?? undefined
      if (language != null && !isContentLocale(language))
        throw new CodedError('BAD_USER_INPUT', `Unknown language "${language}"`)
      const contentType = req.headers.get('content-type')
      const body = new TextDecoder().decode(await readBytes(req, MAX_FEED_BYTES))
      const feed = await feedSource(req.payload, contentType, body)
      const report = await importFeed(
        req.payload,
        { format: feedFormatOf(feed.contentType, feed.name, feed.text), language, text: feed.text },
        req,
      )
      return Response.json(report, {
        headers: { 'Cache-Control': 'no-store' },
        status: report.status === 'imported' ? 200 : 422,
      })
    } catch (error) {
      if (error instanceof CodedError && error.code === 'BODY_TOO_LARGE')
        return problemResponse(413, 'FEED_TOO_LARGE', error.message)
      if (error instanceof CodedError) return problemResponse(error.status, error.code, error.message)
      throw error
    }
  },
  method: 'post',
  path: '/import',
}

/** The feed itself: the body, or what its `{"url"}` names. */
async function feedSource(payload: Parameters<typeof fetchFeed>[0], contentType: null | string, body: string) {
  const url = /json/i.test(contentType ?? '') ? urlOf(body) : null
  if (url) {
    const fetched = await fetchFeed(payload, url)
    return { ...fetched, name: new URL(url).pathname }
  }
  return { contentType, name: '', text: body }
}

/** `{"url": "…"}` asks for a fetch; any other JSON body is the feed. */
function urlOf(body: string): null | string {
  try {
    const parsed = JSON.parse(body) as unknown
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'url' in parsed) {
      if (typeof parsed.url !== 'string') throw new CodedError('BAD_USER_INPUT', '"url" must be a string')
      return parsed.url
    }
  } catch (error) {
    if (error instanceof CodedError) throw error
  }
  return null
}

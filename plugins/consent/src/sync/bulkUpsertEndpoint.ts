import type { Endpoint } from 'payload'

import { CodedError, hasApiScope, hasRole, problemResponse, readBody } from '@kontorwerk/personalization'

import { bulkUpsert, type UpsertResult } from './bulkUpsert'

/** 1,000 rows with a full set of attributes fit; a larger body is refused before it is read. */
const BODY_LIMIT = 5 * 1024 * 1024

/**
 * What a caller who is not an admin (an integration key) learns per row: whether the row was
 * accepted (with the id, to link the person in its own system) or refused for its own content —
 * never whether the person existed, was unchanged, or was erased on request: an erased person's
 * row is `accepted` without an id and stores nothing, so a key cannot learn of an Art. 17 request.
 */
export function discreetResults(results: UpsertResult[]): UpsertResult[] {
  return results.map((result) => {
    if (result.status !== 'rejected') return { id: result.id, index: result.index, status: 'accepted' }
    return result.code === 'erased' ? { index: result.index, status: 'accepted' } : result
  })
}

const summaryOf = (results: UpsertResult[], statuses: UpsertResult['status'][]) =>
  Object.fromEntries(statuses.map((status) => [status, results.filter((result) => result.status === status).length]))

/**
 * POST /api/subscribers/bulk-upsert `{ subscribers: [...] }` (docs/api.md#bulk-upsert): admins and
 * integration keys with the `subscribers` scope. Per-row results; a body that is not the expected
 * shape is a coded error and stores nothing. Admins get the detailed statuses, other callers the
 * discreet ones (discreetResults).
 */
export const bulkUpsertEndpoint: Endpoint = {
  handler: async (req) => {
    try {
      if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key')
      if (!hasRole(req, 'admin') && !hasApiScope(req, 'subscribers'))
        throw new CodedError('FORBIDDEN', 'Needs an admin or an API key with the "subscribers" scope')
      const body = await readBody(req as never, BODY_LIMIT)
      const detailed = await bulkUpsert(req.payload, body)
      if (hasRole(req, 'admin'))
        return Response.json({
          results: detailed,
          summary: summaryOf(detailed, ['created', 'rejected', 'unchanged', 'updated']),
        })
      const results = discreetResults(detailed)
      return Response.json({ results, summary: summaryOf(results, ['accepted', 'rejected']) })
    } catch (error) {
      if (error instanceof CodedError) return problemResponse(error.status, error.code, error.message)
      throw error
    }
  },
  method: 'post',
  path: '/bulk-upsert',
}

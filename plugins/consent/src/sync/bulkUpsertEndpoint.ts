import type { Endpoint, PayloadRequest } from 'payload'

import { CodedError, hasApiScope, hasRole, problemResponse, readBody } from '@kontorwerk/personalization'

import { bulkUpsert, type UpsertResult } from './bulkUpsert'

/** 1,000 rows with a full set of attributes fit; a larger body is refused before it is read. */
const BODY_LIMIT = 5 * 1024 * 1024

/**
 * What a caller who is not an admin (an integration key) learns per row: accepted, or refused for
 * its own content; never whether the person existed, was unchanged, was erased on request, or
 * anything else stored about them. So no ids either (an answer without one would single those
 * rows out): integrations name people by `externalId` or email, here and in the event API. Rows
 * refused for a stored state (erased on request, an identity conflict, attributes that overflow
 * once merged) are `accepted` and store nothing; all but the erasure are logged for admins
 * (warn, the row's index and code, no address).
 */
export function discreetResults(req: PayloadRequest, results: UpsertResult[]): UpsertResult[] {
  return results.map((result) => {
    if (result.status !== 'rejected') return { index: result.index, status: 'accepted' }
    if (result.code === 'erased') return { index: result.index, status: 'accepted' }
    if (result.byStoredState) {
      req.payload.logger.warn({
        code: result.code,
        index: result.index,
        key: req.user?.id,
        msg: 'Bulk upsert row not stored (the key was answered "accepted"): it conflicts with a stored subscriber',
      })
      return { index: result.index, status: 'accepted' }
    }
    return withoutFlags(result)
  })
}

/** The answer's form of a result: the internal flag stays here. */
const withoutFlags = (result: UpsertResult): UpsertResult => {
  if (!('byStoredState' in result)) return result
  const { byStoredState: _internal, ...sent } = result
  return sent
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
          results: detailed.map(withoutFlags),
          summary: summaryOf(detailed, ['created', 'rejected', 'unchanged', 'updated']),
        })
      const results = discreetResults(req, detailed)
      return Response.json({ results, summary: summaryOf(results, ['accepted', 'rejected']) })
    } catch (error) {
      if (error instanceof CodedError) return problemResponse(error.status, error.code, error.message)
      throw error
    }
  },
  method: 'post',
  path: '/bulk-upsert',
}

import type { Endpoint } from 'payload'

import { CodedError } from '../errors'
import { problemResponse } from '../http/problem'
import { readBody } from '../http/requestBody'
import { intakeAnswersDiscreetly, requireIntakeAccess } from './access'
import { BatchTooLargeError, recordEvents } from './intake'
import { MAX_BATCH } from './validateEvent'

/** 1,000 events of at most 4 KB properties each, with room for the envelope. */
const BODY_LIMIT = 6 * 1024 * 1024

/**
 * POST /api/events: batches of up to 1,000 events for admins and their API keys
 * (`Authorization: users API-Key <key>`). 200 with a result per event; 422 when an event is
 * invalid and the batch was not stored (unless `partial: true`); 400 malformed JSON; 413 too large.
 *
 * A collection endpoint of `events` ('/' on it): Payload matches a collection's own endpoints
 * before its default ones, so this takes the place of the REST create (which is closed anyway).
 */
export const eventIntakeEndpoint: Endpoint = {
  handler: async (req) => {
    try {
      // Who asks is known before the body is read: strangers cannot make the server parse 6 MB.
      requireIntakeAccess(req)
      const body = await readBody(req, BODY_LIMIT)
      const events = Array.isArray(body) ? body : (body as { events?: unknown } | undefined)?.events
      if (!Array.isArray(events))
        return problemResponse(400, 'BAD_USER_INPUT', 'Send {"events": [...]} or a JSON array of events')
      const partial = !Array.isArray(body) && (body as { partial?: unknown }).partial === true
      const result = await recordEvents(req.payload, events, {
        discreet: intakeAnswersDiscreetly(req),
        partial,
        source: 'api',
      })
      return Response.json(result, { status: result.rejected > 0 && !partial ? 422 : 200 })
    } catch (error) {
      if (error instanceof BatchTooLargeError) return problemResponse(413, 'BATCH_TOO_LARGE', error.message)
      if (error instanceof CodedError && error.code === 'BODY_TOO_LARGE')
        return problemResponse(
          413,
          'BATCH_TOO_LARGE',
          `The body is too large; send at most ${MAX_BATCH} events per request`,
        )
      if (error instanceof CodedError) return problemResponse(error.status, error.code, error.message)
      throw error
    }
  },
  method: 'post',
  path: '/',
}

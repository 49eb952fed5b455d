import type { Payload } from 'payload'

import express, { type NextFunction, type Request, type Response } from 'express'

import { CodedError } from '../errors'
import { requireIntakeAccess } from './access'
import { BatchTooLargeError, recordEvents } from './intake'
import { MAX_BATCH } from './validateEvent'

/** Node's headers as a Fetch Headers object, for Payload's auth strategies (JWT cookie, API key). */
const headersOf = (req: Request) => new Headers(Object.entries(req.headers).flatMap(([name, value]) => (value == null ? [] : [[name, [value].flat().join(', ')] as [string, string]])))

const problem = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } })

/**
 * POST /api/events: batches of up to 1,000 events for admins and their API keys
 * (`Authorization: users API-Key <key>`). 200 with a result per event; 422 when an event is
 * invalid and the batch was not stored (unless `partial: true`); 400 malformed JSON; 413 too large.
 */
export function eventsRouter(payload: Payload): express.Router {
  const router = express.Router()
  router.post(
    '/api/events',
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const { user } = await payload.auth({ headers: headersOf(req) })
        requireIntakeAccess({ payload, user })
        next()
      } catch (error) {
        if (error instanceof CodedError) return problem(res, error.status, error.code, error.message)
        next(error)
      }
    },
    // 1,000 events of at most 4 KB properties each, with room for the envelope.
    express.json({ limit: '6mb' }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const body = req.body as unknown
        const events = Array.isArray(body) ? body : (body as { events?: unknown })?.events
        if (!Array.isArray(events)) return problem(res, 400, 'BAD_USER_INPUT', 'Send {"events": [...]} or a JSON array of events')
        const partial = !Array.isArray(body) && (body as { partial?: unknown }).partial === true
        const result = await recordEvents(payload, events, { partial, source: 'api' })
        res.status(result.rejected > 0 && !partial ? 422 : 200).json(result)
      } catch (error) {
        if (error instanceof BatchTooLargeError) return problem(res, 413, 'BATCH_TOO_LARGE', error.message)
        next(error)
      }
    },
  )
  // Body parser errors: malformed JSON and oversized bodies are the client's, with a message.
  router.use('/api/events', (error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.parse.failed') return problem(res, 400, 'MALFORMED_JSON', 'The body is not valid JSON')
    if (error.type === 'entity.too.large') return problem(res, 413, 'BATCH_TOO_LARGE', `The body is too large; send at most ${MAX_BATCH} events per request`)
    next(error)
  })
  return router
}

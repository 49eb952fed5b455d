import type { Endpoint, Payload, PayloadRequest } from 'payload'

import type { Subscriber } from '../documents'

import { VISITOR_EVENTS } from '../collections/VisitorEvents'
import { writeAtomically } from '../database/bulkWrite'
import { CodedError } from '../errors'
import { personalizationOptions } from '../extensions'
import { allowedOrigin } from '../http/browserOrigins'
import { readJsonText } from '../http/requestBody'
import { subscriberForLink } from '../security/subscriberForLink'
import { isVisitorId } from '../visitors/visitorId'
import { isBrowserEventType } from './browserEventTypes'
import { withinAddressLimit, withinVisitorLimit } from './browserLimits'
import { recordEvents } from './intake'
import { type EventError, validateEvent, type ValidEvent } from './validateEvent'

/** A page's batch: a beacon flushes at most this many events at once. */
export const MAX_BROWSER_BATCH = 50
/** 50 events of at most 4 KB properties each would be 200 KB; a browser batch is far smaller. */
const BODY_LIMIT = 64 * 1024
/** The client's own event id; the server prefixes it with the visitor, so ids of two visitors never collide. */
const CLIENT_EVENT_ID = /^[\w.:-]{1,64}$/

type Sender =
  { kind: 'subscriber'; subscriber: Subscriber; visitor: null | string } | { kind: 'visitor'; visitor: string }

const corsHeaders = (origin: string) => ({
  'Access-Control-Allow-Origin': origin,
  'Cache-Control': 'no-store',
  Vary: 'Origin',
})

const problem = (status: number, code: string, message: string, headers: Record<string, string> = {}, extra = {}) =>
  Response.json(
    { error: { code, message, ...extra } },
    { headers: { 'Cache-Control': 'no-store', ...headers }, status },
  )

/** Who sends: a signed `personalize` token (from a mail's link) names a subscriber; otherwise the anonymous visitor id. */
async function senderOf(payload: Payload, body: Record<string, unknown>): Promise<Sender> {
  const visitor = body.visitor == null ? null : body.visitor
  if (visitor !== null && !isVisitorId(visitor))
    throw new CodedError('BAD_USER_INPUT', 'visitor must be the random id the SDK made (a UUID v4)', {
      field: 'visitor',
    })
  if (body.token != null) {
    // Forged, expired, for another purpose or of an erased person: the same answer, and nothing is stored.
    const subscriber = await subscriberForLink(payload, body.token, 'personalize').catch(() => null)
    if (!subscriber) throw new CodedError('INVALID_TOKEN', 'The subscriber token is not valid')
    return { kind: 'subscriber', subscriber, visitor }
  }
  if (visitor === null)
    throw new CodedError('BAD_USER_INPUT', 'Send a visitor id (after tracking consent) or a subscriber token', {
      field: 'visitor',
    })
  return { kind: 'visitor', visitor }
}

type Checked = { errors: (EventError & { index: number })[]; events: ValidEvent[] }

/** Every event of the batch, checked as the intake checks events, with the id made the visitor's own. */
function checkEvents(inputs: unknown[], owner: string, now: Date): Checked {
  const checked: Checked = { errors: [], events: [] }
  inputs.forEach((input, index) => {
    const raw = (input ?? {}) as Record<string, unknown>
    if (typeof raw.id !== 'string' || !CLIENT_EVENT_ID.test(raw.id))
      return checked.errors.push({
        code: 'invalid_id',
        field: 'id',
        index,
        message: 'id: 1–64 of letters, digits . : _ -',
      })
    const outcome = validateEvent({ ...raw, email: undefined, id: `web:${owner}:${raw.id}`, subscriber: owner }, now)
    if ('error' in outcome) return checked.errors.push({ ...outcome.error, index })
    checked.events.push(outcome.event)
  })
  return checked
}

/** Anonymous events go to `visitor-events`, in one statement; a resent beacon (same ids) adds nothing. */
async function storeAnonymous(payload: Payload, visitor: string, events: ValidEvent[]) {
  const docs = events.map((event) => ({
    block: event.block,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    properties: event.properties,
    type: event.type,
    url: typeof event.properties.url === 'string' ? event.properties.url.slice(0, 2000) : null,
    visitor,
  }))
  await writeAtomically(payload, {
    inserts: [{ collection: VISITOR_EVENTS, conflictKey: 'eventId', docs, ignoreConflicts: true }],
  })
}

async function handle(req: PayloadRequest, headers: Record<string, string>): Promise<Response> {
  const body = await readJsonText(req, BODY_LIMIT)
  if (body == null || typeof body !== 'object' || Array.isArray(body))
    return problem(400, 'BAD_USER_INPUT', 'Send {"visitor" or "token", "events": [...]} as JSON (text/plain)', headers)
  const sender = await senderOf(req.payload, body as Record<string, unknown>)
  const owner = sender.kind === 'subscriber' ? `s${sender.subscriber.id}` : sender.visitor
  if (!(await withinVisitorLimit(req, owner)))
    return problem(429, 'RATE_LIMITED', 'Too many events from this visitor; try again in a minute', {
      ...headers,
      'Retry-After': '60',
    })
  const inputs = (body as { events?: unknown }).events
  if (!Array.isArray(inputs) || inputs.length === 0)
    return problem(400, 'BAD_USER_INPUT', 'events must be a non-empty list', headers)
  if (inputs.length > MAX_BROWSER_BATCH)
    return problem(413, 'BATCH_TOO_LARGE', `A browser batch holds at most ${MAX_BROWSER_BATCH} events`, headers)
  // A page may report views, clicks and its own events, never what only a system can prove (purchases, mail events, …).
  const forbidden = inputs.findIndex((input) => !isBrowserEventType((input as { type?: unknown } | null)?.type))
  if (forbidden >= 0)
    return problem(
      403,
      'EVENT_TYPE_NOT_ALLOWED',
      `Browsers may send page_viewed, link_clicked and custom events only (event ${forbidden})`,
      headers,
      { index: forbidden },
    )
  const now = new Date()
  const { errors, events } = checkEvents(inputs, owner, now)
  if (errors.length > 0)
    return problem(422, 'INVALID_EVENTS', 'No event of the batch was stored', headers, { events: errors })

  if (sender.kind === 'visitor') {
    await storeAnonymous(req.payload, sender.visitor, events)
    return Response.json({ accepted: events.length }, { headers, status: 200 })
  }
  // A mail's link opened with the SDK running: this batch on is the subscriber's. The visitor's earlier,
  // anonymous history is NOT merged: a forwarded or posted link would pull a stranger's reading into the
  // link holder's profile (security review F3). Only the double opt-in merges, with the id signed in its token.
  const result = await recordEvents(
    req.payload,
    // Checked above already: the intake checks them again as the subscriber's (and stores them only with tracking consent).
    events.map((event) => ({
      id: event.eventId,
      occurredAt: event.occurredAt.toISOString(),
      properties: event.properties,
      subscriber: sender.subscriber.id,
      type: event.type,
    })),
    { now, source: 'browser' },
  )
  return Response.json(
    { accepted: result.accepted, rejected: result.rejected, skipped: result.skipped },
    { headers, status: 200 },
  )
}

/**
 * POST /api/events/browser: events from web pages, for the browser SDK (`navigator.sendBeacon`,
 * text/plain JSON). No API key: the sender is an anonymous visitor id or a signed subscriber token.
 * Refused with a coded 4xx, storing nothing: an Origin not in `browser.origins` (403
 * ORIGIN_NOT_ALLOWED), a flood per address or visitor (429 RATE_LIMITED), a forged token (401
 * INVALID_TOKEN), an event type only systems may send (403 EVENT_TYPE_NOT_ALLOWED), an invalid event
 * (422 INVALID_EVENTS, the whole batch), malformed or oversized bodies (400, 413).
 */
export const browserEventsEndpoint: Endpoint = {
  handler: async (req) => {
    const origin = req.headers.get('origin')
    if (!origin || !allowedOrigin(req, origin))
      return problem(403, 'ORIGIN_NOT_ALLOWED', 'This page may not send events (its origin is not in browser.origins)')
    const headers = corsHeaders(origin)
    if (!(await withinAddressLimit(req)))
      return problem(429, 'RATE_LIMITED', 'Too many requests from this address; try again in a minute', {
        ...headers,
        'Retry-After': '60',
      })
    try {
      return await handle(req, headers)
    } catch (error) {
      if (error instanceof CodedError && error.code === 'BODY_TOO_LARGE')
        return problem(413, 'BATCH_TOO_LARGE', `The body is larger than ${BODY_LIMIT} bytes`, headers)
      if (error instanceof CodedError)
        return problem(error.status, error.code, error.message, headers, error.data?.details ?? {})
      throw error
    }
  },
  method: 'post',
  path: '/browser',
}

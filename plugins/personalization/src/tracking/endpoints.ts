import type { Endpoint, Payload } from 'payload'

import { createHash } from 'node:crypto'

import { EVENTS } from '../collections/Events'
import { recordEvents } from '../events/intake'
import { linkKeyMatches } from '../security/linkKey'
import { isPossibleId } from '../utilities/relation'
import { readClick, readOpen } from './links'

// The smallest transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 16)

const MINUTE = 60_000

/**
 * The event id of a click or open: one per link and minute, so a token fetched again and again (a
 * reader's double click, a mail proxy, a replay) counts once. `previous` is the id the same link
 * got in the minute before, which the recording checks too: "within a minute" is not cut at :00.
 */
export function trackingEventIds(kind: 'click' | 'open', link: string, now: number) {
  const minute = Math.floor(now / MINUTE)
  return { current: `${kind}:${digest(link)}:${minute}`, previous: `${kind}:${digest(link)}:${minute - 1}` }
}

/** Records a tracking event for the person the mail was for (their link key still matches), once per link and minute. */
async function record(
  payload: Payload,
  claims: { l?: string; s: string },
  kind: 'click' | 'open',
  link: string,
  event: Record<string, unknown>,
) {
  try {
    if (!(await isRecipient(payload, claims))) return
    const now = Date.now()
    const ids = trackingEventIds(kind, link, now)
    const seen = await payload.find({
      collection: EVENTS as 'events',
      depth: 0,
      limit: 1,
      pagination: false,
      where: {
        and: [
          { eventId: { equals: ids.previous } },
          { occurredAt: { greater_than: new Date(now - MINUTE).toISOString() } },
        ],
      },
    })
    if (seen.docs.length > 0) return
    const result = await recordEvents(
      payload,
      [{ ...event, id: ids.current, occurredAt: new Date(now).toISOString(), subscriber: claims.s }],
      { source: 'tracking' },
    )
    if (result.rejected > 0) payload.logger.warn({ msg: 'Tracking event rejected', result: result.results[0] })
  } catch (error) {
    payload.logger.error({ err: error, msg: 'Tracking event not recorded' })
  }
}

const invalidLink = () =>
  new Response('This link is not valid.', {
    headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
    status: 400,
  })

/**
 * The click redirect, GET /api/t/c/:token. Only signed links are followed (a tampered one is a
 * 400 and records nothing); the event goes through the intake, which stores it only with tracking
 * consent. A recording failure never breaks the reader's click.
 */
export const clickEndpoint: Endpoint = {
  handler: (req) => {
    const claims = readClick(req.payload, String(req.routeParams?.token ?? ''))
    if (!claims) return invalidLink()
    // The reader never waits for the recording: redirect at once, record behind it.
    void record(req.payload, claims, 'click', `${claims.s}|${claims.m}|${claims.b}|${claims.u}`, {
      properties: { block: claims.b ?? undefined, message: claims.m, url: claims.u },
      type: 'email_clicked',
    })
    return new Response(null, {
      headers: { 'Cache-Control': 'no-store', Location: claims.u, 'Referrer-Policy': 'no-referrer' },
      status: 302,
    })
  },
  method: 'get',
  path: '/t/c/:token',
}

/** The open pixel, GET /api/t/o/:token.gif (the `.gif` is part of the token's path segment, for mail clients that want a file name). */
export const openEndpoint: Endpoint = {
  handler: (req) => {
    const claims = readOpen(req.payload, String(req.routeParams?.token ?? '').replace(/\.gif$/, ''))
    if (!claims) return invalidLink()
    // Mail clients and proxies fetch a pixel several times: one open per message and minute.
    void record(req.payload, claims, 'open', `${claims.s}|${claims.m}`, {
      properties: { message: claims.m },
      type: 'email_opened',
    })
    return new Response(PIXEL, {
      headers: { 'Cache-Control': 'no-store, private', 'Content-Type': 'image/gif' },
      status: 200,
    })
  },
  method: 'get',
  path: '/t/o/:token',
}

export const trackingEndpoints: Endpoint[] = [clickEndpoint, openEndpoint]

/** Whether the subscriber a tracking link names is still the person it was made for (not erased, id not handed out again). */
async function isRecipient(payload: Payload, claims: { l?: string; s: string }): Promise<boolean> {
  if (!isPossibleId(payload, claims.s)) return false
  const subscriber = await payload.findByID({
    id: claims.s,
    collection: 'subscribers',
    depth: 0,
    disableErrors: true,
    select: { linkKey: true },
    showHiddenFields: true,
  })
  return Boolean(subscriber) && linkKeyMatches(claims.l, subscriber!)
}

import type { Payload } from 'payload'

import express, { type Request, type Response } from 'express'
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

/**
 * Open pixel and click redirect (docs/plugins/personalization.md#tracking). Only signed links are followed (a tampered one is a
 * 400 and records nothing); the event goes through the intake, which stores it only with tracking
 * consent. A recording failure never breaks the reader's click.
 */
export function trackingRouter(payload: Payload): express.Router {
  const router = express.Router()
  /** Records a tracking event for the person the mail was for (their link key still matches), once per link and minute. */
  const record = async (claims: { l?: string; s: string }, kind: 'click' | 'open', link: string, event: Record<string, unknown>) => {
    try {
      if (!(await isRecipient(payload, claims))) return
      const now = Date.now()
      const ids = trackingEventIds(kind, link, now)
      const seen = await payload.find({
        collection: EVENTS as 'events',
        depth: 0,
        limit: 1,
        pagination: false,
        where: { and: [{ eventId: { equals: ids.previous } }, { occurredAt: { greater_than: new Date(now - MINUTE).toISOString() } }] },
      })
      if (seen.docs.length > 0) return
      const result = await recordEvents(payload, [{ ...event, id: ids.current, occurredAt: new Date(now).toISOString(), subscriber: claims.s }], { source: 'tracking' })
      if (result.rejected > 0) payload.logger.warn({ msg: 'Tracking event rejected', result: result.results[0] })
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Tracking event not recorded' })
    }
  }

  router.get('/t/c/:token', async (req: Request, res: Response) => {
    const claims = readClick(payload, String(req.params.token))
    if (!claims) return res.status(400).type('text').send('This link is not valid.')
    // The reader never waits for the recording: redirect at once, record behind it.
    void record(claims, 'click', `${claims.s}|${claims.m}|${claims.b}|${claims.u}`, { properties: { block: claims.b ?? undefined, message: claims.m, url: claims.u }, type: 'email_clicked' })
    res.set('Cache-Control', 'no-store').redirect(302, claims.u)
  })

  router.get('/t/o/:token.gif', async (req: Request, res: Response) => {
    const claims = readOpen(payload, String(req.params.token))
    if (!claims) return res.status(400).type('text').send('This link is not valid.')
    // Mail clients and proxies fetch a pixel several times: one open per message and minute.
    void record(claims, 'open', `${claims.s}|${claims.m}`, { properties: { message: claims.m }, type: 'email_opened' })
    res.set('Cache-Control', 'no-store, private').type('gif').send(PIXEL)
  })
  return router
}

/** Whether the subscriber a tracking link names is still the person it was made for (not erased, id not handed out again). */
async function isRecipient(payload: Payload, claims: { l?: string; s: string }): Promise<boolean> {
  if (!isPossibleId(payload, claims.s)) return false
  const subscriber = await payload.findByID({ id: claims.s, collection: 'subscribers', depth: 0, disableErrors: true, select: { linkKey: true }, showHiddenFields: true })
  return Boolean(subscriber) && linkKeyMatches(claims.l, subscriber!)
}

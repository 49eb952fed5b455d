import type { Payload } from 'payload'

import express, { type Request, type Response } from 'express'
import { createHash } from 'node:crypto'

import { recordEvents } from '../events/intake'
import { readClick, readOpen } from './links'

// The smallest transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 16)

/**
 * Open pixel and click redirect (spec §2, §8). Only signed links are followed (a tampered one is a
 * 400 and records nothing); the event goes through the intake, which stores it only with tracking
 * consent. A recording failure never breaks the reader's click.
 */
export function trackingRouter(payload: Payload): express.Router {
  const router = express.Router()
  const record = async (event: Record<string, unknown>) => {
    try {
      const result = await recordEvents(payload, [event], { source: 'tracking' })
      if (result.rejected > 0) payload.logger.warn({ msg: 'Tracking event rejected', result: result.results[0] })
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Tracking event not recorded' })
    }
  }

  router.get('/t/c/:token', async (req: Request, res: Response) => {
    const claims = readClick(String(req.params.token))
    if (!claims) return res.status(400).type('text').send('This link is not valid.')
    // The reader never waits for the recording: redirect at once, record behind it.
    void record({
      id: `click:${digest(`${claims.s}|${claims.m}|${claims.b}|${claims.u}`)}:${Date.now()}`,
      properties: { block: claims.b ?? undefined, message: claims.m, url: claims.u },
      subscriber: claims.s,
      type: 'email_clicked',
    })
    res.set('Cache-Control', 'no-store').redirect(302, claims.u)
  })

  router.get('/t/o/:token.gif', async (req: Request, res: Response) => {
    const claims = readOpen(String(req.params.token))
    if (!claims) return res.status(400).type('text').send('This link is not valid.')
    // Mail clients and proxies fetch a pixel several times: one open per message and minute.
    void record({ id: `open:${digest(`${claims.s}|${claims.m}`)}:${Math.floor(Date.now() / 60_000)}`, properties: { message: claims.m }, subscriber: claims.s, type: 'email_opened' })
    res.set('Cache-Control', 'no-store, private').type('gif').send(PIXEL)
  })
  return router
}

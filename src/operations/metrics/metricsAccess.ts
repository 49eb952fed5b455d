import type { RequestHandler } from 'express'

import { createHash, timingSafeEqual } from 'node:crypto'

import { label } from '../../i18n/label'
import { refuse } from '../../security/refuse'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * `/metrics` only for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise).
 * Without a configured token the page does not exist (404): the metrics name campaigns' volumes and
 * the queue's state, which no stranger should read, and an open default would stay open in production.
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : null
  return (req, res, next) => {
    if (!expected)
      return refuse(
        req,
        res,
        404,
        'NOT_FOUND',
        label('Metriken sind nicht eingerichtet (METRICS_TOKEN).', 'Metrics are not configured (METRICS_TOKEN).'),
      )
    const [scheme, given] = (req.get('authorization') ?? '').split(' ', 2)
    // Digests of equal length, compared in constant time: the answer's timing says nothing about the token.
    if (scheme?.toLowerCase() === 'bearer' && given && timingSafeEqual(digest(given), expected)) return next()
    res.set('WWW-Authenticate', 'Bearer realm="metrics"')
    refuse(
      req,
      res,
      401,
      'UNAUTHENTICATED',
      label('Für Metriken ist ein gültiges Token nötig.', 'Metrics need a valid token.'),
    )
  }
}

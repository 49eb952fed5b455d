import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import { leanPersonalizedReads } from '@kontorwerk/personalization'

/**
 * The public personalization reads answered before Next (docs/api.md#cacheable-reads): a page of
 * the landing-page bench took ~25 ms in Next's route pipeline for 0.1 ms of personalization. What
 * the plugin does not answer (credentials, other paths) goes on to Next unchanged.
 */
export function leanReads(payload: Payload): RequestHandler {
  const read = leanPersonalizedReads(payload)
  const prefix = `${payload.config.routes.api}/personalized/`
  return (req, res, next) => {
    if (req.method !== 'GET' || !req.path.startsWith(prefix)) return next()
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
    }
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.originalUrl}`, { headers })
    read(request)
      .then(async (response) => {
        if (!response) return next()
        res.status(response.status)
        response.headers.forEach((value, name) => res.setHeader(name, value))
        res.end(Buffer.from(await response.arrayBuffer()))
      })
      .catch(next)
  }
}

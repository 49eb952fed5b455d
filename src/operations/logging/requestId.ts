import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import { randomUUID } from 'node:crypto'

import { runInRequestContext } from './requestContext'

export const REQUEST_ID_HEADER = 'X-Request-Id'

/**
 * A caller's id is kept when it looks like one (a proxy's or a client's trace id): letters, digits
 * and `._:-`, at most 128 characters. Anything else (a log-injection attempt, a novel) is replaced,
 * so a log line never carries what a stranger chose beyond that.
 */
const SANE_ID = /^[\w.:-]{1,128}$/

export function requestIdOf(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming
  return value && SANE_ID.test(value) ? value : randomUUID()
}

/**
 * The path without query string, and with long segments masked: preference links carry signed
 * tokens in the query, tracking links in the path (`/t/c/<token>`), and a token in a log is a key
 * to someone's preferences for as long as the log is kept.
 */
export function loggedPath(path: string): string {
  return path.replace(/[^/]{33,}/g, '[token]')
}

/** Paths probed every few seconds by orchestrators and Prometheus: no access log line for them. */
const QUIET_PATHS = new Set(['/healthz', '/metrics', '/readyz'])

/**
 * Gives every request an id (the caller's `X-Request-Id` if sane, else a new UUID), answers it in the
 * same header, runs the request inside a context that Payload's logger reads (so every line logged
 * while serving it names the id), and writes one access line when the response is finished.
 */
export function requestIds(payload: Payload): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdOf(req.headers['x-request-id'])
    res.setHeader(REQUEST_ID_HEADER, requestId)
    const started = process.hrtime.bigint()
    if (!QUIET_PATHS.has(req.path))
      res.once('finish', () =>
        payload.logger.info({
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          method: req.method,
          msg: 'request',
          path: loggedPath(req.path),
          requestId,
          status: res.statusCode,
        }),
      )
    runInRequestContext({ operations: new Set(), requestId }, next)
  }
}

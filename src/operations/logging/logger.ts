import type { Config } from 'payload'

import { defaultLoggerOptions } from 'payload'

import { currentRequest } from './requestContext'

const LEVELS = new Set(['debug', 'error', 'fatal', 'info', 'silent', 'trace', 'warn'])

/** Every line logged while a request is served names its id (and nothing is added outside requests). */
const requestIdMixin = () => {
  const request = currentRequest()
  return request ? { requestId: request.requestId } : {}
}

/**
 * Payload's logger (pino) for the whole app: JSON lines with an ISO time in production (or with
 * LOG_FORMAT=json), for a log collector to parse; Payload's readable coloured lines in development
 * (LOG_FORMAT=pretty). LOG_LEVEL sets the level (default info).
 */
export function appLogger(env = process.env): Config['logger'] {
  const format = env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : undefined
  const json = (format ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty')) === 'json'
  const options = {
    level: env.LOG_LEVEL && LEVELS.has(env.LOG_LEVEL) ? env.LOG_LEVEL : 'info',
    mixin: requestIdMixin,
    name: 'payload',
  }
  if (!json) return { destination: defaultLoggerOptions, options }
  return { options: { ...options, timestamp: () => `,"time":"${new Date().toISOString()}"` } }
}

import './config/loadEnv'

import type { Payload } from 'payload'

import express from 'express'
import next from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { getPayload } from 'payload'

import { superviseAll } from '@kontorwerk/campaigns'
import { preferencesUrl } from '@kontorwerk/consent'
import { evaluateStages } from '@kontorwerk/lead-scoring'

import config from '../payload.config'
import { port, publicUrl, seedDemo } from './config/env'
import { closeDatabase } from './database/close'
import { enableJobRunner } from './jobs/runner'
import { httpHardening } from './security/httpHardening'
import { seedIfEmpty } from './seed'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Express in front of Next, for what a stock Payload app has no place for: security headers, the
 * cross-origin write check, the client address, a health check. Everything else, the plugins'
 * public pages and tracking links included (Payload endpoints), is Next's.
 */
export async function startServer() {
  const dev = process.env.NODE_ENV !== 'production'
  // Initialising applies pending migrations (onInit), so the schema is ready before traffic.
  enableJobRunner()
  const payload = await getPayload({ config })
  if (seedDemo()) await seedIfEmpty(payload)
  sweepStagesHourly(payload)
  superviseRegularly(payload)

  const nextApp = next({ dev, dir: root, hostname: 'localhost', port: port() })
  const handle = nextApp.getRequestHandler()
  await nextApp.prepare()

  const app = express()
  app.disable('x-powered-by')
  // Behind a reverse proxy, TRUST_PROXY (e.g. 1 or loopback) makes req.ip the client's address for rate limits and proof.
  if (process.env.TRUST_PROXY)
    app.set(
      'trust proxy',
      /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY,
    )
  app.use(httpHardening({ cookiePrefix: payload.config.cookiePrefix }))
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' })
  })
  // Next's route handlers (REST with the public pages and the event intake, GraphQL) do not see the
  // socket: hand them the client address (the default `clientAddress` option reads it), never the caller's claim.
  app.use((req, _res, next) => {
    req.headers['x-client-ip'] = req.ip ?? ''
    next()
  })
  app.use((req, res) => handle(req, res))

  const demoLink = seedDemo() ? await demoPreferenceLink(payload) : null
  const server = app.listen(port(), () => {
    payload.logger.info(
      `Ready on ${publicUrl()}: admin ${publicUrl()}/admin, GraphQL ${publicUrl()}/api/graphql, sign-up ${publicUrl()}/subscribe`,
    )
    if (demoLink) payload.logger.info(`Preference center of a demo subscriber: ${demoLink}`)
  })
  installShutdown(server, payload)
  return server
}

/** A signed link for the first demo subscriber, so the preference center can be tried right away. */
async function demoPreferenceLink(payload: Payload): Promise<null | string> {
  const { docs } = await payload.find({
    collection: 'subscribers',
    depth: 0,
    limit: 1,
    showHiddenFields: true,
    sort: 'createdAt',
  })
  return docs[0] ? preferencesUrl(payload, docs[0]) : null
}

/** "N days without engagement" becomes true without any event: check every subscriber hourly. */
function sweepStagesHourly(payload: Payload) {
  const sweep = () =>
    evaluateStages(payload).catch((error: unknown) => payload.logger.error({ err: error, msg: 'Stage sweep failed' }))
  setTimeout(sweep, 60_000).unref()
  setInterval(sweep, 60 * 60_000).unref()
}

/** Due automation steps, state triggers, and campaign jobs whose worker died (the server runs campaign jobs too). */
function superviseRegularly(payload: Payload) {
  const supervise = () =>
    superviseAll(payload).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'Campaign supervision failed' }),
    )
  setTimeout(supervise, 5_000).unref()
  setInterval(supervise, 30_000).unref()
}

function installShutdown(server: ReturnType<express.Express['listen']>, payload: Payload) {
  const stop = (signal: string) => {
    payload.logger.info(`${signal}: shutting down`)
    server.close(() => {
      void closeDatabase(payload).finally(() => process.exit(0))
    })
    setTimeout(() => process.exit(0), 5_000).unref()
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}

startServer().catch((error: unknown) => {
  console.error('Server failed to start:', error)
  process.exit(1)
})

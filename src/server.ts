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
import { expireAnonymousVisitors } from '@kontorwerk/personalization'

import config from '../payload.config'
import { listFilterUrls } from './admin/listFilterUrls'
import { MONACO_ASSETS_PATH } from './admin/monacoAssets'
import { serveMonacoAssets } from './admin/serveMonacoAssets'
import { port, publicUrl, seedDemo } from './config/env'
import { leanReads } from './http/leanReads'
import { enableJobRunner } from './jobs/runner'
import { serverOperations } from './operations/serverOperations'
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
  expireAnonymousVisitorsHourly(payload)
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
  // Request ids and timings first; /healthz, /readyz, /metrics and the orderly stop (docs/operations.md).
  const operations = serverOperations(payload)
  app.use(operations.tracing)
  app.use(httpHardening({ cookiePrefix: payload.config.cookiePrefix }))
  app.use(operations.routes)
  // The admin's code editor from this server, not from a CDN (src/admin/SelfHostedCodeEditor.tsx).
  app.use(MONACO_ASSETS_PATH, serveMonacoAssets())
  // A kept or typed admin list URL with a filter the list view cannot show opens the list instead of a 500.
  app.use(listFilterUrls(payload))
  // Next's route handlers (REST with the public pages and the event intake, GraphQL) do not see the
  // socket: hand them the client address (the default `clientAddress` option reads it), never the caller's claim.
  app.use((req, _res, next) => {
    req.headers['x-client-ip'] = req.ip ?? ''
    next()
  })
  // Anonymous and visitor reads of personalized pages and blocks, without Next's per-request work.
  app.use(leanReads(payload))
  app.use((req, res) => handle(req, res))

  const demoLink = seedDemo() ? await demoPreferenceLink(payload) : null
  const server = app.listen(port(), () => {
    payload.logger.info(
      `Ready on ${publicUrl()}: admin ${publicUrl()}/admin, GraphQL ${publicUrl()}/api/graphql, sign-up ${publicUrl()}/subscribe`,
    )
    if (demoLink) payload.logger.info(`Preference center of a demo subscriber: ${demoLink}`)
  })
  operations.install(server, payload)
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

/** Anonymous visitors' events past their retention (core option browser.anonymousRetentionDays) go within the hour. */
function expireAnonymousVisitorsHourly(payload: Payload) {
  const expire = () =>
    expireAnonymousVisitors(payload).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'Anonymous visitor expiry failed' }),
    )
  setTimeout(expire, 90_000).unref()
  setInterval(expire, 60 * 60_000).unref()
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

startServer().catch((error: unknown) => {
  console.error('Server failed to start:', error)
  process.exit(1)
})

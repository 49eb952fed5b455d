import type { Payload } from 'payload'

import express from 'express'

import { surviveDatabaseRestarts } from '../database/poolErrors'
import { processRegistry } from './metrics/registry'
import { readinessChecks } from './readiness/checks'
import { operationsRoutes } from './routes'

/**
 * A worker's operations: it survives a database restart, and it serves a health port when
 * WORKER_HEALTH_PORT is set (off without): /healthz, /readyz with the server's checks, /metrics
 * with this process's own metrics (memory, CPU, event loop) behind METRICS_TOKEN.
 * The database-wide counts are the server's page only, so nothing is counted twice.
 */
export function startWorkerOperations(payload: Payload, env = process.env): void {
  surviveDatabaseRestarts(payload)
  const port = Number.parseInt(env.WORKER_HEALTH_PORT ?? '', 10)
  if (!Number.isInteger(port) || port <= 0) return
  let stopping = false
  process.once('SIGTERM', () => (stopping = true))
  const app = express()
  app.disable('x-powered-by')
  app.use(
    operationsRoutes(payload, {
      checks: readinessChecks(env),
      metricsToken: env.METRICS_TOKEN || undefined,
      registry: processRegistry('worker'),
      stopping: () => stopping,
    }),
  )
  // Not kept alive for it: the worker's own loop decides when the process ends.
  const server = app.listen(port, () =>
    payload.logger.info(`Worker health on port ${port}: /healthz, /readyz, /metrics`),
  )
  server.unref()
}

import type { Payload } from 'payload'

import { surviveDatabaseRestarts } from '../database/poolErrors'
import { requestIds } from './logging/requestId'
import { registerDatabaseMetrics } from './metrics/databaseMetrics'
import { processRegistry } from './metrics/registry'
import { requestMetrics } from './metrics/requestMetrics'
import { readinessChecks } from './readiness/checks'
import { operationsRoutes } from './routes'
import { gracefulShutdown } from './shutdown'

/**
 * Everything an operator gets from the server (docs/operations.md): `tracing` (request ids and the
 * access log, request timings) goes first on the express app, so even a refused request has an id;
 * `routes` (/healthz, /readyz, /metrics with METRICS_TOKEN) after the security headers; `install`
 * the orderly stop on SIGTERM with the listening server.
 */
export function serverOperations(payload: Payload, env = process.env) {
  surviveDatabaseRestarts(payload)
  const shutdown = gracefulShutdown()
  const registry = processRegistry('server')
  // The counts every process contributes to, once: the server's page has them, the workers' do not.
  registerDatabaseMetrics(registry, payload)
  return {
    install: shutdown.install,
    routes: operationsRoutes(payload, {
      checks: readinessChecks(env),
      metricsToken: env.METRICS_TOKEN || undefined,
      registry,
      stopping: shutdown.stopping,
    }),
    tracing: [requestIds(payload), shutdown.closeConnections, requestMetrics(registry)],
  }
}

import type { Payload } from 'payload'
import type { Registry } from 'prom-client'

import { Router } from 'express'

import { metricsAccess } from './metrics/metricsAccess'
import { type ReadinessCheck } from './readiness/check'
import { readiness } from './readiness/readiness'

export type OperationsRoutesOptions = {
  checks: ReadinessCheck[]
  metricsToken: string | undefined
  registry: Registry
  /** True once the process is stopping: not ready, so a load balancer sends nothing new. */
  stopping: () => boolean
}

/**
 * The operator's endpoints, on the server and on a worker's health port:
 * `/healthz` (the process answers), `/readyz` (it can do its work: 200, or 503 naming the failing
 * checks) and `/metrics` (Prometheus text, with the token).
 */
export function operationsRoutes(payload: Payload, options: OperationsRoutesOptions): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (options.stopping()) {
      res.status(503).json({ checks: {}, failing: ['shutdown'], status: 'not ready' })
      return
    }
    const report = await readiness(payload, options.checks)
    res.status(report.failing.length ? 503 : 200).json(report)
  })
  router.get('/metrics', metricsAccess(options.metricsToken), async (_req, res) => {
    const text = await options.registry.metrics()
    res.set('Cache-Control', 'no-store').type(options.registry.contentType).send(text)
  })
  return router
}

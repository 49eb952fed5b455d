import { collectDefaultMetrics, Registry } from 'prom-client'

/**
 * This process's metrics: Node's process metrics (CPU, memory, event loop lag, handles) under their
 * usual names, so stock dashboards work; the server adds the request timings and the database-wide
 * counts to it.
 */
export function processRegistry(role: 'server' | 'worker'): Registry {
  const registry = new Registry()
  // Every series says which kind of process it came from; Prometheus' instance label tells them apart.
  registry.setDefaultLabels({ role })
  collectDefaultMetrics({ register: registry })
  return registry
}

import type { Payload } from 'payload'

import { outsideRequest } from '../operations/logging/requestContext'

type Pool = { on: (event: 'error', listener: (error: Error) => void) => unknown }

/**
 * PostgreSQL going away (a restart, a failover) ends the pool's idle connections with an error the
 * pool re-emits; without a listener Node treats it as uncaught and the whole process dies. Logged
 * instead: the next query opens a new connection, and /readyz says "database" until one succeeds.
 */
export function surviveDatabaseRestarts(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  pool?.on('error', (error) =>
    // The connection was opened while serving some request; its loss is not that request's.
    outsideRequest(() =>
      payload.logger.warn({ code: (error as { code?: string }).code, msg: 'Database connection lost' }),
    ),
  )
}

import type { RequestHandler } from 'express'
import type { Server } from 'node:http'
import type { Payload } from 'payload'

import { stopSending } from '@kontorwerk/campaigns'

import { closeDatabase } from '../database/close'

/** Within this much of SIGTERM the process is gone, whatever is still running (orchestrators kill at 30 s). */
export const DEFAULT_SHUTDOWN_SECONDS = 25

type Cron = { stop: () => unknown }

/**
 * The server's orderly stop on SIGTERM (or SIGINT): stop accepting connections, answer 503 on
 * /readyz, let requests in flight finish (keep-alive connections are closed once idle), stop
 * starting jobs, close the database, exit 0. What has not finished after `seconds` is cut off and
 * the exit code is 1, so a supervisor's log shows the stop was not clean.
 */
export function gracefulShutdown(seconds = DEFAULT_SHUTDOWN_SECONDS) {
  let stopping = false
  return {
    /** New requests on connections kept alive are answered with `Connection: close`. */
    closeConnections: ((_req, res, next) => {
      if (stopping) res.set('Connection', 'close')
      next()
    }) satisfies RequestHandler,
    install(server: Server, payload: Payload) {
      const stop = (signal: string) => {
        if (stopping) return
        stopping = true
        payload.logger.info({ msg: `${signal}: finishing requests in flight, then exiting`, seconds })
        // No job starts from now on; one already running is left to finish or to its lease (campaign sends are crash-safe).
        for (const cron of (payload as unknown as { crons: Cron[] }).crons.splice(0)) void cron.stop()
        // A send job of this process ends after its batch in hand and queues its successor for the workers.
        stopSending(payload)
        const idle = setInterval(() => server.closeIdleConnections(), 250)
        server.close(() => {
          clearInterval(idle)
          void closeDatabase(payload)
            .catch((error: unknown) => payload.logger.error({ err: error, msg: 'Closing the database failed' }))
            .finally(() => {
              payload.logger.info('Stopped')
              process.exit(0)
            })
        })
        server.closeIdleConnections()
        setTimeout(() => {
          payload.logger.error(`Requests still running after ${seconds} s: cut off`)
          server.closeAllConnections()
          process.exit(1)
        }, seconds * 1000).unref()
      }
      process.once('SIGTERM', () => stop('SIGTERM'))
      process.once('SIGINT', () => stop('SIGINT'))
    },
    stopping: () => stopping,
  }
}

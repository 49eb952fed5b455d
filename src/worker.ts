import './config/loadEnv'

import { getPayload } from 'payload'

import { CAMPAIGN_QUEUE, campaignsOptions, superviseAll } from '@kontorwerk/campaigns'

import config from '../payload.config'
import { closeDatabase } from './database/close'

const IDLE_MS = 500

/**
 * A sending worker (`npm run worker`): runs campaign jobs from the shared database, as many
 * processes as wanted beside the server. Killing it at any moment loses nothing: its claimed
 * recipients return after their lease, and no recipient gets a message twice.
 */
async function main() {
  const payload = await getPayload({ config })
  let running = true
  const stop = () => {
    running = false
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  // As often as a lease can run out (at most every 15 s): a dead worker's campaign is picked up as soon as it can be.
  const superviseEvery = Math.min(15_000, campaignsOptions(payload).leaseSeconds * 1000)
  let supervisedAt = 0
  payload.logger.info('Campaign worker started')
  while (running) {
    if (Date.now() - supervisedAt > superviseEvery) {
      supervisedAt = Date.now()
      await superviseAll(payload).catch((error: unknown) =>
        payload.logger.error({ err: error, msg: 'Campaign supervision failed' }),
      )
    }
    const result = await payload.jobs.run({ limit: 4, queue: CAMPAIGN_QUEUE })
    if ((result as { noJobsRemaining?: boolean }).noJobsRemaining)
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS))
  }
  await closeDatabase(payload)
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error('Worker failed:', error)
  process.exit(1)
})

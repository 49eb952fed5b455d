import './config/loadEnv'

import { getPayload } from 'payload'

import { CAMPAIGN_QUEUE, campaignsOptions, stopSending, superviseAll } from '@kontorwerk/campaigns'

import config from '../payload.config'
import { closeDatabase } from './database/close'
import { startWorkerOperations } from './operations/workerOperations'

const IDLE_MS = 500
/** Campaign jobs one worker runs at once, each a batch loop with its own SMTP connections. */
const SLOTS = 4
/** A worker running k jobs waits about k × this before it claims one more, so an idle worker claims it first. */
const DEFER_PER_JOB_MS = 1_000
/** A claim that has not answered within this is taken as a job that runs (not an empty poll). */
const POLL_ANSWER_MS = 250
/** After SIGTERM: the claimed batches finish within this, or the worker exits anyway and their leases hand them on. */
const STOP_WITHIN_MS = 25_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const jittered = (ms: number) => ms * (0.5 + Math.random())

/**
 * A sending worker (`npm run worker`): runs campaign jobs from the shared database, as many
 * processes as wanted beside the server. Killing it at any moment loses nothing: its claimed
 * recipients return after their lease, and no recipient gets a message twice.
 *
 * It claims one job at a time and, the more it already runs, the longer it waits before the next,
 * so the jobs of a campaign spread over the workers instead of going to the first one that polls.
 * SIGTERM: it claims nothing more, its jobs finish the batch in hand and end (queueing their
 * successors for the other workers), and it exits within 30 s.
 */
async function main() {
  let running = true
  let started: Awaited<ReturnType<typeof getPayload>> | undefined
  const stop = () => {
    if (!running) return
    running = false
    if (started) stopSending(started)
    started?.logger.info('Campaign worker stopping: finishing the batches in hand')
    // Whatever hangs (a batch, closing the pool): out before a supervisor's 30 s grace ends.
    setTimeout(() => process.exit(1), STOP_WITHIN_MS + 3_000).unref()
  }
  // Before starting up: a SIGTERM while Payload initialises ends the worker cleanly too.
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  const payload = (started = await getPayload({ config }))
  startWorkerOperations(payload)
  // Several times a lease (at most every 15 s): a dead worker's job is replaced about one lease after its last beat.
  const superviseEvery = Math.min(15_000, (campaignsOptions(payload).leaseSeconds * 1000) / 4)
  let supervisedAt = 0
  const inFlight = new Set<Promise<unknown>>()
  payload.logger.info('Campaign worker started')
  while (running) {
    if (Date.now() - supervisedAt > superviseEvery) {
      supervisedAt = Date.now()
      await superviseAll(payload).catch((error: unknown) =>
        payload.logger.error({ err: error, msg: 'Campaign supervision failed' }),
      )
    }
    if (inFlight.size >= SLOTS) {
      await Promise.race([...inFlight, sleep(IDLE_MS)])
      continue
    }
    if (inFlight.size > 0) {
      await sleep(jittered(inFlight.size * DEFER_PER_JOB_MS))
      if (!running) break
    }
    const run = payload.jobs.run({ limit: 1, queue: CAMPAIGN_QUEUE })
    const tracked: Promise<unknown> = run
      .catch((error: unknown) => payload.logger.error({ err: error, msg: 'Campaign job run failed' }))
      .finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
    const answer = await Promise.race([
      run.then(
        (result) => ((result as { noJobsRemaining?: boolean }).noJobsRemaining ? 'idle' : 'ran'),
        () => 'idle',
      ),
      sleep(POLL_ANSWER_MS).then(() => 'running'),
    ])
    if (answer === 'idle') await sleep(jittered(IDLE_MS))
  }
  await Promise.race([Promise.allSettled([...inFlight]), sleep(STOP_WITHIN_MS)])
  await closeDatabase(payload)
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error('Worker failed:', error)
  process.exit(1)
})

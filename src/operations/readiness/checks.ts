import { smtpSettings } from '../../email/smtpAdapter'
import { type ReadinessCheck } from './check'
import { databaseCheck } from './databaseCheck'
import { jobQueueCheck } from './jobQueueCheck'
import { migrationsCheck } from './migrationsCheck'
import { smtpCheck } from './smtpCheck'

/** What server and workers check before they call themselves ready; READYZ_QUEUE_MAX_WAIT_SECONDS tunes the queue's patience. */
export function readinessChecks(env = process.env): ReadinessCheck[] {
  const maxWait = Number(env.READYZ_QUEUE_MAX_WAIT_SECONDS)
  return [
    databaseCheck,
    migrationsCheck,
    jobQueueCheck(Number.isFinite(maxWait) && maxWait > 0 ? maxWait : undefined),
    smtpCheck(smtpSettings(env)),
  ]
}

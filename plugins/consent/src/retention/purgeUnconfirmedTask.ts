import type { Payload, TaskConfig } from 'payload'

import type { ResolvedConsentOptions } from '../types'

import { purgeUnconfirmed } from './purgeUnconfirmed'

export const PURGE_UNCONFIRMED_TASK = 'consentPurgeUnconfirmed' as const

/** Nightly at 04:15 (server time): unconfirmed sign-ups past their retention are deleted; a run is safe to repeat. */
export const purgeUnconfirmedTask = (
  retentionDays: Exclude<ResolvedConsentOptions['unconfirmedRetentionDays'], false>,
) =>
  ({
    slug: PURGE_UNCONFIRMED_TASK,
    handler: async ({ req }: { req: { payload: Payload } }) => {
      const result = await purgeUnconfirmed(req.payload, { retentionDays })
      if (result.purged > 0)
        req.payload.logger.info({ msg: `Unconfirmed sign-ups older than ${retentionDays} days deleted`, ...result })
      return { output: result }
    },
    outputSchema: [
      { name: 'checked', type: 'number' },
      { name: 'purged', type: 'number' },
    ],
    retries: { attempts: 3, backoff: { delay: 60_000, type: 'exponential' } },
    schedule: [{ cron: '0 15 4 * * *', queue: 'default' }],
  }) as unknown as TaskConfig

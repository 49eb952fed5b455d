import { withDefaults } from '@kontorwerk/personalization'

import type { CampaignsPluginOptions, ResolvedCampaignsOptions } from './types'

export const DEFAULT_OPTIONS: ResolvedCampaignsOptions = {
  approvalAbove: 1000,
  batchSize: 200,
  from: { address: 'newsletter@example.com', name: 'Newsletter' },
  jobRetentionHours: 168,
  jobSliceSeconds: 20,
  leaseSeconds: 60,
  maxAttempts: 4,
  parallelJobs: 3,
  retryDelaySeconds: 60,
  revenueAttributionDays: 7,
  smtp: null,
  smtpConnections: 8,
  subscribersSlug: 'subscribers',
  testSendsPerHour: 10,
  typedConfirmationFrom: 1000,
}

export const resolveOptions = (options: CampaignsPluginOptions): ResolvedCampaignsOptions =>
  withDefaults(DEFAULT_OPTIONS, options)

/** Campaign jobs have their own queue, so a worker process can run only sending (`npm run worker`). */
export const CAMPAIGN_QUEUE = 'campaigns'

export const CAMPAIGNS = 'campaigns'
export const CAMPAIGN_SENDS = 'campaign-sends'

export const START_CAMPAIGN_TASK = 'campaignStart' as const
export const SEND_CAMPAIGN_TASK = 'campaignSend' as const

/** Ids of the `email_sent` events campaigns write (one per send record): `campaign-sent:<sendKey>`. */
export const SENT_EVENT_PREFIX = 'campaign-sent:'

export const AUTOMATIONS = 'automations'
export const AUTOMATION_RUNS = 'automation-runs'

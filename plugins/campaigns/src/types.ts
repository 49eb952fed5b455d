export type SmtpSettings = { host: string; pass?: string; port: number; secure?: boolean; user?: string }

export type CampaignsPluginOptions = {
  /** Recipients one claim takes (one read of profiles and consent, one render pass). @default 200 */
  batchSize?: number
  /** The sender of every campaign mail. @default { address: 'newsletter@example.com', name: 'Newsletter' } */
  from?: { address: string; name: string }
  /** A claim older than this is free again (a worker that died holding it); commits check the claim, so a slow worker never doubles a send. */
  leaseSeconds?: number
  /** SMTP delivery attempts per recipient before the send record is marked failed. */
  maxAttempts?: number
  /** Wait before the first retry of a temporary SMTP failure; doubles with each attempt. */
  retryDelaySeconds?: number
  /** Parallel SMTP connections per worker. */
  smtpConnections?: number
  /** The SMTP server campaigns are delivered to; without one a campaign cannot be scheduled (`NO_SMTP`). @default none */
  smtp?: null | SmtpSettings
  /** How long one send job works before it hands over to the next (so jobs stay short and workers share). */
  jobSliceSeconds?: number
  /** Send jobs queued per campaign: more lets several worker processes send one campaign together. */
  parallelJobs?: number
  /** The collection of the people campaigns go to (the core's subscribers). @default 'subscribers' */
  subscribersSlug?: string
}

export type ResolvedCampaignsOptions = Required<Omit<CampaignsPluginOptions, 'smtp'>> & { smtp: null | SmtpSettings }

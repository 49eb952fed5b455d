export type CampaignsPluginOptions = {
  /** Recipients one claim takes (one read of profiles and consent, one render pass). */
  batchSize?: number
  /** A claim older than this is free again (a worker that died holding it); commits check the claim, so a slow worker never doubles a send. */
  leaseSeconds?: number
  /** SMTP delivery attempts per recipient before the send record is marked failed. */
  maxAttempts?: number
  /** Wait before the first retry of a temporary SMTP failure; doubles with each attempt. */
  retryDelaySeconds?: number
  /** Parallel SMTP connections per worker. */
  smtpConnections?: number
  /** SMTP server; defaults to SMTP_HOST / SMTP_PORT / SMTP_USER / SMTP_PASS / SMTP_SECURE. */
  smtp?: { host: string; pass?: string; port: number; secure?: boolean; user?: string }
  /** How long one send job works before it hands over to the next (so jobs stay short and workers share). */
  jobSliceSeconds?: number
  /** Send jobs queued per campaign: more lets several worker processes send one campaign together. */
  parallelJobs?: number
}

export type ResolvedCampaignsOptions = Required<Omit<CampaignsPluginOptions, 'smtp'>> & Pick<CampaignsPluginOptions, 'smtp'>

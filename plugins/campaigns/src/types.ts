export type SmtpSettings = { host: string; pass?: string; port: number; secure?: boolean; user?: string }

export type CampaignsPluginOptions = {
  /**
   * Four-eyes principle (docs/governance.md): a campaign or an automation being switched on whose
   * audience is larger than this many recipients needs the approval of a second person with the
   * approver role (Freigabe) before it can be scheduled or switched on. `false`: no approval needed.
   * @default 1000
   */
  approvalAbove?: false | number
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
  /**
   * Send jobs per campaign running at once (a throttled campaign: one). Each job is one worker's
   * batch loop with `smtpConnections` connections, and each worker claims jobs fairly, so with N
   * workers up to this many of them send one campaign together. Supervision keeps the number after
   * a worker dies. @default 3
   */
  parallelJobs?: number
  /** Revenue (issue 18): a purchase counts for the last tracked mail click within this many days before it. @default 7 */
  revenueAttributionDays?: number
  /** How long failed (and, if the host keeps them, finished) campaign job rows stay in `payload_jobs`. @default 168 */
  jobRetentionHours?: number
  /** The collection of the people campaigns go to (the core's subscribers). @default 'subscribers' */
  subscribersSlug?: string
  /** Test mails ("Testversand") one editor may send per hour, to their own address only. @default 10 */
  testSendsPerHour?: number
  /** From this many recipients on, sending needs the count or the campaign's name typed in the confirmation. @default 1000 */
  typedConfirmationFrom?: number
}

export type ResolvedCampaignsOptions = Required<Omit<CampaignsPluginOptions, 'smtp'>> & { smtp: null | SmtpSettings }

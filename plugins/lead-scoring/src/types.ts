export type LeadScoringPluginOptions = {
  /** Set false to keep the collections but not score (e.g. while importing history). @default true */
  enabled?: boolean
  /**
   * The CRM webhook for stage changes when the admin settings name none (deployments configured by
   * environment); the settings' URL wins. @default none
   */
  stageWebhook?: null | { secret?: null | string; url: string }
  /** The collection of the people scored (the core's subscribers). @default 'subscribers' */
  subscribersSlug?: string
}

export type ResolvedLeadScoringOptions = Required<LeadScoringPluginOptions>

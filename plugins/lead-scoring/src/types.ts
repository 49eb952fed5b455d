import type { PredictionOptions } from './predictions/options'

export type LeadScoringPluginOptions = {
  /** Set false to keep the collections but not score (e.g. while importing history). @default true */
  enabled?: boolean
  /**
   * The CRM webhook for stage changes when the admin settings name none (deployments configured by
   * environment); the settings' URL wins. @default none
   */
  stageWebhook?: null | { secret?: null | string; url: string }
  /** Purchase prediction (BG/NBD, Gamma-Gamma): data window, horizon, minimum of buyers. See docs/plugins/lead-scoring.md. */
  predictions?: PredictionOptions
  /** The collection of the people scored (the core's subscribers). @default 'subscribers' */
  subscribersSlug?: string
}

export type ResolvedLeadScoringOptions = Required<Omit<LeadScoringPluginOptions, 'predictions'>> & {
  predictions: Required<PredictionOptions>
}

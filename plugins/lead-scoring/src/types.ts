export type LeadScoringPluginOptions = {
  /** Set false to keep the collections but not score (e.g. while importing history). */
  enabled?: boolean
}

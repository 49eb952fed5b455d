import { withDefaults } from '@kontorwerk/personalization'

import type { LeadScoringPluginOptions, ResolvedLeadScoringOptions } from './types'

import { DEFAULT_PREDICTION_OPTIONS } from './predictions/options'

export const DEFAULT_SETTINGS = {
  clickInterestWeight: 0.25,
  halfLifeDays: 30,
  interestHalfLifeDays: 30,
  primaryPersonaMinFit: 50,
}

export type ScoringSettingsValues = typeof DEFAULT_SETTINGS & {
  stageWebhookSecret?: null | string
  stageWebhookUrl?: null | string
}

export const DEFAULT_OPTIONS: ResolvedLeadScoringOptions = {
  enabled: true,
  predictions: DEFAULT_PREDICTION_OPTIONS,
  stageWebhook: null,
  subscribersSlug: 'subscribers',
}

export const resolveOptions = (options: LeadScoringPluginOptions = {}): ResolvedLeadScoringOptions => ({
  ...withDefaults(DEFAULT_OPTIONS, { ...options, predictions: undefined }),
  // One level deeper: `predictions: { horizonDays: 30 }` keeps the other defaults.
  predictions: withDefaults(DEFAULT_PREDICTION_OPTIONS, options.predictions ?? {}),
})

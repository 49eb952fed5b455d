import { withDefaults } from '@kontorwerk/personalization'

import type { LeadScoringPluginOptions, ResolvedLeadScoringOptions } from './types'

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
  stageWebhook: null,
  subscribersSlug: 'subscribers',
}

export const resolveOptions = (options: LeadScoringPluginOptions = {}): ResolvedLeadScoringOptions =>
  withDefaults(DEFAULT_OPTIONS, options)

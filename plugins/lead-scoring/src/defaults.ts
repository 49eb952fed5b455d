export const DEFAULT_SETTINGS = {
  clickInterestWeight: 0.25,
  halfLifeDays: 30,
  interestHalfLifeDays: 30,
  primaryPersonaMinFit: 50,
}

export type ScoringSettingsValues = typeof DEFAULT_SETTINGS & { stageWebhookSecret?: null | string; stageWebhookUrl?: null | string }

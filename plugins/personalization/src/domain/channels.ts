import { option } from '../translations'

export const CHANNELS = ['email', 'landing_page', 'web', 'push', 'sms'] as const
export type Channel = (typeof CHANNELS)[number]

export const channelOptions = [
  option('email', 'kontorwerk-personalization:channelEmail'),
  option('landing_page', 'kontorwerk-personalization:channelLandingPage'),
  option('web', 'kontorwerk-personalization:channelWeb'),
  option('push', 'kontorwerk-personalization:channelPush'),
  option('sms', 'kontorwerk-personalization:channelSms'),
]

/** Campaign goals; acquisition offers are never shown to customers (docs/plugins/personalization.md#relevance-guards). */
export const GOALS = ['acquisition', 'onboarding', 'nurture', 'upsell', 'cross_sell', 'winback', 'retention'] as const
export type Goal = (typeof GOALS)[number]

export const goalOptions = [
  option('acquisition', 'kontorwerk-personalization:goalAcquisition'),
  option('onboarding', 'kontorwerk-personalization:goalOnboarding'),
  option('nurture', 'kontorwerk-personalization:goalNurture'),
  option('upsell', 'kontorwerk-personalization:goalUpsell'),
  option('cross_sell', 'kontorwerk-personalization:goalCrossSell'),
  option('winback', 'kontorwerk-personalization:goalWinback'),
  option('retention', 'kontorwerk-personalization:goalRetention'),
]

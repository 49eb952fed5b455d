import { option } from '../i18n/label'

export const CHANNELS = ['email', 'landing_page', 'web', 'push', 'sms'] as const
export type Channel = (typeof CHANNELS)[number]

export const channelOptions = [
  option('email', 'E-Mail', 'Email'),
  option('landing_page', 'Landingpage', 'Landing page'),
  option('web', 'Website', 'Website'),
  option('push', 'Push', 'Push'),
  option('sms', 'SMS', 'SMS'),
]

/** Campaign goals; acquisition offers are never shown to customers (docs/plugins/personalization.md#relevance-guards). */
export const GOALS = ['acquisition', 'onboarding', 'nurture', 'upsell', 'cross_sell', 'winback', 'retention'] as const
export type Goal = (typeof GOALS)[number]

export const goalOptions = [
  option('acquisition', 'Neukundengewinnung', 'Acquisition'),
  option('onboarding', 'Onboarding', 'Onboarding'),
  option('nurture', 'Nurturing', 'Nurture'),
  option('upsell', 'Upselling', 'Upsell'),
  option('cross_sell', 'Cross-Selling', 'Cross-sell'),
  option('winback', 'Rückgewinnung', 'Win-back'),
  option('retention', 'Kundenbindung', 'Retention'),
]

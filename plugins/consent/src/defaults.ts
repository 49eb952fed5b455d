import { withDefaults } from '@kontorwerk/personalization'

import type { ConsentPluginOptions, ResolvedConsentOptions } from './types'

export const defaults: ResolvedConsentOptions = {
  networkData: 'hashed',
  subscribersSlug: 'subscribers',
  systemCap: { maxMessages: 3, perDays: 7 },
  unsubscribeMailto: 'unsubscribe@example.com',
}

export const resolveOptions = (options: ConsentPluginOptions = {}): ResolvedConsentOptions =>
  withDefaults(defaults, options)

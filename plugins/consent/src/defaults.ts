import type { ConsentPluginOptions, ResolvedConsentOptions } from './types'

export const defaults: ResolvedConsentOptions = {
  networkData: 'hashed',
  subscribersSlug: 'subscribers',
  systemCap: { maxMessages: 3, perDays: 7 },
}

export const resolveOptions = (options: ConsentPluginOptions = {}): ResolvedConsentOptions => ({ ...defaults, ...options })

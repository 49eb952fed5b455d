import { withDefaults } from './utilities/withDefaults'
import type { Config } from 'payload'

import type { PersonalizationOptions, ResolvedPersonalizationOptions } from './types'

export const DEFAULT_OPTIONS: Omit<ResolvedPersonalizationOptions, 'publicUrl'> = {
  allowPrivateWebhooks: false,
  anonymousRateLimit: 60,
  clientAddress: (headers) => headers.get('x-client-ip'),
  discountGuardDays: 30,
  mediaSlug: 'media',
  previousLinkSecrets: [],
  usersSlug: 'users',
}

export function resolveOptions(options: PersonalizationOptions, config: Pick<Config, 'serverURL'>): ResolvedPersonalizationOptions {
  const publicUrl = (options.publicUrl || config.serverURL || 'http://localhost:3000').replace(/\/+$/, '')
  return { ...withDefaults(DEFAULT_OPTIONS, options), publicUrl }
}

import type { Config } from 'payload'

import type { PersonalizationOptions, ResolvedPersonalizationOptions } from './types'

import { withDefaults } from './utilities/withDefaults'

export const DEFAULT_OPTIONS: Omit<ResolvedPersonalizationOptions, 'pagesUrl' | 'publicUrl'> = {
  allowPrivateWebhooks: false,
  anonymousRateLimit: 60,
  clientAddress: (headers) => headers.get('x-client-ip'),
  discountGuardDays: 30,
  ecommerce: false,
  mediaSlug: 'media',
  previousLinkSecrets: [],
  usersSlug: 'users',
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '')

export function resolveOptions(
  options: PersonalizationOptions,
  config: Pick<Config, 'routes' | 'serverURL'>,
): ResolvedPersonalizationOptions {
  const publicUrl = withoutTrailingSlash(options.publicUrl || config.serverURL || 'http://localhost:3000')
  // Where Payload serves its endpoints (routes.api), unless the host maps the pages elsewhere.
  const pagesUrl = withoutTrailingSlash(options.pagesUrl || `${publicUrl}${config.routes?.api ?? '/api'}`)
  return { ...withDefaults(DEFAULT_OPTIONS, options), pagesUrl, publicUrl }
}

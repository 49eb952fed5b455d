import type { Config } from 'payload'

import type { PersonalizationOptions, ResolvedBrowserOptions, ResolvedPersonalizationOptions } from './types'

import { withDefaults } from './utilities/withDefaults'

export const DEFAULT_OPTIONS: Omit<ResolvedPersonalizationOptions, 'browser' | 'pagesUrl' | 'publicUrl'> = {
  allowPrivateWebhooks: false,
  anonymousRateLimit: 60,
  clientAddress: (headers) => headers.get('x-client-ip'),
  discountGuardDays: 30,
  ecommerce: false,
  mediaSlug: 'media',
  previousLinkSecrets: [],
  productFeedSchedule: '0 15 * * * *',
  productFeeds: [],
  usersSlug: 'users',
  webhookAttempts: 6,
  webhookBackoffMs: 30_000,
}

export const DEFAULT_BROWSER_OPTIONS: Omit<ResolvedBrowserOptions, 'origins'> = {
  anonymousRetentionDays: 90,
  perIpPerMinute: 120,
  perVisitorPerMinute: 60,
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '')

export function resolveOptions(
  options: PersonalizationOptions,
  config: Pick<Config, 'routes' | 'serverURL'>,
): ResolvedPersonalizationOptions {
  const publicUrl = withoutTrailingSlash(options.publicUrl || config.serverURL || 'http://localhost:3000')
  // Where Payload serves its endpoints (routes.api), unless the host maps the pages elsewhere.
  const pagesUrl = withoutTrailingSlash(options.pagesUrl || `${publicUrl}${config.routes?.api ?? '/api'}`)
  const browser = withDefaults(
    { ...DEFAULT_BROWSER_OPTIONS, origins: [new URL(publicUrl).origin] },
    options.browser ?? {},
  )
  return { ...withDefaults(DEFAULT_OPTIONS, options), browser, pagesUrl, publicUrl }
}

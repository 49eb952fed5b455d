import path from 'node:path'

import { withDefaults } from '@kontorwerk/personalization'

import type { ConsentPluginOptions, ResolvedConsentOptions } from './types'

export const defaults: ResolvedConsentOptions = {
  contactBudget: { perDay: 1, perWeek: 3, quietHours: { from: '20:00', until: '08:00' } },
  erasureSecret: null,
  importDir: path.resolve('subscriber-imports'),
  legalLinksRequired: false,
  networkData: 'hashed',
  subscribersSlug: 'subscribers',
  unconfirmedRetentionDays: 30,
  unsubscribeMailto: 'unsubscribe@example.com',
}

/** Fewer days than the confirmation link lives would delete people who may still confirm. */
const MIN_RETENTION_DAYS = 3

export function resolveOptions(options: ConsentPluginOptions = {}): ResolvedConsentOptions {
  const resolved = withDefaults(defaults, options)
  const days = resolved.unconfirmedRetentionDays
  if (days !== false && !(Number.isFinite(days) && days >= MIN_RETENTION_DAYS))
    throw new Error(
      `consent: unconfirmedRetentionDays must be false or at least ${MIN_RETENTION_DAYS} (the confirmation link lives 48 hours), got ${String(days)}`,
    )
  return resolved
}

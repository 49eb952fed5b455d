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
  unsubscribeMailto: 'unsubscribe@example.com',
}

export const resolveOptions = (options: ConsentPluginOptions = {}): ResolvedConsentOptions =>
  withDefaults(defaults, options)

import type { Payload } from 'payload'

import type { ResolvedConsentOptions } from '../types'

import { defaults } from '../defaults'

/** The options the plugin was configured with, kept on the config for code that only has `payload`. */
export const consentOptions = (payload: Payload): ResolvedConsentOptions =>
  (payload.config.custom?.consent as ResolvedConsentOptions | undefined) ?? defaults

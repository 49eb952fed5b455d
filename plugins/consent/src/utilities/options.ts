import type { Payload } from 'payload'

import type { ResolvedConsentOptions } from '../types'

import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { defaults } from '../defaults'

/** The options the plugin was configured with, kept on its own ledger collection for code that only has `payload`. */
export const consentOptions = (payload: Pick<Payload, 'collections'>): ResolvedConsentOptions =>
  (payload.collections[CONSENT_RECORDS as 'consent-records']?.config.custom?.consentOptions as
    ResolvedConsentOptions | undefined) ?? defaults

import type { Config } from 'payload'

import type { ConsentPluginOptions } from './types'

import { consentRecords, eraseConsentRecords } from './collections/ConsentRecords'
import { Topics } from './collections/Topics'
import { resolveOptions } from './defaults'
import { preferencesField } from './fields/preferences'

export { canContact, canTrack } from './utilities/canContact'
export { canContactSubscriber, loadContactProfile } from './utilities/contactProfile'
export { recordConsent } from './utilities/recordConsent'

/**
 * Consent & preferences (DSGVO/UWG): topics, the append-only consent ledger, subscriber preferences
 * and the single contact gate `canContact`.
 */
export const consentPlugin =
  (pluginOptions: ConsentPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const collections = (config.collections ?? []).map((collection) =>
      collection.slug === options.subscribersSlug
        ? {
            ...collection,
            fields: [...collection.fields, preferencesField],
            hooks: { ...collection.hooks, beforeDelete: [...(collection.hooks?.beforeDelete ?? []), eraseConsentRecords] },
          }
        : collection,
    )
    return {
      ...config,
      collections: [...collections, Topics, consentRecords(options)],
      custom: { ...config.custom, consent: options },
    }
  }

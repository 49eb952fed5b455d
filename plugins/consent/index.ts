import type { Config } from 'payload'

import type { ConsentPluginOptions } from './types'

import { consentRecords } from './collections/ConsentRecords'
import { Topics } from './collections/Topics'
import { Branding } from './globals/Branding'
import { resolveOptions } from './defaults'
import { consentHistoryField } from './fields/consentHistory'
import { deliverabilityField } from './fields/deliverability'
import { preferencesField } from './fields/preferences'
import { registerEventConsumer } from '../../src/events/consumers'
import { withPersonalData } from '../../src/personalData/contributors'
import { consentPersonalData } from './utilities/consentPersonalData'
import { bounceConsumer } from './utilities/bounceConsumer'
import { consentOperations } from './graphql/operations'

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
        ? withPersonalData({ ...collection, fields: [...collection.fields, preferencesField, deliverabilityField, consentHistoryField] }, consentPersonalData)
        : collection,
    )
    const graphQL = config.graphQL ?? {}
    return {
      ...config,
      collections: [...collections, Topics, consentRecords(options)],
      custom: { ...config.custom, consent: options, eventConsumers: registerEventConsumer(config.custom?.eventConsumers, bounceConsumer) },
      globals: [...(config.globals ?? []), Branding],
      graphQL: {
        ...graphQL,
        mutations: (GraphQL, payload) => ({ ...graphQL.mutations?.(GraphQL, payload), ...consentOperations(GraphQL).mutations }),
        queries: (GraphQL, payload) => ({ ...graphQL.queries?.(GraphQL, payload), ...consentOperations(GraphQL).queries }),
      },
    }
  }

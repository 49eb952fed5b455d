import type { Config } from 'payload'

import type { ConsentPluginOptions } from './types'

import { consentRecords } from './collections/ConsentRecords'
import { Topics } from './collections/Topics'
import { Branding } from './globals/Branding'
import { resolveOptions } from './defaults'
import { consentHistoryField } from './fields/consentHistory'
import { deliverabilityField } from './fields/deliverability'
import { preferencesField } from './fields/preferences'
import { extendPersonalization, personalizationOptions, requireCollection, requirePlugins, retargetRelations, withPersonalData } from '@kontorwerk/personalization'
import { trackingAllowed } from './utilities/contactProfile'
import { consentPersonalData } from './utilities/consentPersonalData'
import { bounceConsumer } from './utilities/bounceConsumer'
import { consentOperations } from './graphql/operations'

export { canContact, canTrack } from './utilities/canContact'
export { canContactSubscriber, loadContactProfile } from './utilities/contactProfile'
export { recordConsent } from './utilities/recordConsent'

/**
 * Consent & preferences (DSGVO/UWG): topics, the append-only consent ledger, subscriber preferences
 * and the single contact gate `canContact`. Needs personalization() before it.
 */
export const consent =
  (pluginOptions: ConsentPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    requirePlugins(config, 'consent', ['personalization'])
    requireCollection(config, 'consent', options.subscribersSlug, 'subscribersSlug')
    const collections = (config.collections ?? []).map((collection) =>
      collection.slug === options.subscribersSlug
        ? withPersonalData({ ...collection, fields: [...collection.fields, preferencesField, deliverabilityField, consentHistoryField] }, consentPersonalData)
        : collection,
    )
    const graphQL = config.graphQL ?? {}
    const extended = extendPersonalization(config, { eventConsumers: [bounceConsumer], plugins: ['consent'], trackingAllowed })
    return {
      ...extended,
      collections: [...collections, Topics, consentRecords(options)],
      // The logo is an upload to the host's media collection (the core's option mediaSlug).
      globals: [...(config.globals ?? []), { ...Branding, fields: retargetRelations(Branding.fields, { media: personalizationOptions({ config }).mediaSlug }) }],
      graphQL: {
        ...graphQL,
        mutations: (GraphQL, payload) => ({ ...graphQL.mutations?.(GraphQL, payload), ...consentOperations(GraphQL).mutations }),
        queries: (GraphQL, payload) => ({ ...graphQL.queries?.(GraphQL, payload), ...consentOperations(GraphQL).queries }),
      },
    }
  }

// The contract with the other packages and the reference app
export type { ConsentEvent } from './utilities/consentState'
export type { ContactDecision } from './utilities/canContact'
export { CONSENT_CHANNEL_OPTIONS } from './fields/channels'
export { consentOptions } from './utilities/options'
export { consentRouter } from './endpoints/router'
export { consentStatus } from './utilities/consentState'
export { ledgersOf } from './utilities/ledger'
export { listUnsubscribeHeaders, unsubscribeToken, unsubscribeUrl, withdrawAll } from './utilities/flows'
export { preferencesToken, preferencesUrl } from './utilities/preferenceCenter'
export { subscriberFromToken } from './utilities/subscriberFromToken'
export { trackingAllowed } from './utilities/contactProfile'

import type { Config } from 'payload'

import {
  extendPersonalization,
  personalizationOptions,
  requireCollection,
  requirePlugins,
  withPersonalData,
} from '@kontorwerk/personalization'

import type { ConsentPluginOptions } from './types'

import { consentRecords } from './collections/ConsentRecords'
import { Topics } from './collections/Topics'
import { resolveOptions } from './defaults'
import { consentEndpoints } from './endpoints'
import { erasureSuppressions } from './erasure/ErasureSuppressions'
import { refuseErasedSubscriber } from './erasure/refuseErasedSubscriber'
import { consentHistoryField } from './fields/consentHistory'
import { deliverabilityField } from './fields/deliverability'
import { preferencesField } from './fields/preferences'
import { branding } from './globals/Branding'
import { contactBudgetGlobal } from './globals/ContactBudget'
import { consentOperations } from './graphql/operations'
import { importsPersonalData } from './import/importsPersonalData'
import { subscriberImports } from './import/SubscriberImports'
import { subscriberImportTask } from './import/subscriberImportTask'
import { purgeUnconfirmedTask } from './retention/purgeUnconfirmedTask'
import { bulkUpsertEndpoint } from './sync/bulkUpsertEndpoint'
import { consentTranslations } from './translations'
import { bounceConsumer } from './utilities/bounceConsumer'
import { consentPersonalData } from './utilities/consentPersonalData'
import { trackingAllowed } from './utilities/contactProfile'

export { canContact, canTrack } from './utilities/canContact'
export { canContactSubscriber, loadContactProfile } from './utilities/contactProfile'
export { recordConsent } from './utilities/recordConsent'
export { startImport } from './import/runImportEndpoint'
export { ERASED, erasedAmong, isErased } from './erasure/suppressions'
export { ERASURE_SUPPRESSIONS } from './erasure/ErasureSuppressions'
export { runImportSlice } from './import/subscriberImportTask'
export { purgeUnconfirmed } from './retention/purgeUnconfirmed'
export { PURGE_UNCONFIRMED_TASK } from './retention/purgeUnconfirmedTask'
export { SUBSCRIBER_IMPORT_QUEUE, SUBSCRIBER_IMPORTS } from './import/importRecords'

/**
 * Consent & preferences (DSGVO/UWG): topics, the append-only consent ledger, subscriber preferences,
 * the single contact gate `canContact`, and the public pages (sign-up, double opt-in, preference
 * center, unsubscribe) as endpoints. Needs personalization() before it. Admin texts: translations/
 * (keys `kontorwerk-consent:…`), merged into the host's `i18n.translations`.
 */
export const consent =
  (pluginOptions: ConsentPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    requirePlugins(config, 'consent', ['personalization'])
    requireCollection(config, 'consent', options.subscribersSlug, 'subscribersSlug')
    const collections = (config.collections ?? []).map((collection) =>
      collection.slug === options.subscribersSlug
        ? withPersonalData(
            withPersonalData(
              {
                ...collection,
                fields: [...collection.fields, preferencesField, deliverabilityField, consentHistoryField],
                // POST /api/subscribers/bulk-upsert: the sync API (issue 21), with the import's row checks.
                endpoints: [...(collection.endpoints || []), bulkUpsertEndpoint],
                // Erased people stay erased: only their own double opt-in brings them back (erasure/).
                hooks: {
                  ...collection.hooks,
                  beforeChange: [...(collection.hooks?.beforeChange ?? []), refuseErasedSubscriber],
                },
              },
              importsPersonalData,
            ),
            consentPersonalData,
          )
        : collection,
    )
    const graphQL = config.graphQL ?? {}
    const extended = extendPersonalization(consentTranslations.mergeInto(config), {
      eventConsumers: [bounceConsumer],
      plugins: ['consent'],
      trackingAllowed,
    })
    const jobs = extended.jobs ?? {}
    return {
      ...extended,
      collections: [
        ...collections,
        Topics,
        consentRecords(options),
        erasureSuppressions,
        subscriberImports(options, personalizationOptions({ config }).usersSlug),
      ],
      jobs: {
        ...jobs,
        tasks: [
          ...(jobs.tasks ?? []),
          subscriberImportTask,
          ...(options.unconfirmedRetentionDays === false
            ? []
            : [purgeUnconfirmedTask(options.unconfirmedRetentionDays)]),
        ],
      },
      // The public pages under the API route (/api/subscribe, /api/preferences, …): no server of the host's own is needed.
      endpoints: [...(config.endpoints ?? []), ...consentEndpoints],
      globals: [
        ...(config.globals ?? []),
        branding(personalizationOptions({ config }).mediaSlug),
        contactBudgetGlobal(options),
      ],
      graphQL: {
        ...graphQL,
        mutations: (GraphQL, payload) => ({
          ...graphQL.mutations?.(GraphQL, payload),
          ...consentOperations(GraphQL).mutations,
        }),
        queries: (GraphQL, payload) => ({
          ...graphQL.queries?.(GraphQL, payload),
          ...consentOperations(GraphQL).queries,
        }),
      },
    }
  }

// The contract with the other packages and the reference app
export type { ConsentEvent } from './utilities/consentState'
export type { ContactDecision } from './utilities/canContact'
export type { StoredPreferences } from './fields/preferencesReads'
export { CONSENT_CHANNEL_OPTIONS } from './fields/channels'
export { consentTranslations } from './translations'
export type { ConsentTranslationKey, ConsentTranslations } from './translations'
export { consentOptions } from './utilities/options'
export {
  BUDGET_CHANNELS,
  channelBudget,
  CONTACT_BUDGET,
  contactBudgetSettings,
  type ContactBudgetSettings,
} from './globals/ContactBudget'
export {
  type BudgetWindow,
  budgetWindows,
  type ChannelBudget,
  fitsBudget,
  FREQUENCY_CAPS,
  type Frequency,
  sentWithin,
} from './utilities/contactBudget'
export { consentStatus } from './utilities/consentState'
export { grantedConsentSql } from './utilities/ledgerSql'
export { ledgersInOrder, ledgersOf } from './utilities/ledger'
export { PAUSED_UNTIL_PATH, preferencesOf, preferencesSql } from './fields/preferencesReads'
export { listUnsubscribeHeaders, unsubscribeToken, unsubscribeUrl, withdrawAll } from './utilities/flows'
export { preferencesToken, preferencesUrl } from './utilities/preferenceCenter'
export { subscriberFromToken } from './utilities/subscriberFromToken'
export { trackingAllowed } from './utilities/contactProfile'
export type { ConsentChannel, ConsentRecord, Subscriber, Topic } from './documents'

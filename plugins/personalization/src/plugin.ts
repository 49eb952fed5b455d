import type { CollectionConfig, Config, Field } from 'payload'

import type { PersonalizationOptions } from './types'

import { apiScopesField } from './access/apiScopes'
import { withStaffOnlyDocumentLocks } from './access/documentLocks'
import { ROLE_LABELS, ROLES } from './access/roles'
import { ContentBlocks } from './collections/ContentBlocks'
import { Conversions } from './collections/Conversions'
import { Events } from './collections/Events'
import { Interests } from './collections/Interests'
import { LandingPages } from './collections/LandingPages'
import { LifecycleStages } from './collections/LifecycleStages'
import { Newsletters } from './collections/Newsletters'
import { Personas } from './collections/Personas'
import { Products } from './collections/Products'
import { Regions } from './collections/Regions'
import { Subscribers } from './collections/Subscribers'
import { VisitorEvents } from './collections/VisitorEvents'
import { VisitorMerges } from './collections/VisitorMerges'
import { resolveOptions } from './defaults'
import { resolveEcommerce, withOrderPurchases } from './ecommerce/orderPurchases'
import { invalidatesBlockLibrary, LIBRARY_SOURCES } from './engine/blockLibrary'
import { invalidatesLandingPages, LANDING_PAGE_SOURCES } from './engine/landingPageLibrary'
import { browserEventsEndpoint } from './events/browserEndpoint'
import { eventOperations } from './events/graphql'
import { eventIntakeEndpoint } from './events/intakeEndpoint'
import { extendPersonalization, installedPlugins } from './extensions'
import { addGraphQLErrorCode } from './graphql/errorCodes'
import { personalizationQueries } from './graphql/personalization'
import { personalizationBudget } from './graphql/personalizationBudget'
import { personalizedReadEndpoints } from './graphql/personalizedReads'
import { withAtomicErasure } from './personalData/erasure'
import { productFeedsTask } from './products/feed/feedTask'
import { feedImportEndpoint } from './products/feed/importEndpoint'
import { catalogChanges } from './products/recommendations/load'
import { withCatalogSync } from './products/shopSync'
import { trackingEndpoints } from './tracking/endpoints'
import { option, personalizationTranslations, translated } from './translations'
import { retargetRelations } from './utilities/retargetRelations'
import { sourceSlugs } from './utilities/sourcesVersion'
import { withHooks } from './utilities/withHooks'
import { bounceWebhooks } from './webhooks/bounceWebhooks'
import { webhookDeliveryTask } from './webhooks/deliverWebhook'
import { WebhookDeliveries } from './webhooks/WebhookDeliveries'
import { Webhooks } from './webhooks/Webhooks'

/** Fails the config with a message that says what to change (a plugin misconfigured fails at startup, not at the first request). */
export class PluginConfigError extends Error {
  constructor(plugin: string, problem: string) {
    super(`${plugin}(): ${problem}`)
    this.name = 'PluginConfigError'
  }
}

// POST /api/events is the event intake, POST /api/events/browser the browsers': endpoints of the events collection.
const CORE_COLLECTIONS: CollectionConfig[] = [
  ContentBlocks,
  Newsletters,
  LandingPages,
  Personas,
  Interests,
  LifecycleStages,
  Regions,
  Conversions,
  Subscribers,
  { ...Events, endpoints: [eventIntakeEndpoint, browserEventsEndpoint] },
  VisitorEvents,
  VisitorMerges,
  { ...withHooks(Products, catalogChanges), endpoints: [feedImportEndpoint] },
  // Outgoing webhooks and their delivery log (issue 21).
  Webhooks,
  WebhookDeliveries,
]

/** The roles on the host's users (access/roles.ts): admins see personal data, editors the marketing profile. */
const roleField: Field = {
  name: 'role',
  type: 'select',
  access: {
    create: ({ req }) => (req.user as { role?: string } | null)?.role === 'admin',
    update: ({ req }) => (req.user as { role?: string } | null)?.role === 'admin',
  },
  defaultValue: 'editor',
  label: translated('kontorwerk-personalization:role'),
  options: ROLES.map((role) => option(role, ROLE_LABELS[role])),
  required: true,
  saveToJWT: true,
}

/**
 * The personalization core as a Payload plugin: content blocks tagged by persona, interest,
 * lifecycle stage, channel and locale; newsletters and landing pages built from slots; personas,
 * interests, stages, subscribers and their events; the engine, MJML rendering and the
 * personalization GraphQL queries. Add it before the other packages: they extend what it defines.
 * Admin texts: translations/ (keys `kontorwerk-personalization:…`), merged into the host's `i18n.translations`.
 *
 * @example plugins: [personalization({ publicUrl: 'https://www.example.com' }), consent(), leadScoring(), segments(), campaigns({ smtp })]
 */
export const personalization =
  (pluginOptions: PersonalizationOptions = {}) =>
  (incoming: Config): Config => {
    const options = resolveOptions(pluginOptions, incoming)
    const collections = incoming.collections ?? []
    const users = collections.find((collection) => collection.slug === options.usersSlug)
    if (!users?.auth)
      throw new PluginConfigError(
        'personalization',
        `no auth collection "${options.usersSlug}" for the staff; add one or set the option usersSlug`,
      )
    if (!collections.some((collection) => collection.slug === options.mediaSlug && collection.upload)) {
      throw new PluginConfigError(
        'personalization',
        `no upload collection "${options.mediaSlug}" for block images; add one or set the option mediaSlug`,
      )
    }
    if (!incoming.editor)
      throw new PluginConfigError(
        'personalization',
        'content blocks need a rich-text editor; add editor: lexicalEditor() (@payloadcms/richtext-lexical) to the config',
      )
    const taken = CORE_COLLECTIONS.find((core) => collections.some((collection) => collection.slug === core.slug))
    if (taken)
      throw new PluginConfigError(
        'personalization',
        `the host already has a collection "${taken.slug}", which this plugin defines`,
      )

    const ecommerce = resolveEcommerce(options.ecommerce)
    if (ecommerce && !collections.some((collection) => collection.slug === ecommerce.ordersSlug))
      throw new PluginConfigError(
        'personalization',
        `no orders collection "${ecommerce.ordersSlug}" (option ecommerce.ordersSlug); add ecommercePlugin({ orders: true }) before personalization() in plugins`,
      )

    const librarySources = new Set(sourceSlugs(LIBRARY_SOURCES, options.mediaSlug))
    const landingPageSources = new Set(sourceSlugs(LANDING_PAGE_SOURCES, options.mediaSlug))
    const withLibrary = (collection: CollectionConfig) => {
      const withBlocks = librarySources.has(collection.slug)
        ? withHooks(collection, invalidatesBlockLibrary)
        : collection
      return landingPageSources.has(collection.slug) ? withHooks(withBlocks, invalidatesLandingPages) : withBlocks
    }
    const host = collections.map((collection) => {
      if (ecommerce && collection.slug === ecommerce.ordersSlug) return withOrderPurchases(collection, ecommerce)
      if (ecommerce && collection.slug === ecommerce.productsSlug) return withCatalogSync(collection, ecommerce)
      if (collection.slug !== options.usersSlug) return withLibrary(collection)
      const hasRole = collection.fields.some((field) => 'name' in field && field.name === 'role')
      // The scopes of integration accounts' API keys (access/apiScopes.ts).
      return { ...collection, fields: [...collection.fields, ...(hasRole ? [] : [roleField]), apiScopesField] }
    })
    const own = CORE_COLLECTIONS.map((collection) =>
      withLibrary({
        ...collection,
        fields: retargetRelations(collection.fields, { media: options.mediaSlug, users: options.usersSlug }),
      }),
    )

    const graphQL = incoming.graphQL ?? {}
    const config: Config = {
      ...incoming,
      collections: [...host, ...own],
      // Erasure of a subscriber is applied in the adapter's deletion of the profile, all or nothing.
      db: withAtomicErasure(incoming.db),
      // Click redirect and open pixel under the API route: no server of the host's own is needed.
      endpoints: [...(incoming.endpoints ?? []), ...trackingEndpoints, ...personalizedReadEndpoints],
      graphQL: {
        ...graphQL,
        mutations: (GraphQL, payload) => ({
          ...graphQL.mutations?.(GraphQL, payload),
          ...eventOperations(GraphQL).mutations,
        }),
        queries: (GraphQL, payload) => ({ ...graphQL.queries?.(GraphQL, payload), ...personalizationQueries(GraphQL) }),
        validationRules: (args) => [...(graphQL.validationRules?.(args) ?? []), personalizationBudget(args)],
      },
      hooks: { ...incoming.hooks, afterError: [...(incoming.hooks?.afterError ?? []), addGraphQLErrorCode] },
      onInit: withStaffOnlyDocumentLocks(incoming.onInit),
      // Scheduled product feeds only where the host names some: no job (and no job type in the schema) otherwise.
      jobs: {
        ...incoming.jobs,
        tasks: [
          ...(incoming.jobs?.tasks ?? []),
          ...(options.productFeeds.length ? [productFeedsTask(options)] : []),
          webhookDeliveryTask(options),
        ],
      },
    }
    return extendPersonalization(personalizationTranslations.mergeInto(config), {
      eventConsumers: [bounceWebhooks],
      options,
      plugins: ['personalization'],
    })
  }

/**
 * Stops the config unless the packages a plugin builds on were added before it, naming what to add:
 * e.g. `campaigns(): add segments() before campaigns() in plugins`.
 */
export function requirePlugins(config: Config, plugin: string, required: string[]): void {
  const installed = installedPlugins(config)
  const missing = required.filter((name) => !installed.includes(name))
  if (missing.length > 0)
    throw new PluginConfigError(
      plugin,
      `add ${missing.map((name) => `${name}()`).join(' and ')} before ${plugin}() in plugins`,
    )
}

/** Stops the config unless the host collection a plugin works on exists, naming the option that chose it. */
export function requireCollection(config: Config, plugin: string, slug: string, option: string): void {
  if (!(config.collections ?? []).some((collection) => collection.slug === slug)) {
    throw new PluginConfigError(
      plugin,
      `there is no collection "${slug}" (option ${option}); add personalization() first, or set ${option} to the collection's slug`,
    )
  }
}

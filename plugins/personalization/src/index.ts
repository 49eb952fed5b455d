// Used by the other packages and the reference app (generated list; keep it sorted by module)
export type { BulkWrite } from './database/bulkWrite'
export type { Channel, Goal } from './domain/channels'
export type { EventConsumer, StoredEvent } from './events/consumers'
export type { FormFields } from './http/requestBody'
export type { LinkSubject } from './security/linkKey'
export type { PersonalDataContributor } from './personalData/contributors'
export type { PersonalDataExport } from './personalData/export'
export type { Behaviour } from './engine/context/behaviour'
export type { NewsletterVersion, RecipientInput, RenderedForRecipient } from './engine/recipientRenderer'
export type { SlotDefinition } from './engine/types'
export type { StageChangeContext } from './collections/hooks/recordStageChange'
export type { TokenPurpose } from './security/subscriberToken'
export { CHANNELS, GOALS, channelOptions } from './domain/channels'
export {
  CONTENT_LOCALES,
  contentLanguageOf,
  type ContentLocale,
  DEFAULT_LOCALE,
  languageChain,
  localesWithin,
  localeOptions,
  READER_LOCALES,
  readerLocaleList,
  readerLocaleOf,
  readerLocaleOptions,
} from './i18n/locales'
export { CodedError } from './errors'
export { ContentBlocks } from './collections/ContentBlocks'
export { CONVERSIONS, Conversions } from './collections/Conversions'
export { DEFAULT_STAGES, STAGE_ORDER_STEP } from './domain/lifecycle'
export {
  engineSettings,
  parseAt,
  personalizedBlocks,
  personalizedNewsletter,
  personalizedRecommendations,
} from './engine/service'
export { EVENTS, Events } from './collections/Events'
export { EVENT_TYPES, eventPropertyNames, SYSTEM_EVENT_TYPES, isEventType } from './events/eventTypes'
export { eventTypeOptions } from './events/eventTypeOptions'
export { Interests } from './collections/Interests'
export { LIBRARY_SOURCES, blockLibrary, invalidateBlockLibrary, invalidatesBlockLibrary } from './engine/blockLibrary'
export { LandingPages } from './collections/LandingPages'
export { LifecycleStages } from './collections/LifecycleStages'
export { Newsletters } from './collections/Newsletters'
export { Personas } from './collections/Personas'
export { REGIONS, Regions } from './collections/Regions'
export { regionFromText } from './utilities/regionFromText'
export {
  ROLES,
  adminOrSelf,
  anyone,
  hasRole,
  isAdmin,
  isAdminField,
  isStaff,
  isStaffRequest,
  mayApprove,
  shownToAdmins,
} from './access/roles'
export type { Role } from './access/roles'
export { Subscribers } from './collections/Subscribers'
export { absoluteUrl, escapeHtml } from './rendering/html'
export { addGraphQLErrorCode } from './graphql/errorCodes'
export { addressFormOptions } from './domain/salutation-data'
export { adminOnlyChanges, signature } from './access/adminOnlyChanges'
export { aloneOnDatabase } from './database/aloneOnDatabase'
export { assemble } from './engine/assembly/assemble'
export { builtOnce, typeHelpers } from './graphql/typeHelpers'
export { claimRows } from './database/claimRows'
export { claimsOf, signSubscriberToken } from './security/subscriberToken'
export { compileNewsletter, newsletterMjml, personalizeNewsletter } from './rendering/email/renderNewsletter'
export { conditionFields } from './fields/condition'
export { rowLabel } from './fields/rowLabels'
export { contextFromSubscriber } from './engine/context/buildContext'
export { readBehaviour } from './engine/context/behaviour'
export { eventOperations } from './events/graphql'
export { exportPersonalData } from './personalData/export'
export { idFromKey, isPossibleId, relationId, relationKey, relationKeys } from './utilities/relation'
export { localized, mergeTranslations, packageTranslations } from './i18n/translations'
export { DATE_FORMATS, germanFirstDates } from './i18n/dateFormats'
export type { ShippedLanguage, TranslatedLabel, TranslatedTexts, TranslationTables } from './i18n/translations'
export { personalizationTranslations } from './translations'
export type { PersonalizationTranslationKey, PersonalizationTranslations } from './translations'
export { mayReadPath } from './access/readablePaths'
export { normalizeEmail } from './domain/email'
export { paragraphsToRichText } from './utilities/richText'
export { perPayloadCache } from './utilities/perPayloadCache'
export { personalDataContributors, withPersonalData } from './personalData/contributors'
export { personalizationBudget } from './graphql/personalizationBudget'
export { personalizationQueries } from './graphql/personalization'
export { postWebhook, webhookUrlProblem } from './security/webhookTargets'
// Outgoing webhooks (issue 21): packages report their events, the core delivers them signed, with retries.
export { emitWebhookEvent, emitWebhookEvents } from './webhooks/emitWebhookEvent'
export { validWebhookSignature, webhookSignature } from './webhooks/signature'
export {
  WEBHOOK_DELIVERIES,
  WEBHOOK_DELIVERY_TASK,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookEventType,
  WEBHOOKS,
} from './webhooks/webhookEvents'
export { problemResponse } from './http/problem'
export { queuedJob } from './jobs/queuedJob'
export { readMjmlFile } from './rendering/email/layouts'
export { readBody } from './http/requestBody'
export { readRows } from './database/bulkRead'
export { CART_EVENT_TYPES, type OpenCart, openCarts } from './products/recommendations/carts'
export { parsed as jsonObject } from './products/recommendations/load'
export { importFeed } from './products/feed/importFeed'
export { recipientRenderer } from './engine/recipientRenderer'
export { recordEvents } from './events/intake'
export { relationsExist, tagRelationship } from './fields/tagRelationship'
export { renderTokens, tokenContext } from './rendering/tokens/liquid'
export { requireIntakeAccess } from './events/access'
export { eventsOfType } from './database/eventsOfType'
export { runSql, runSqlAtomically } from './database/runSql'
export { salutation } from './engine/salutation'
export { PLANNING_TIME_ZONE, sameWallClockIn, timeZoneOf } from './domain/timeZones'
export { serialized } from './events/serialized'
export { sharedCounter } from './security/sharedCounter'
export { signClaims } from './security/signing'
export { singleLine } from './domain/singleLine'
export { slugField } from './utilities/slug'
export { idCastType, sqlTable } from './database/tables'
export { subscriberForLink, subscriberOfClaims } from './security/subscriberForLink'
export { validLiquid } from './fields/validators'
export { withAtomicErasure } from './personalData/erasure'
export { withHeadersOnOneLine } from './email/headerSafety'
export { withLandingPageTokens } from './tracking/landingLinks'
export { withHooks } from './utilities/withHooks'
export { withTracking } from './tracking/links'
export { writeAtomically } from './database/bulkWrite'
export { sql } from './database/sql'
export type { SQL } from './database/sql'
export { LEGACY_LINK_KEY_PREFIX } from './security/linkKey'
export { personalizationToken, personalizedLandingPage } from './engine/service'
export { extendPersonalization, extensionsOf } from './extensions'
export type {
  LeadScores,
  PersonalizationExtensions,
  PredictionMeasure,
  SegmentMembership,
  StoredLeadScore,
} from './extensions'
export { installedPlugins, linkSecrets, personalizationOptions } from './extensions'
export type { Signer } from './security/signing'
export type { EcommerceOptions } from './ecommerce/orderPurchases'
export type { BrowserOptions, PersonalizationOptions, ResolvedPersonalizationOptions } from './types'
// Browser SDK and anonymous visitors (issue 22)
export { BROWSER_EVENT_TYPES } from './events/browserEventTypes'
export { VISITOR_EVENTS } from './collections/VisitorEvents'
export { VISITOR_MERGES } from './collections/VisitorMerges'
export { expireAnonymousVisitors } from './visitors/expire'
export { isVisitorId } from './visitors/visitorId'
export { interestsOfPage } from './visitors/pageUrls'
export { mergeVisitor } from './visitors/merge'
export type { MergeResult, MergeVia } from './visitors/merge'
export { personalization, PluginConfigError, requireCollection, requirePlugins } from './plugin'
export { retargetRelations } from './utilities/retargetRelations'
// Governance (issue 21): the audit log and the roles it works with
export {
  API_SCOPES,
  adminOrScope,
  adminOrScopeField,
  apiScopesField,
  hasApiScope,
  requireStaff,
} from './access/apiScopes'
export type { ApiScope } from './access/apiScopes'
export { AUDIT_LOG, recordAudit, SKIP_AUDIT } from './audit/auditEntry'
export type { AuditAction, AuditEntry } from './audit/auditEntry'
export { auditLog } from './audit/plugin'
export { DEFAULT_AUDITED } from './audit/options'
export type { AuditedResource, AuditLogOptions } from './audit/options'
export { fieldChanges } from './audit/diff'
export type { FieldChange } from './audit/diff'
export { clientAddressKey } from './security/clientAddress'
export { leanPersonalizedReads } from './http/leanReads'
export { invalidatePurchaseModel, purchaseModelOf } from './products/recommendations/load'
export { withDefaults } from './utilities/withDefaults'
export type {
  ContentBlock,
  DocumentId,
  Interest,
  LandingPage,
  LifecycleStage,
  Media,
  Newsletter,
  Persona,
  Slot,
  Subscriber,
} from './documents'

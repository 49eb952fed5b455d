import type { CollectionConfig, Config, Payload } from 'payload'

import {
  extendPersonalization,
  requireCollection,
  requirePlugins,
  withHooks,
  withPersonalData,
} from '@kontorwerk/personalization'

import type { LeadScoringPluginOptions } from './types'

import { LeadScores } from './collections/LeadScores'
import { PurchaseModels } from './collections/PurchaseModels'
import { purchasePredictions } from './collections/PurchasePredictions'
import { ScoreHits } from './collections/ScoreHits'
import { ScoringRules } from './collections/ScoringRules'
import { StageRules } from './collections/StageRules'
import { resolveOptions } from './defaults'
import {
  leadScoreExplanationField,
  listNameFields,
  personaLockedField,
  scoreField,
  SUBSCRIBER_LIST_COLUMNS,
} from './fields/score'
import { ScoringSettings } from './globals/ScoringSettings'
import { leadScoreQueries } from './graphql/leadScore'
import { profileFit } from './hooks/profileFit'
import { scoresPersonalData } from './hooks/scoresPersonalData'
import { implicitInterestsTask } from './jobs/implicitInterests'
import { stageWebhookTask } from './jobs/stageWebhook'
import { predictionField } from './predictions/predictionField'
import { purchaseRefitTask, refitEndpoint } from './predictions/refitTask'
import { leadScoringTranslations } from './translations'
import { leadScoringConsumer } from './utilities/consumer'
import { scoringModel } from './utilities/model'
import { leadScoreReads } from './utilities/scoreReads'

export { leadScore } from './utilities/explain'
export { evaluateStages } from './utilities/stages'
export { PURCHASE_REFIT_TASK, runPurchaseRefit } from './predictions/refitTask'
export { WITH_PREDICTION } from './predictions/predictionField'
export { PURCHASE_MODELS, refitPurchaseModel } from './predictions/purchaseModel'
export { PURCHASE_PREDICTIONS } from './predictions/slugs'
export { purchaseHistories } from './predictions/purchaseHistories'
export { DEFAULT_PREDICTION_OPTIONS } from './predictions/options'
export type { PredictionOptions } from './predictions/options'

/** Collections whose edits change the scoring model held in memory. */
const MODEL_SOURCES = ['personas', 'lifecycle-stages']

/**
 * Lead scoring: rules on a fit and a decaying engagement axis, persona fit, stage thresholds with
 * history and a CRM webhook, and an explanation of every score. Needs personalization() before it.
 * Admin texts: translations/ (keys `kontorwerk-lead-scoring:…`), merged into the host's `i18n.translations`.
 */
export const leadScoring =
  (pluginOptions: LeadScoringPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const predictions = { ...options.predictions, subscribersSlug: options.subscribersSlug }
    requirePlugins(config, 'leadScoring', ['personalization'])
    requireCollection(config, 'leadScoring', options.subscribersSlug, 'subscribersSlug')
    const collections = (config.collections ?? []).map((collection): CollectionConfig => {
      if (collection.slug === options.subscribersSlug) {
        return withPersonalData(
          {
            ...collection,
            admin: { ...collection.admin, defaultColumns: SUBSCRIBER_LIST_COLUMNS },
            fields: [
              ...collection.fields,
              personaLockedField,
              scoreField,
              leadScoreExplanationField,
              predictionField(predictions.horizonDays),
              ...listNameFields,
            ],
            hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), profileFit] },
          },
          scoresPersonalData,
        )
      }
      return MODEL_SOURCES.includes(collection.slug) ? withHooks(collection, scoringModel.hooks) : collection
    })
    const graphQL = config.graphQL ?? {}
    return {
      ...leadScoringTranslations.mergeInto(config),
      collections: [
        ...collections,
        withHooks(ScoringRules, scoringModel.hooks),
        withHooks(StageRules, scoringModel.hooks),
        ScoreHits,
        { ...LeadScores, custom: { leadScoringOptions: options } },
        { ...PurchaseModels, endpoints: [refitEndpoint(predictions)] },
        purchasePredictions(options.subscribersSlug),
      ],
      custom: extendPersonalization(config, {
        plugins: ['leadScoring'],
        eventConsumers: options.enabled ? [leadScoringConsumer] : [],
        // The engine decays implicit interests, and segments engagement, with the half-lives set here.
        halfLives: {
          engagementDays: async (payload: Payload) => (await scoringModel.get(payload)).settings.halfLifeDays,
          implicitInterestDays: async (payload: Payload) =>
            (await scoringModel.get(payload)).settings.interestHalfLifeDays,
        },
        // Segments select by scores without knowing where they are stored.
        leadScores: leadScoreReads,
      }).custom,
      globals: [
        ...(config.globals ?? []),
        { ...ScoringSettings, hooks: { afterChange: [({ req }) => scoringModel.invalidate(req.payload)] } },
      ],
      graphQL: {
        ...graphQL,
        queries: (GraphQL, payload) => ({ ...graphQL.queries?.(GraphQL, payload), ...leadScoreQueries(GraphQL) }),
      },
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), stageWebhookTask, implicitInterestsTask, purchaseRefitTask(predictions)],
      },
    }
  }

// The contract with the other packages and the reference app
export { STAGE_WEBHOOK_TASK } from './jobs/stageWebhook'
// Replays all stored events after a rule or half-life change (resumable); the host runs it from a script or job.
export { recomputeScores } from './utilities/recompute'
export { leadScoringTranslations } from './translations'
export type { LeadScoringTranslationKey, LeadScoringTranslations } from './translations'

import type { CollectionConfig, Config, Payload } from 'payload'

import type { LeadScoringPluginOptions } from './types'

import { withPersonalData } from '../../src/personalData/contributors'
import { withHooks } from '../../src/utilities/withHooks'
import { registerEventConsumer } from '../../src/events/consumers'
import { LeadScores } from './collections/LeadScores'
import { ScoreHits } from './collections/ScoreHits'
import { ScoringRules } from './collections/ScoringRules'
import { StageRules } from './collections/StageRules'
import { leadScoreExplanationField, personaLockedField, scoreField } from './fields/score'
import { ScoringSettings } from './globals/ScoringSettings'
import { leadScoreQueries } from './graphql/leadScore'
import { scoresPersonalData } from './hooks/scoresPersonalData'
import { profileFit } from './hooks/profileFit'
import { implicitInterestsTask } from './jobs/implicitInterests'
import { stageWebhookTask } from './jobs/stageWebhook'
import { leadScoringConsumer } from './utilities/consumer'
import { scoringModel } from './utilities/model'

export { leadScore } from './utilities/explain'
export { evaluateStages } from './utilities/stages'

/** Collections whose edits change the scoring model held in memory. */
const MODEL_SOURCES = ['personas', 'lifecycle-stages']

/**
 * Lead scoring (spec §4): rules on a fit and a decaying engagement axis, persona fit, stage
 * thresholds with history and a CRM webhook, and an explanation of every score.
 */
export const leadScoringPlugin =
  ({ enabled = true }: LeadScoringPluginOptions = {}) =>
  (config: Config): Config => {
    const collections = (config.collections ?? []).map((collection): CollectionConfig => {
      if (collection.slug === 'subscribers') {
        return withPersonalData(
          {
            ...collection,
            fields: [...collection.fields, personaLockedField, scoreField, leadScoreExplanationField],
            hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), profileFit] },
          },
          scoresPersonalData,
        )
      }
      return MODEL_SOURCES.includes(collection.slug) ? withHooks(collection, scoringModel.hooks) : collection
    })
    const graphQL = config.graphQL ?? {}
    return {
      ...config,
      collections: [...collections, withHooks(ScoringRules, scoringModel.hooks), withHooks(StageRules, scoringModel.hooks), ScoreHits, LeadScores],
      custom: {
        ...config.custom,
        // The engine decays implicit interests with the half-life set here.
        implicitInterestHalfLifeDays: async (payload: Payload) => (await scoringModel.get(payload)).settings.interestHalfLifeDays,
        // Segments compare engagement decayed the same way.
        engagementHalfLifeDays: async (payload: Payload) => (await scoringModel.get(payload)).settings.halfLifeDays,
        eventConsumers: registerEventConsumer(config.custom?.eventConsumers, enabled ? leadScoringConsumer : null),
      },
      globals: [...(config.globals ?? []), { ...ScoringSettings, hooks: { afterChange: [({ req }) => scoringModel.invalidate(req.payload)] } }],
      graphQL: {
        ...graphQL,
        queries: (GraphQL, payload) => ({ ...graphQL.queries?.(GraphQL, payload), ...leadScoreQueries(GraphQL) }),
      },
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), stageWebhookTask, implicitInterestsTask] },
    }
  }

import type * as GraphQLModule from 'graphql'
import type { PayloadRequest } from 'payload'

import { builtOnce, CodedError, hasRole, isPossibleId, typeHelpers } from '@kontorwerk/personalization'

import { leadScore } from '../utilities/explain'

type Context = { req: PayloadRequest }

/** `leadScore(subscriber)`: the score and every reason behind it, for admins and their API keys. */

export const leadScoreQueries = builtOnce((GraphQL: typeof GraphQLModule) => {
  const { GraphQLFloat, GraphQLID, GraphQLInt, GraphQLObjectType, GraphQLString } = GraphQL
  const { list, nonNull } = typeHelpers(GraphQL)
  const Hit = new GraphQLObjectType({
    fields: {
      axis: { type: nonNull(GraphQLString) },
      decayedPoints: {
        description: 'Points left today (engagement decays, fit does not)',
        type: nonNull(GraphQLFloat),
      },
      eventId: { type: GraphQLString },
      eventType: { type: GraphQLString },
      occurredAt: { type: nonNull(GraphQLString) },
      points: { type: nonNull(GraphQLFloat) },
      rule: { type: nonNull(GraphQLString) },
      ruleName: { type: nonNull(GraphQLString) },
    },
    name: 'LeadScoreHit',
  })
  const AttributeRule = new GraphQLObjectType({
    fields: {
      name: { type: nonNull(GraphQLString) },
      points: { type: nonNull(GraphQLFloat) },
      rule: { type: nonNull(GraphQLString) },
    },
    name: 'LeadScoreAttributeRule',
  })
  const PersonaFit = new GraphQLObjectType({
    fields: { fit: { type: nonNull(GraphQLInt) }, persona: { type: nonNull(GraphQLID) } },
    name: 'LeadScorePersonaFit',
  })
  const StageChange = new GraphQLObjectType({
    fields: {
      changedAt: { type: GraphQLString },
      reason: { type: GraphQLString },
      source: { type: GraphQLString },
      stage: { type: GraphQLString },
    },
    name: 'LeadScoreStageChange',
  })
  const LeadScore = new GraphQLObjectType({
    fields: {
      attributeRules: { type: list(AttributeRule) },
      daysWithoutEngagement: { type: nonNull(GraphQLInt) },
      engagement: { type: nonNull(GraphQLFloat) },
      fit: { type: nonNull(GraphQLFloat) },
      halfLifeDays: { type: nonNull(GraphQLFloat) },
      hits: { type: list(Hit) },
      lastEngagedAt: { type: GraphQLString },
      personaFits: { type: list(PersonaFit) },
      primaryPersona: { type: GraphQLID },
      stage: { type: GraphQLString },
      stageHistory: { type: list(StageChange) },
      subscriber: { type: nonNull(GraphQLID) },
      total: { type: nonNull(GraphQLFloat) },
    },
    name: 'LeadScoreExplanation',
  })
  return {
    leadScore: {
      args: {
        at: { description: 'ISO time to read the decayed score at; default now', type: GraphQLString },
        subscriber: { type: nonNull(GraphQLID) },
      },
      resolve: async (_: unknown, args: { at?: string; subscriber: string }, { req }: Context) => {
        if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key')
        if (!hasRole(req, 'admin')) throw new CodedError('FORBIDDEN', 'Lead scores are personal data: admins only')
        const at = args.at ? new Date(args.at) : new Date()
        if (Number.isNaN(at.getTime())) throw new CodedError('BAD_USER_INPUT', 'at must be an ISO 8601 time')
        const score = isPossibleId(req.payload, String(args.subscriber))
          ? await leadScore(req.payload, args.subscriber, at)
          : null
        if (!score) throw new CodedError('NOT_FOUND', `No subscriber ${args.subscriber}`)
        return score
      },
      type: nonNull(LeadScore),
    },
  }
})

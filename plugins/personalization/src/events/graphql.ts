import type * as GraphQLModule from 'graphql'
import type { PayloadRequest } from 'payload'

import { GraphQLJSONObject } from '@payloadcms/graphql/types'

import { CodedError } from '../errors'
import { builtOnce, typeHelpers } from '../graphql/typeHelpers'
import { intakeAnswersDiscreetly, requireIntakeAccess } from './access'
import { BatchTooLargeError, recordEvents } from './intake'

type Context = { req: PayloadRequest }

/** `recordEvents` for frontends and integrations: the same intake, the same answers as POST /api/events. */
export const eventOperations = builtOnce((GraphQL: typeof GraphQLModule) => {
  const { GraphQLBoolean, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLObjectType, GraphQLString } = GraphQL
  const { list, nonNull } = typeHelpers(GraphQL)
  const EventInput = new GraphQLInputObjectType({
    fields: {
      email: { type: GraphQLString },
      id: { description: 'Client-chosen event id; a retry with the same id counts once', type: nonNull(GraphQLString) },
      occurredAt: { description: 'ISO 8601; default now', type: GraphQLString },
      properties: { type: GraphQLJSONObject as unknown as GraphQLModule.GraphQLInputType },
      subscriber: { type: GraphQLID },
      type: { type: nonNull(GraphQLString) },
    },
    name: 'EventInput',
  })
  const EventError = new GraphQLObjectType({
    fields: {
      code: { type: nonNull(GraphQLString) },
      field: { type: GraphQLString },
      message: { type: nonNull(GraphQLString) },
    },
    name: 'EventError',
  })
  const EventResult = new GraphQLObjectType({
    fields: {
      error: { type: EventError },
      id: { type: GraphQLString },
      index: { type: nonNull(GraphQLInt) },
      reason: { type: GraphQLString },
      status: { description: 'accepted, duplicate, skipped, rejected or not_applied', type: nonNull(GraphQLString) },
    },
    name: 'EventResult',
  })
  const IntakeResult = new GraphQLObjectType({
    fields: {
      accepted: { type: nonNull(GraphQLInt) },
      duplicates: { type: nonNull(GraphQLInt) },
      rejected: { type: nonNull(GraphQLInt) },
      results: { type: list(EventResult) },
      skipped: { type: nonNull(GraphQLInt) },
    },
    name: 'EventIntakeResult',
  })
  return {
    mutations: {
      recordEvents: {
        args: { events: { type: list(EventInput) }, partial: { type: GraphQLBoolean } },
        resolve: async (_: unknown, args: { events: unknown[]; partial?: boolean }, { req }: Context) => {
          requireIntakeAccess(req)
          try {
            const result = await recordEvents(req.payload, args.events, {
              discreet: intakeAnswersDiscreetly(req),
              partial: args.partial ?? false,
              source: 'api',
            })
            if (result.rejected > 0 && !args.partial) {
              // Nothing was stored: an error, with every event's problem in the extensions.
              throw new CodedError(
                'BAD_USER_INPUT',
                `${result.rejected} of ${args.events.length} events are invalid; nothing was stored`,
                { results: result.results },
              )
            }
            return result
          } catch (error) {
            if (error instanceof BatchTooLargeError) throw new CodedError('BAD_USER_INPUT', error.message)
            throw error
          }
        },
        type: nonNull(IntakeResult),
      },
    },
  }
})

import type * as GraphQLModule from 'graphql'
import type { PayloadRequest } from 'payload'

import { builtOnce, CodedError, typeHelpers } from '@kontorwerk/personalization'

import { campaignReport } from '../reporting/campaignReport'
import { type CampaignAction, campaignAction } from '../utilities/actions'

type Context = { req: PayloadRequest }

/** Campaign actions and reports for staff (editors and API keys), with coded errors. */
export const campaignOperations = builtOnce((GraphQL: typeof GraphQLModule) => {
  const { GraphQLFloat, GraphQLID, GraphQLInt, GraphQLObjectType, GraphQLString } = GraphQL
  const { list, nonNull } = typeHelpers(GraphQL)
  const countFields = Object.fromEntries(
    [
      'bounced',
      'cancelled',
      'clicks',
      'conversions',
      'delivered',
      'failed',
      'opens',
      'pending',
      'recipients',
      'sent',
      'skipped',
      'uniqueClicks',
      'uniqueOpens',
      'unsubscribes',
    ].map((name) => [name, { type: nonNull(GraphQLInt) }]),
  )
  const clickRate = { description: 'Unique clicks per sent message (0–1)', type: nonNull(GraphQLFloat) }
  const Variant = new GraphQLObjectType({
    fields: { ...countFields, clickRate, variant: { type: nonNull(GraphQLString) } },
    name: 'CampaignVariantReport',
  })
  const Block = new GraphQLObjectType({
    fields: {
      block: { type: nonNull(GraphQLID) },
      clicks: { type: nonNull(GraphQLInt) },
      uniqueClicks: { type: nonNull(GraphQLInt) },
    },
    name: 'CampaignBlockReport',
  })
  const Skip = new GraphQLObjectType({
    fields: { count: { type: nonNull(GraphQLInt) }, reason: { type: nonNull(GraphQLString) } },
    name: 'CampaignSkipReason',
  })
  const Report = new GraphQLObjectType({
    fields: {
      ...countFields,
      blocks: { type: list(Block) },
      campaign: { type: nonNull(GraphQLID) },
      clickRate,
      name: { type: nonNull(GraphQLString) },
      skippedBy: { type: list(Skip) },
      status: { type: nonNull(GraphQLString) },
      statusReason: { type: GraphQLString },
      variants: { type: list(Variant) },
    },
    name: 'CampaignReport',
  })
  const State = new GraphQLObjectType({
    fields: {
      id: { type: nonNull(GraphQLID) },
      sendAt: { type: GraphQLString },
      status: { type: nonNull(GraphQLString) },
      statusReason: { type: GraphQLString },
    },
    name: 'CampaignState',
  })
  const mutation = (action: CampaignAction, description: string, extraArgs = {}) => ({
    args: { id: { type: nonNull(GraphQLID) }, ...extraArgs },
    description,
    resolve: (_: unknown, args: { id: string; sendAt?: string }, { req }: Context) =>
      campaignAction(req, args.id, action, { sendAt: args.sendAt }),
    type: nonNull(State),
  })
  return {
    mutations: {
      cancelCampaign: mutation('cancel', 'Stops a campaign for good; recipients not reached yet are marked cancelled.'),
      pauseCampaign: mutation('pause', 'Pauses a scheduled or sending campaign (within one batch).'),
      resumeCampaign: mutation('resume', 'Continues a paused campaign where it stopped.'),
      scheduleCampaign: mutation('schedule', 'Checks a draft and schedules it (now, or at sendAt).', {
        sendAt: { description: "ISO time; default the campaign's own, else now", type: GraphQLString },
      }),
    },
    queries: {
      campaignReport: {
        args: { id: { type: nonNull(GraphQLID) } },
        resolve: (_: unknown, args: { id: string }, { req }: Context) => {
          if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key')
          return campaignReport(req.payload, args.id, req)
        },
        type: nonNull(Report),
      },
    },
  }
})

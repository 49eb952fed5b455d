import type * as GraphQLModule from 'graphql'
import type { PayloadRequest } from 'payload'

import { builtOnce, CodedError, requireStaff, typeHelpers } from '@kontorwerk/personalization'

import { approveCampaign } from '../approval/approve'
import { campaignReport } from '../reporting/campaignReport'
import { type CampaignAction, campaignAction } from '../utilities/actions'

type Context = { req: PayloadRequest }

/** Campaign actions and reports for staff (editors and API keys), with coded errors. */
export const campaignOperations = builtOnce((GraphQL: typeof GraphQLModule) => {
  const {
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLID,
    GraphQLInputObjectType,
    GraphQLInt,
    GraphQLList,
    GraphQLObjectType,
    GraphQLString,
  } = GraphQL
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
      'unconfirmed',
      'unsubscribes',
    ].map((name) => [name, { type: nonNull(GraphQLInt) }]),
  )
  const clickRate = { description: 'Unique clicks per sent message (0–1)', type: nonNull(GraphQLFloat) }
  // Revenue (issue 18): per currency, never converted.
  const Money = new GraphQLObjectType({
    fields: {
      amount: { type: nonNull(GraphQLFloat) },
      currency: { type: nonNull(GraphQLString) },
      purchases: { type: nonNull(GraphQLInt) },
    },
    name: 'CampaignRevenue',
  })
  const revenue = { description: 'Purchases attributed by last tracked click, per currency', type: list(Money) }
  const ProductRevenue = new GraphQLObjectType({
    fields: { product: { type: nonNull(GraphQLString) }, revenue },
    name: 'CampaignProductRevenue',
  })
  const money = { type: nonNull(GraphQLFloat) }
  const Incremental = new GraphQLObjectType({
    description: 'What the mails added against the holdout, per currency, with a 95 % interval',
    fields: {
      ...Object.fromEntries(
        ['high', 'holdoutMean', 'low', 'perRecipient', 'recipientsMean', 'total', 'totalHigh', 'totalLow'].map(
          (name) => [name, money],
        ),
      ),
      currency: { type: nonNull(GraphQLString) },
      holdout: { type: nonNull(GraphQLInt) },
      recipients: { type: nonNull(GraphQLInt) },
      significant: { type: nonNull(GraphQLBoolean) },
    },
    name: 'CampaignIncrementalRevenue',
  })
  // Issue 18: an automation as a whole against its holdout; `revenue` null when there is none to compare with.
  const AutomationHoldout = new GraphQLObjectType({
    description: "A step campaign's automation against the automation's holdout (control group)",
    fields: {
      automation: { type: nonNull(GraphQLID) },
      holdout: { description: 'Enrolled subscribers in the holdout (no mail)', type: nonNull(GraphQLInt) },
      holdoutPercent: { description: 'The share set now (0–50)', type: nonNull(GraphQLFloat) },
      name: { type: nonNull(GraphQLString) },
      revenue: {
        description:
          'Per currency: revenue per enrolled subscriber of each group (recipientsMean: treated) and the difference; null without a holdout',
        type: new GraphQLList(nonNull(Incremental)),
      },
      treated: { description: "Enrolled subscribers who get the automation's mails", type: nonNull(GraphQLInt) },
      windowDays: { description: 'Purchases count this many days after enrolment', type: nonNull(GraphQLInt) },
    },
    name: 'CampaignAutomationHoldout',
  })
  const Share = new GraphQLObjectType({
    fields: { all: money, attributed: money, currency: { type: nonNull(GraphQLString) }, share: money },
    name: 'CampaignRevenueShare',
  })
  const Variant = new GraphQLObjectType({
    fields: { ...countFields, clickRate, revenue, variant: { type: nonNull(GraphQLString) } },
    name: 'CampaignVariantReport',
  })
  const Block = new GraphQLObjectType({
    fields: {
      block: { type: nonNull(GraphQLID) },
      clicks: { type: nonNull(GraphQLInt) },
      revenue,
      uniqueClicks: { type: nonNull(GraphQLInt) },
    },
    name: 'CampaignBlockReport',
  })
  const Skip = new GraphQLObjectType({
    fields: { count: { type: nonNull(GraphQLInt) }, reason: { type: nonNull(GraphQLString) } },
    name: 'CampaignSkipReason',
  })
  // A/B decided honestly (issue 18): the stored decision or where the running test stands.
  const AbTest = new GraphQLObjectType({
    description: 'Where the A/B test stands: decided (which variant the rest got, and why) or running',
    fields: {
      checks: { description: 'Checks made so far', type: nonNull(GraphQLInt) },
      confidence: { description: '1 − pValue at the last check (0–1)', type: GraphQLFloat },
      control: { description: 'The first variant', type: nonNull(GraphQLString) },
      decidedAt: { type: GraphQLString },
      latestAt: {
        description: 'The last check: then the rest gets a variant whatever the test says',
        type: GraphQLString,
      },
      leader: { description: 'The variant with the best rate at the last check', type: GraphQLString },
      method: { description: 'two_proportion_z_bonferroni', type: GraphQLString },
      metric: { type: nonNull(GraphQLString) },
      nextCheckAt: { type: GraphQLString },
      noWinnerSends: { description: 'control or leader', type: nonNull(GraphQLString) },
      outcome: {
        description: 'winner, control or leader (why `sent` was sent); null while running',
        type: GraphQLString,
      },
      plannedChecks: { type: nonNull(GraphQLInt) },
      pValue: {
        description: 'Two-sided, Bonferroni-corrected for the comparisons and the checks; null with too few successes',
        type: GraphQLFloat,
      },
      reason: { description: 'significant, not_significant or sample_too_small', type: GraphQLString },
      sent: { description: 'The variant the rest got; null while the test runs', type: GraphQLString },
      significant: { type: nonNull(GraphQLBoolean) },
    },
    name: 'CampaignAbTest',
  })
  const Report = new GraphQLObjectType({
    fields: {
      ...countFields,
      abTest: { type: AbTest },
      automationHoldout: { type: AutomationHoldout },
      blocks: { type: list(Block) },
      campaign: { type: nonNull(GraphQLID) },
      clickRate,
      name: { type: nonNull(GraphQLString) },
      revenue,
      incrementalRevenue: { type: list(Incremental) },
      revenueByProduct: { type: list(ProductRevenue) },
      revenueShare: { type: list(Share) },
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
  const Confirmation = new GraphQLInputObjectType({
    fields: { recipients: { type: nonNull(GraphQLInt) }, typed: { type: GraphQLString } },
    name: 'CampaignSendConfirmation',
  })
  const mutation = (action: CampaignAction, description: string, extraArgs = {}) => ({
    args: { id: { type: nonNull(GraphQLID) }, ...extraArgs },
    description,
    resolve: (_: unknown, args: { confirmation?: unknown; id: string; sendAt?: string }, { req }: Context) =>
      campaignAction(req, args.id, action, { confirmation: args.confirmation ?? undefined, sendAt: args.sendAt }),
    type: nonNull(State),
  })
  return {
    mutations: {
      approveCampaign: {
        args: {
          confirmation: { description: 'The recipient count the approver saw (send-plan)', type: Confirmation },
          id: { type: nonNull(GraphQLID) },
        },
        description:
          'A second person (approver role, not the last editor) approves a large send, for the recipient count confirmed.',
        resolve: (_: unknown, args: { confirmation?: unknown; id: string }, { req }: Context) =>
          approveCampaign(req, args.id, args.confirmation ?? undefined),
        type: nonNull(State),
      },
      cancelCampaign: mutation('cancel', 'Stops a campaign for good; recipients not reached yet are marked cancelled.'),
      pauseCampaign: mutation('pause', 'Pauses a scheduled or sending campaign (within one batch).'),
      resumeCampaign: mutation(
        'resume',
        'Continues a paused campaign where it stopped; one paused before it started needs the confirmation again (its audience may have changed).',
        { confirmation: { description: 'As for scheduleCampaign', type: Confirmation } },
      ),
      scheduleCampaign: mutation(
        'schedule',
        'Checks a draft and schedules it (now, or at sendAt), once the recipient count is confirmed (see confirmation).',
        {
          confirmation: {
            description:
              'The recipient count the caller showed (GET /api/campaigns/:id/send-plan) and, from typedConfirmationFrom recipients on, the typed count or campaign name',
            type: Confirmation,
          },
          sendAt: { description: "ISO time; default the campaign's own, else now", type: GraphQLString },
        },
      ),
    },
    queries: {
      campaignReport: {
        args: { id: { type: nonNull(GraphQLID) } },
        resolve: (_: unknown, args: { id: string }, { req }: Context) => {
          requireStaff(req, 'reports')
          return campaignReport(req.payload, args.id, req, { revenueAnalysis: true })
        },
        type: nonNull(Report),
      },
    },
  }
})

import type * as GraphQLModule from 'graphql'
import type { GraphQLInfo, PayloadRequest } from 'payload'

import type { Reason } from '../engine/types'

import { reasonLabelsFor } from '../engine/explanation/reasonLabels'
import { reasonStatements } from '../engine/explanation/reasonStatements'
import { explanationLanguage, reasonText } from '../engine/explanation/reasonText'
import {
  personalizedBlocks,
  personalizedLandingPage,
  personalizedNewsletter,
  personalizedRecommendations,
} from '../engine/service'
import { spendAnonymousAllowance } from './anonymousPersonalizationLimit'
import { typeHelpers } from './typeHelpers'

type GraphQL = typeof GraphQLModule
type Context = { req: PayloadRequest }

/** The personalization queries, added to Payload's own GraphQL schema. */
export function personalizationQueries(GraphQL: GraphQL): Record<string, unknown> {
  const {
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInputObjectType,
    GraphQLInt,
    GraphQLList,
    GraphQLObjectType,
    GraphQLString,
  } = GraphQL
  const { list, nonNull } = typeHelpers(GraphQL)

  const InterestWeight = new GraphQLInputObjectType({
    fields: {
      interest: { description: 'Interest slug', type: nonNull(GraphQLString) },
      weight: { description: '0–1, default 1', type: GraphQLFloat },
    },
    name: 'PersonalizationInterestInput',
  })
  const ContextInput = new GraphQLInputObjectType({
    description: 'An anonymous visitor: slugs and keys as a frontend knows them',
    fields: {
      interests: { type: new GraphQLList(nonNull(InterestWeight)) },
      locale: {
        description: 'A language, or a language with region (de-AT, en-GB), falling back along de-AT → de → default',
        type: GraphQLString,
      },
      persona: { description: 'Persona slug', type: GraphQLString },
      region: {
        description: 'ISO 3166 code (AT, DE-BY): a region of the regions collection or a subdivision of one',
        type: GraphQLString,
      },
      stage: { description: 'Lifecycle stage key', type: GraphQLString },
    },
    name: 'PersonalizationContextInput',
  })
  const Components = new GraphQLObjectType({
    fields: Object.fromEntries(
      ['interest', 'persona', 'stage', 'priority', 'freshness'].map((name) => [name, { type: nonNull(GraphQLFloat) }]),
    ),
    name: 'PersonalizationScoreComponents',
  })
  const Exclusion = new GraphQLObjectType({
    fields: { count: { type: nonNull(GraphQLInt) }, rule: { type: nonNull(GraphQLString) } },
    name: 'PersonalizationExclusion',
  })
  const Replaced = new GraphQLObjectType({
    description: 'The fallback or pinned block that gave way, and the rule that removed it',
    fields: {
      block: { description: 'Block id', type: nonNull(GraphQLID) },
      rule: { description: 'e.g. guard_acquisition_for_customer, locale', type: nonNull(GraphQLString) },
      title: { type: nonNull(GraphQLString) },
    },
    name: 'PersonalizationReplacedBlock',
  })
  const ExplanationLanguage = new GraphQLEnumType({
    name: 'PersonalizationExplanationLanguage',
    values: { de: { value: 'de' }, en: { value: 'en' } },
  })
  const ReasonType = new GraphQLObjectType<Reason, Context>({
    fields: {
      components: { type: Components },
      excluded: {
        resolve: (reason) => Object.entries(reason.excluded ?? {}).map(([rule, count]) => ({ count, rule })),
        type: list(Exclusion),
      },
      explanation: {
        args: {
          language: {
            description: "The language of the sentence; default: the request's admin language (German without one)",
            type: ExplanationLanguage,
          },
        },
        description:
          'The reason as a sentence for people: in the admin language, with its number format and display names (interest and persona names, stage and region labels, rules in words). Read the other fields to act on a reason.',
        resolve: async (reason, args: { language?: null | string }, { req }) => {
          const language = explanationLanguage(args.language ?? req.i18n?.language)
          return reasonText(reasonStatements(reason), { labels: await reasonLabelsFor(req, language), language })
        },
        type: nonNull(GraphQLString),
      },
      kind: { description: 'ranked, fallback or pinned', type: nonNull(GraphQLString) },
      localeFallback: {
        deprecationReason: 'A document is in one language; always false',
        type: nonNull(GraphQLBoolean),
      },
      matchedInterests: {
        description: 'Slugs of the interests that matched (a parent counts half)',
        type: list(GraphQLString),
      },
      matchedPersona: { description: 'Persona slug', type: GraphQLString },
      matchedRegion: { description: "The block's region the reader lies in", type: GraphQLString },
      matchedStage: { type: GraphQLString },
      replaced: { type: Replaced },
      score: { type: nonNull(GraphQLFloat) },
    },
    name: 'PersonalizationReason',
  })
  const Image = new GraphQLObjectType({
    fields: {
      alt: { type: nonNull(GraphQLString) },
      height: { type: GraphQLInt },
      url: { description: '600 px, for email', type: nonNull(GraphQLString) },
      url2x: { description: '1200 px', type: nonNull(GraphQLString) },
      webUrl: { description: 'WebP for the web', type: nonNull(GraphQLString) },
      width: { type: GraphQLInt },
    },
    name: 'PersonalizedImage',
  })
  const Cta = new GraphQLObjectType({
    fields: { label: { type: nonNull(GraphQLString) }, url: { type: nonNull(GraphQLString) } },
    name: 'PersonalizedCta',
  })
  const Block = new GraphQLObjectType({
    fields: {
      bodyHtml: { type: nonNull(GraphQLString) },
      bodyText: { type: nonNull(GraphQLString) },
      cta: { type: Cta },
      html: { description: 'The block rendered as an HTML fragment', type: nonNull(GraphQLString) },
      id: { type: nonNull(GraphQLID) },
      image: { type: Image },
      reason: { type: nonNull(ReasonType) },
      title: { type: nonNull(GraphQLString) },
    },
    name: 'PersonalizedBlock',
  })
  const Slot = new GraphQLObjectType({
    fields: {
      blocks: { type: list(Block) },
      key: { type: nonNull(GraphQLString) },
      label: { type: nonNull(GraphQLString) },
    },
    name: 'PersonalizedSlot',
  })
  const ProductReason = new GraphQLObjectType({
    description: 'Why the product is recommended: a code, its values where it has them, and the sentence',
    fields: {
      code: {
        description: 'personal, promoted, also_bought, trending, recently_viewed or in_cart',
        type: nonNull(GraphQLString),
      },
      count: { description: 'trending: purchases in the window', type: GraphQLInt },
      days: { description: 'trending: the window in days', type: GraphQLInt },
      lift: { description: 'also_bought: how much more often than chance', type: GraphQLFloat },
      product: { description: 'also_bought: the SKU the reader bought', type: GraphQLString },
      support: { description: 'also_bought: customers who bought both', type: GraphQLInt },
      text: {
        description: 'The reason in words (the admin language; German by default)',
        type: nonNull(GraphQLString),
      },
      viewedAt: { description: 'recently_viewed: the last view', type: GraphQLString },
    },
    name: 'RecommendedProductReason',
  })
  const ProductImage = new GraphQLObjectType({
    fields: {
      alt: { type: nonNull(GraphQLString) },
      url: { type: nonNull(GraphQLString) },
      width: { type: GraphQLInt },
    },
    name: 'RecommendedProductImage',
  })
  const RecommendedProduct = new GraphQLObjectType({
    fields: {
      currency: { type: nonNull(GraphQLString) },
      image: { type: ProductImage },
      name: { type: nonNull(GraphQLString) },
      price: { type: nonNull(GraphQLFloat) },
      priceFormatted: { description: "The price as the reader's locale writes it", type: nonNull(GraphQLString) },
      reason: { type: nonNull(ProductReason) },
      sku: { type: nonNull(GraphQLString) },
      url: { type: GraphQLString },
    },
    name: 'RecommendedProduct',
  })
  const Recommendation = new GraphQLObjectType({
    description: 'A product recommendation slot of the document, filled for the reader',
    fields: {
      heading: { type: nonNull(GraphQLString) },
      key: { type: nonNull(GraphQLString) },
      products: { type: list(RecommendedProduct) },
      strategy: { type: nonNull(GraphQLString) },
    },
    name: 'PersonalizedRecommendation',
  })
  const Newsletter = new GraphQLObjectType({
    fields: {
      html: { type: nonNull(GraphQLString) },
      locale: { description: 'The one language the whole newsletter is in (de, en)', type: nonNull(GraphQLString) },
      preheader: { type: nonNull(GraphQLString) },
      recommendations: { type: list(Recommendation) },
      slots: { type: list(Slot) },
      subject: { type: nonNull(GraphQLString) },
      text: { type: nonNull(GraphQLString) },
    },
    name: 'PersonalizedNewsletter',
  })
  const LandingPage = new GraphQLObjectType({
    fields: {
      headline: { type: nonNull(GraphQLString) },
      html: { description: 'The whole page as an HTML document', type: nonNull(GraphQLString) },
      locale: { description: 'The one language the whole page is in (de, en)', type: nonNull(GraphQLString) },
      noIndex: { type: nonNull(GraphQLBoolean) },
      recommendations: { type: list(Recommendation) },
      sections: { type: list(Slot) },
      seoDescription: { type: GraphQLString },
      seoTitle: { type: nonNull(GraphQLString) },
      slug: { type: nonNull(GraphQLString) },
      subline: { type: GraphQLString },
      title: { type: nonNull(GraphQLString) },
    },
    name: 'PersonalizedLandingPage',
  })
  const BlockFilter = new GraphQLInputObjectType({
    fields: {
      channel: { type: nonNull(GraphQLString) },
      goals: { type: new GraphQLList(nonNull(GraphQLString)) },
      interests: { description: 'Interest slugs (sub-topics included)', type: new GraphQLList(nonNull(GraphQLString)) },
      match: {
        description:
          "all (default: every tag must fit) or interestsOrRegion (one of the reader's interests or their region)",
        type: GraphQLString,
      },
      segments: {
        description:
          'Segment ids: only their members get ranked blocks, everyone else (and anonymous readers) the generic fallback',
        type: new GraphQLList(nonNull(GraphQLID)),
      },
      strategy: { description: 'relevance (default), priority or freshness', type: GraphQLString },
    },
    name: 'PersonalizedBlockFilterInput',
  })

  const RecommendationFilter = new GraphQLInputObjectType({
    fields: {
      categories: {
        description: 'Interest slugs (sub-topics included)',
        type: new GraphQLList(nonNull(GraphQLString)),
      },
      strategy: { description: 'personal, alsoBought, trending, recentlyViewed or cart', type: nonNull(GraphQLString) },
    },
    name: 'PersonalizedRecommendationFilterInput',
  })

  const readerArgs = {
    at: { description: 'Render time (ISO 8601), default now', type: GraphQLString },
    context: { type: ContextInput },
    subscriber: { description: 'Subscriber id (admin login or API key)', type: GraphQLID },
    token: { description: 'Signed subscriber token from an email link', type: GraphQLString },
    visitor: {
      description:
        "An anonymous visitor's id from the browser SDK (after tracking consent): their page views and clicks add interests",
      type: GraphQLString,
    },
  }
  type Args = Record<string, never>
  const resolver =
    <A>(run: (req: PayloadRequest, args: A) => unknown) =>
    async (_: unknown, args: A, context: Context, _info?: GraphQLInfo) => {
      await spendAnonymousAllowance(context.req)
      return run(context.req, args)
    }

  return {
    personalizedBlocks: {
      args: {
        ...readerArgs,
        filter: { type: nonNull(BlockFilter) },
        limit: { description: '1–20, default 3', type: GraphQLInt },
      },
      resolve: resolver<Args>((req, args) => personalizedBlocks(req, args as never)),
      type: list(Block),
    },
    personalizedLandingPage: {
      args: { ...readerArgs, slug: { type: nonNull(GraphQLString) } },
      resolve: resolver<Args>((req, args) => personalizedLandingPage(req, args as never)),
      type: LandingPage,
    },
    personalizedRecommendations: {
      args: {
        ...readerArgs,
        filter: { type: nonNull(RecommendationFilter) },
        limit: { description: '1–12, default 4', type: GraphQLInt },
      },
      resolve: resolver<Args>((req, args) => personalizedRecommendations(req, args as never)),
      type: nonNull(Recommendation),
    },
    personalizedNewsletter: {
      args: { ...readerArgs, newsletter: { description: 'Newsletter slug', type: nonNull(GraphQLString) } },
      resolve: resolver<Args>((req, args) => personalizedNewsletter(req, args as never)),
      type: Newsletter,
    },
  }
}

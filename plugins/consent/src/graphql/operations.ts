import type * as GraphQLModule from 'graphql'
import type { PayloadRequest } from 'payload'

import { builtOnce, CodedError, contentLanguageOf, readerLocaleList, typeHelpers } from '@kontorwerk/personalization'

import { confirmSubscription, requestMeta, subscribe, SubscribeInputError, withdrawAll } from '../utilities/flows'
import { consentOptions } from '../utilities/options'
import { PROFILE_QUESTIONS, savePreferences, topicStates } from '../utilities/preferenceCenter'
import { recordConsent } from '../utilities/recordConsent'
import { withinSignupLimits } from '../utilities/signupLimits'
import { subscriberFromToken } from '../utilities/subscriberFromToken'

type GraphQL = typeof GraphQLModule
type Context = { req: PayloadRequest }

const INPUT_MESSAGES: Record<string, string> = {
  invalid_email: 'Not a valid email address',
  no_topic: 'Choose at least one topic',
  unknown_locale: `Unknown locale; use one of ${readerLocaleList()}`,
  unknown_topic: 'Unknown or inactive topic',
}

async function preferencesOf(req: PayloadRequest, token: string) {
  const subscriber = await subscriberFromToken(req.payload, token, 'preferences')
  if (!subscriber) throw new CodedError('INVALID_TOKEN', 'The link is not valid')
  const lang = contentLanguageOf(subscriber.locale)
  const question = PROFILE_QUESTIONS.find((q) => !subscriber[q.field as keyof typeof subscriber])
  return {
    channels: subscriber.preferences?.channels ?? [],
    email: subscriber.email,
    frequency: subscriber.preferences?.frequency ?? 'weekly',
    nextQuestion: question ? { field: question.field, label: question.label[lang] } : null,
    pausedUntil: subscriber.preferences?.pausedUntil ?? null,
    subscriber,
    topics: await topicStates(req.payload, subscriber, lang),
  }
}

/**
 * Consent over GraphQL for headless frontends, with the same rules as the HTML pages:
 * the same flows, the same sign-up limits, the same signed tokens.
 */
export const consentOperations = builtOnce(buildOperations)

function buildOperations(GraphQL: GraphQL) {
  const { GraphQLBoolean, GraphQLInputObjectType, GraphQLList, GraphQLObjectType, GraphQLString } = GraphQL
  const { list, nonNull } = typeHelpers(GraphQL)

  const Result = new GraphQLObjectType({
    fields: { ok: { type: nonNull(GraphQLBoolean) }, status: { type: nonNull(GraphQLString) } },
    name: 'ConsentResult',
  })
  const Topic = new GraphQLObjectType({
    fields: {
      granted: { type: nonNull(GraphQLBoolean) },
      name: { type: nonNull(GraphQLString) },
      pending: { type: nonNull(GraphQLBoolean) },
      slug: { type: nonNull(GraphQLString) },
    },
    name: 'PreferenceTopic',
  })
  const Question = new GraphQLObjectType({
    fields: { field: { type: nonNull(GraphQLString) }, label: { type: nonNull(GraphQLString) } },
    name: 'ProfileQuestion',
  })
  const Preferences = new GraphQLObjectType({
    fields: {
      channels: { type: list(GraphQLString) },
      email: { type: nonNull(GraphQLString) },
      frequency: { type: nonNull(GraphQLString) },
      nextQuestion: { type: Question },
      pausedUntil: { type: GraphQLString },
      topics: { type: list(Topic) },
    },
    name: 'SubscriberPreferences',
  })
  const Answer = new GraphQLInputObjectType({
    fields: { field: { type: nonNull(GraphQLString) }, value: { type: nonNull(GraphQLString) } },
    name: 'ProfileAnswerInput',
  })

  const queries = {
    preferences: {
      args: { token: { type: nonNull(GraphQLString) } },
      resolve: (_: unknown, { token }: { token: string }, { req }: Context) => preferencesOf(req, token),
      type: Preferences,
    },
  }

  const mutations = {
    confirmSubscription: {
      args: { token: { type: nonNull(GraphQLString) } },
      resolve: async (_: unknown, { token }: { token: string }, { req }: Context) => {
        const result = await confirmSubscription(req.payload, token, requestMeta(req))
        if (result.status === 'invalid') throw new CodedError('INVALID_TOKEN', 'The link is not valid or has expired')
        return { ok: true, status: result.status }
      },
      type: Result,
    },
    subscribe: {
      args: {
        email: { type: nonNull(GraphQLString) },
        firstName: { type: GraphQLString },
        locale: {
          description: 'A language or a language with region (de-AT, en-GB); default German',
          type: GraphQLString,
        },
        topics: { type: list(GraphQLString) },
        tracking: {
          description: 'Also agree to personalization by reading on the website (tracking), confirmed by the same mail',
          type: GraphQLBoolean,
        },
        visitor: {
          description:
            "With tracking: the browser SDK's anonymous visitor id, whose history joins the profile on confirmation",
          type: GraphQLString,
        },
      },
      resolve: async (
        _: unknown,
        args: {
          email: string
          firstName?: string
          locale?: string
          topics: string[]
          tracking?: boolean | null
          visitor?: null | string
        },
        { req }: Context,
      ) => {
        // The form's counters (shared across the two module copies, see signupLimits), keyed as the form keys them.
        if (!(await withinSignupLimits(requestMeta(req).ip || 'unknown', args.email)))
          throw new CodedError('RATE_LIMITED', 'Too many sign-ups, try again later')
        try {
          await subscribe(
            req.payload,
            {
              email: args.email,
              firstName: args.firstName,
              lang: args.locale,
              topics: args.topics,
              tracking: args.tracking,
              visitor: args.visitor,
            },
            { ...requestMeta(req), source: 'api' },
          )
        } catch (error) {
          if (error instanceof SubscribeInputError)
            throw new CodedError('BAD_USER_INPUT', INPUT_MESSAGES[error.message])
          throw error
        }
        // The same answer whether the address was known or not.
        return { ok: true, status: 'confirmation_sent' }
      },
      type: Result,
    },
    unsubscribe: {
      args: {
        token: { type: nonNull(GraphQLString) },
        topic: { description: 'Topic slug; none = everything', type: GraphQLString },
      },
      resolve: async (_: unknown, { token, topic }: { token: string; topic?: string }, { req }: Context) => {
        const subscriber = await subscriberFromToken(req.payload, token, 'unsubscribe')
        if (!subscriber) throw new CodedError('INVALID_TOKEN', 'The link is not valid')
        if (!topic) {
          await withdrawAll(req.payload, subscriber.id, { ...requestMeta(req), source: 'preference_center' })
          return { ok: true, status: 'unsubscribed' }
        }
        const found = (
          await req.payload.find({ collection: 'topics', depth: 0, limit: 1, where: { slug: { equals: topic } } })
        ).docs[0]
        if (!found) throw new CodedError('BAD_USER_INPUT', `Unknown topic "${topic}"`)
        await recordConsent(
          req.payload,
          {
            action: 'withdrawn',
            channel: 'email',
            ...requestMeta(req),
            purpose: 'marketing',
            source: 'preference_center',
            subscriber: subscriber.id,
            topic: found.id,
          },
          consentOptions(req.payload),
        )
        return { ok: true, status: 'unsubscribed' }
      },
      type: Result,
    },
    updatePreferences: {
      args: {
        answer: { type: Answer },
        channels: { type: new GraphQLList(nonNull(GraphQLString)) },
        frequency: { type: GraphQLString },
        pausedUntil: { description: 'ISO date; null = no pause', type: GraphQLString },
        token: { type: nonNull(GraphQLString) },
        topics: { type: list(GraphQLString) },
      },
      resolve: async (
        _: unknown,
        args: {
          answer?: { field: string; value: string }
          channels?: string[]
          frequency?: string
          pausedUntil?: null | string
          token: string
          topics: string[]
        },
        { req }: Context,
      ) => {
        const current = await preferencesOf(req, args.token)
        const unknownTopic = args.topics.find((slug) => !current.topics.some((topic) => topic.slug === slug))
        if (unknownTopic) throw new CodedError('BAD_USER_INPUT', `Unknown topic "${unknownTopic}"`)
        const frequency = args.frequency ?? current.frequency
        if (!['weekly', 'monthly', 'important_only'].includes(frequency))
          throw new CodedError('BAD_USER_INPUT', `Unknown frequency "${frequency}"`)
        const channels = args.channels ?? current.channels
        if (channels.some((channel) => !['email', 'sms', 'push', 'post'].includes(channel)))
          throw new CodedError('BAD_USER_INPUT', 'Unknown channel')
        const pausedUntil = args.pausedUntil ? new Date(args.pausedUntil) : null
        if (pausedUntil && Number.isNaN(pausedUntil.getTime()))
          throw new CodedError('BAD_USER_INPUT', '"pausedUntil" is not a date')
        await savePreferences(
          req.payload,
          current.subscriber,
          {
            answer: args.answer,
            channels,
            frequency: frequency as never,
            pausedUntil: pausedUntil?.toISOString() ?? null,
            topics: args.topics,
          },
          requestMeta(req),
        )
        return preferencesOf(req, args.token)
      },
      type: Preferences,
    },
  }
  return { mutations, queries }
}

import type * as GraphQLModule from 'graphql'
import type { PayloadRequest } from 'payload'

import {
  builtOnce,
  CodedError,
  hasRole,
  isPossibleId,
  isStaffRequest,
  parseAt,
  typeHelpers,
} from '@kontorwerk/personalization'

import { freezeSegment, segmentCount, segmentMemberPage, segmentsOf } from '../utilities/segmentService'

type Context = { req: PayloadRequest }

const MAX_PAGE_SIZE = 1000

function requireStaff(req: PayloadRequest, adminOnly: boolean) {
  if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key')
  if (!isStaffRequest(req)) throw new CodedError('FORBIDDEN', 'An integration key is limited to its scopes')
  if (adminOnly && !hasRole(req, 'admin'))
    throw new CodedError('FORBIDDEN', 'Segment members are personal data: admins and their API keys only')
}

/** Segment counts (editors), members and a subscriber's segments (admins and API keys), freezing (editors). */
export const segmentOperations = builtOnce((GraphQL: typeof GraphQLModule) => {
  const { GraphQLID, GraphQLInt, GraphQLObjectType, GraphQLString } = GraphQL
  const { list, nonNull } = typeHelpers(GraphQL)
  const Member = new GraphQLObjectType({
    fields: { email: { type: nonNull(GraphQLString) }, id: { type: nonNull(GraphQLID) } },
    name: 'SegmentMemberListEntry',
  })
  const MemberPage = new GraphQLObjectType({
    fields: {
      ids: { type: list(GraphQLID) },
      limit: { type: nonNull(GraphQLInt) },
      members: { type: list(Member) },
      page: { type: nonNull(GraphQLInt) },
      totalDocs: { type: nonNull(GraphQLInt) },
      totalPages: { type: nonNull(GraphQLInt) },
    },
    name: 'SegmentMemberList',
  })
  const Membership = new GraphQLObjectType({
    fields: {
      id: { type: nonNull(GraphQLID) },
      kind: { type: nonNull(GraphQLString) },
      name: { type: nonNull(GraphQLString) },
    },
    name: 'SubscriberSegment',
  })
  const Frozen = new GraphQLObjectType({
    fields: {
      id: { type: nonNull(GraphQLID) },
      memberCount: { type: nonNull(GraphQLInt) },
      name: { type: nonNull(GraphQLString) },
    },
    name: 'FrozenSegment',
  })
  const at = { description: 'ISO time to evaluate at; default now', type: GraphQLString }
  return {
    mutations: {
      freezeSegment: {
        args: { id: { type: nonNull(GraphQLID) }, name: { type: GraphQLString } },
        description: "Copies a segment's current members into a new static segment (e.g. a campaign audience).",
        resolve: async (_: unknown, args: { id: string; name?: string }, { req }: Context) => {
          requireStaff(req, false)
          return freezeSegment(req.payload, args.id, { name: args.name?.trim() || undefined }, req)
        },
        type: nonNull(Frozen),
      },
    },
    queries: {
      segmentCount: {
        args: { at, id: { type: nonNull(GraphQLID) } },
        resolve: async (_: unknown, args: { at?: string; id: string }, { req }: Context) => {
          requireStaff(req, false)
          return segmentCount(req.payload, args.id, parseAt(args.at), req)
        },
        type: nonNull(GraphQLInt),
      },
      segmentMembers: {
        args: {
          at,
          id: { type: nonNull(GraphQLID) },
          limit: { defaultValue: 100, type: GraphQLInt },
          page: { defaultValue: 1, type: GraphQLInt },
        },
        resolve: async (
          _: unknown,
          args: { at?: string; id: string; limit: number; page: number },
          { req }: Context,
        ) => {
          requireStaff(req, true)
          if (!Number.isInteger(args.page) || args.page < 1) throw new CodedError('BAD_USER_INPUT', 'page starts at 1')
          if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > MAX_PAGE_SIZE)
            throw new CodedError('BAD_USER_INPUT', `limit must be 1–${MAX_PAGE_SIZE}`)
          const { ids, total } = await segmentMemberPage(
            req.payload,
            args.id,
            { limit: args.limit, page: args.page },
            parseAt(args.at),
            req,
          )
          const { docs } = ids.length
            ? await req.payload.find({
                collection: 'subscribers',
                depth: 0,
                limit: 0,
                pagination: false,
                req,
                select: { email: true },
                sort: 'id',
                where: { id: { in: ids } },
              })
            : { docs: [] }
          return {
            ids,
            limit: args.limit,
            members: docs.map((doc) => ({ email: doc.email, id: doc.id })),
            page: args.page,
            totalDocs: total,
            totalPages: Math.ceil(total / args.limit),
          }
        },
        type: nonNull(MemberPage),
      },
      subscriberSegments: {
        args: { at, subscriber: { type: nonNull(GraphQLID) } },
        resolve: async (_: unknown, args: { at?: string; subscriber: string }, { req }: Context) => {
          requireStaff(req, true)
          const exists =
            isPossibleId(req.payload, args.subscriber) &&
            (await req.payload.count({ collection: 'subscribers', req, where: { id: { equals: args.subscriber } } }))
              .totalDocs > 0
          if (!exists) throw new CodedError('NOT_FOUND', `No subscriber ${args.subscriber}`)
          const member = await segmentsOf(req.payload, args.subscriber, null, parseAt(args.at), req)
          if (!member.size) return []
          const { docs } = await req.payload.find({
            collection: 'segments',
            depth: 0,
            limit: 0,
            pagination: false,
            req,
            sort: 'name',
            where: { id: { in: [...member] } },
          })
          return docs.map((doc) => ({ id: doc.id, kind: doc.kind, name: doc.name }))
        },
        type: list(Membership),
      },
    },
  }
})

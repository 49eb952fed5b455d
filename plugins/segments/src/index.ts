import type { Config } from 'payload'

import { extendPersonalization, requireCollection, requirePlugins, withPersonalData } from '@kontorwerk/personalization'

import type { SegmentsPluginOptions } from './types'

import { SegmentMembers } from './collections/SegmentMembers'
import { Segments } from './collections/Segments'
import { resolveOptions, SLOT_COLLECTIONS } from './defaults'
import { segmentOptionsEndpoint } from './endpoints/options'
import { segmentEndpoints } from './endpoints/segmentEndpoints'
import { withSlotSegments } from './fields/slotSegments'
import { segmentOperations } from './graphql/segments'
import { membershipsPersonalData } from './hooks/membershipsPersonalData'
import { segmentsTranslations } from './translations'
import { slotMemberships, unknownSegments } from './utilities/segmentService'

export {
  audienceMembers,
  freezeSegment,
  matches,
  segmentCount,
  segmentsOf,
  segmentsOfMany,
} from './utilities/segmentService'

/**
 * Segments: AND/OR rule trees over profile, score, stage, persona, interests, consent and events,
 * evaluated in memory for one subscriber and compiled to SQL for counts and lists; static lists
 * frozen from them or imported from CSV. Needs personalization() and consent() before it.
 * Admin texts: translations/ (keys `kontorwerk-segments:…`), merged into the host's `i18n.translations`.
 */
export const segments =
  (pluginOptions: SegmentsPluginOptions = {}) =>
  (config: Config): Config => {
    const options = resolveOptions(pluginOptions)
    requirePlugins(config, 'segments', ['personalization', 'consent'])
    requireCollection(config, 'segments', options.subscribersSlug, 'subscribersSlug')
    const collections = (config.collections ?? []).map((collection) => {
      if (collection.slug === options.subscribersSlug) {
        return withPersonalData(collection, membershipsPersonalData)
      }
      return (SLOT_COLLECTIONS as readonly string[]).includes(collection.slug)
        ? withSlotSegments(collection)
        : collection
    })
    const graphQL = config.graphQL ?? {}
    return {
      ...segmentsTranslations.mergeInto(config),
      collections: [
        ...collections,
        { ...Segments, custom: { segmentsOptions: options }, endpoints: [...segmentEndpoints, segmentOptionsEndpoint] },
        SegmentMembers,
      ],
      custom: extendPersonalization(config, {
        plugins: ['segments'],
        segmentMembership: { membersOf: slotMemberships, unknown: unknownSegments },
      }).custom,
      graphQL: {
        ...graphQL,
        mutations: (GraphQL, payload) => ({
          ...graphQL.mutations?.(GraphQL, payload),
          ...segmentOperations(GraphQL).mutations,
        }),
        queries: (GraphQL, payload) => ({
          ...graphQL.queries?.(GraphQL, payload),
          ...segmentOperations(GraphQL).queries,
        }),
      },
    }
  }

// The contract with the other packages and the reference app
export type { Environment } from './evaluation/environment'
export type { RuleGroup } from './rules/types'
export { writeMembers } from './utilities/segmentService'
export { compileTree } from './evaluation/compileSql'
export { countMembers } from './evaluation/members'
export { evaluate } from './evaluation/matches'
export { loadEnvironment } from './evaluation/environment'
export { loadFacts } from './evaluation/facts'
export { parseRuleTree } from './rules/parse'
export { segmentsTranslations } from './translations'
export type { SegmentsTranslationKey, SegmentsTranslations } from './translations'

import type { CollectionSlug, Payload } from 'payload'

import type { Conversion, Region } from '../../documents'
import type { ConversionAsset } from '../types'

import { CONVERSIONS } from '../../collections/Conversions'
import { REGIONS } from '../../collections/Regions'
import { CUSTOMER_STAGES } from '../../domain/lifecycle'
import { relationKey } from '../../utilities/relation'
import { type PageRule } from '../../visitors/pageUrls'

/**
 * Ids and keys the engine translates between: stage ids ↔ keys, interest and persona slugs, interest
 * parents, region codes and conversion keys.
 */
export type Taxonomy = {
  conversionById: Map<string, ConversionAsset>
  /** Ids of the customer stages: `stage_changed` events name the stage by id. */
  customerStageIds: Set<string>
  interestAncestors: Map<string, string[]>
  interestIdBySlug: Map<string, string>
  interestSlugById: Map<string, string>
  /** Editors' URL→interest rules (`pageUrls` of the interests), for visitors' page views. */
  pageRules: PageRule[]
  personaIdBySlug: Map<string, string>
  personaSlugById: Map<string, string>
  regionCodeById: Map<string, string>
  regionCodes: Set<string>
  stageKeyById: Map<string, string>
}

export async function loadTaxonomy(payload: Payload): Promise<Taxonomy> {
  const [interests, personas, stages, regions, conversions] = await Promise.all([
    payload.find({
      collection: 'interests',
      depth: 0,
      limit: 0,
      pagination: false,
      // pageUrls: a field the host's generated types may not name yet.
      select: { pageUrls: true, parent: true, slug: true } as { parent: true; slug: true },
    }),
    payload.find({ collection: 'personas', depth: 0, limit: 0, pagination: false, select: { slug: true } }),
    payload.find({ collection: 'lifecycle-stages', depth: 0, limit: 0, pagination: false, select: { key: true } }),
    allOf<Region>(payload, REGIONS, { code: true }),
    allOf<Conversion>(payload, CONVERSIONS, { key: true, kind: true }),
  ])
  const parents = new Map(interests.docs.map((doc) => [String(doc.id), relationKey(doc.parent)]))
  return {
    conversionById: new Map(conversions.map((doc) => [String(doc.id), { key: doc.key, kind: doc.kind }])),
    customerStageIds: new Set(
      stages.docs.filter((doc) => CUSTOMER_STAGES.includes(doc.key)).map((doc) => String(doc.id)),
    ),
    interestAncestors: ancestorsOf(parents),
    interestIdBySlug: new Map(interests.docs.map((doc) => [doc.slug, String(doc.id)])),
    interestSlugById: new Map(interests.docs.map((doc) => [String(doc.id), doc.slug])),
    pageRules: interests.docs.flatMap((doc) =>
      ((doc as { pageUrls?: null | string[] }).pageUrls ?? []).map((path) => ({ interest: String(doc.id), path })),
    ),
    personaIdBySlug: new Map(personas.docs.map((doc) => [doc.slug, String(doc.id)])),
    personaSlugById: new Map(personas.docs.map((doc) => [String(doc.id), doc.slug])),
    regionCodeById: new Map(regions.map((doc) => [String(doc.id), doc.code])),
    regionCodes: new Set(regions.map((doc) => doc.code)),
    stageKeyById: new Map(stages.docs.map((doc) => [String(doc.id), doc.key])),
  }
}

/** Every document of a collection the host's generated types may not name yet, with the fields selected. */
async function allOf<T>(payload: Payload, collection: string, select: Record<string, true>): Promise<T[]> {
  const { docs } = await payload.find({
    collection: collection as CollectionSlug,
    depth: 0,
    limit: 0,
    pagination: false,
    select: select as never,
  })
  return docs as unknown as T[]
}

export function ancestorsOf(parents: Map<string, null | string>): Map<string, string[]> {
  const result = new Map<string, string[]>()
  for (const id of parents.keys()) {
    const chain: string[] = []
    for (
      let parent = parents.get(id);
      parent && !chain.includes(parent) && chain.length < 10;
      parent = parents.get(parent)
    )
      chain.push(parent)
    result.set(id, chain)
  }
  return result
}

/** A reader interested in "E-Rechnung" is half as interested in its parent "Finanzen". */
export const ANCESTOR_FACTOR = 0.5

export function expandInterests(
  direct: { id: string; weight: number }[],
  ancestors: Map<string, string[]>,
): Map<string, number> {
  const weights = new Map<string, number>()
  const raise = (id: string, weight: number) => weights.set(id, Math.max(weights.get(id) ?? 0, weight))
  for (const { id, weight } of direct) {
    raise(id, weight)
    let factor = 1
    for (const ancestor of ancestors.get(id) ?? []) raise(ancestor, weight * (factor *= ANCESTOR_FACTOR))
  }
  return weights
}

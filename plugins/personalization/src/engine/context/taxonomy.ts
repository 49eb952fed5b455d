import type { Payload } from 'payload'

import { relationKey } from '../../utilities/relation'

/** Ids and keys the engine translates between: stage ids ↔ keys, interest and persona slugs, interest parents. */
export type Taxonomy = {
  interestAncestors: Map<string, string[]>
  interestIdBySlug: Map<string, string>
  interestSlugById: Map<string, string>
  personaIdBySlug: Map<string, string>
  personaSlugById: Map<string, string>
  stageKeyById: Map<string, string>
}

export async function loadTaxonomy(payload: Payload): Promise<Taxonomy> {
  const [interests, personas, stages] = await Promise.all([
    payload.find({
      collection: 'interests',
      depth: 0,
      limit: 0,
      pagination: false,
      select: { parent: true, slug: true },
    }),
    payload.find({ collection: 'personas', depth: 0, limit: 0, pagination: false, select: { slug: true } }),
    payload.find({ collection: 'lifecycle-stages', depth: 0, limit: 0, pagination: false, select: { key: true } }),
  ])
  const parents = new Map(interests.docs.map((doc) => [String(doc.id), relationKey(doc.parent)]))
  return {
    interestAncestors: ancestorsOf(parents),
    interestIdBySlug: new Map(interests.docs.map((doc) => [doc.slug, String(doc.id)])),
    interestSlugById: new Map(interests.docs.map((doc) => [String(doc.id), doc.slug])),
    personaIdBySlug: new Map(personas.docs.map((doc) => [doc.slug, String(doc.id)])),
    personaSlugById: new Map(personas.docs.map((doc) => [String(doc.id), doc.slug])),
    stageKeyById: new Map(stages.docs.map((doc) => [String(doc.id), doc.key])),
  }
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

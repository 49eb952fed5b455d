import type { Payload, PayloadRequest } from 'payload'

import type { LeadScores } from '@kontorwerk/personalization'

import { extensionsOf } from '@kontorwerk/personalization'

import type { RuleGroup } from '../rules/types'
import type { ResolvedSegmentsOptions } from '../types'

import { DEFAULT_OPTIONS } from '../defaults'
import { segmentInvalid } from '../errors'
import { LIMITS } from '../rules/catalogue'
import { parseRuleTree } from '../rules/parse'
import { describeProblems } from '../rules/problems'
import { missingReferences, referencesOf, walkRules } from '../rules/references'

export type StoredSegment = { id: string; kind: 'dynamic' | 'static'; name: string; tree: null | RuleGroup }

/**
 * Everything both evaluators need besides the subscriber: the moment, half-lives, stage order,
 * interest families, the blocks behind event-interest filters and the segments a tree uses.
 * Loaded once per evaluation, so the in-memory and the database form see the same world.
 */
export type Environment = {
  /** Block ids tagged with an interest or one of its descendants, for referenced interests. */
  blocksByInterest: Map<string, string[]>
  engagementHalfLifeDays: number
  /** An interest and all its descendants. */
  interestFamily: Map<string, string[]>
  interestHalfLifeDays: number
  /** Where scores are read from: the scoring plugin's contract; without it every score is 0. */
  leadScores: LeadScores | null
  now: Date
  options: ResolvedSegmentsOptions
  segments: Map<string, StoredSegment>
  stageOrder: Map<string, number>
}

export async function loadEnvironment(
  payload: Payload,
  tree: RuleGroup,
  now: Date,
  req?: PayloadRequest,
): Promise<Environment> {
  // Out-of-date references are the likely failure: checked before anything else is read, so no
  // query is left running after the error (a test's database may be dropped right after it).
  const segments = await usedSegments(payload, tree, req)
  const [interests, stages, engagementHalfLifeDays, interestHalfLifeDays] = await Promise.all([
    payload.find({ collection: 'interests', depth: 0, limit: 0, pagination: false, req, select: { parent: true } }),
    payload.find({
      collection: 'lifecycle-stages',
      depth: 0,
      limit: 0,
      pagination: false,
      req,
      select: { order: true },
    }),
    extensionsOf(payload).halfLives?.engagementDays(payload) ?? 30,
    extensionsOf(payload).halfLives?.implicitInterestDays(payload) ?? 30,
  ])
  const children = new Map<string, string[]>()
  for (const doc of interests.docs) {
    const parent = doc.parent == null ? null : String(typeof doc.parent === 'object' ? doc.parent.id : doc.parent)
    if (parent) children.set(parent, [...(children.get(parent) ?? []), String(doc.id)])
  }
  const interestFamily = new Map(interests.docs.map((doc) => [String(doc.id), familyOf(String(doc.id), children)]))
  const trees = [tree, ...[...segments.values()].flatMap((segment) => (segment.tree ? [segment.tree] : []))]
  const eventInterests = new Set(
    trees.flatMap((each) =>
      [...walkRules(each)].flatMap(({ rule }) =>
        rule.field === 'events' && rule.value.interest ? [String(rule.value.interest)] : [],
      ),
    ),
  )
  const blocksByInterest = new Map<string, string[]>()
  await Promise.all(
    [...eventInterests].map(async (interest) => {
      const { docs } = await payload.find({
        collection: 'content-blocks',
        depth: 0,
        limit: 0,
        pagination: false,
        req,
        select: {},
        where: { interests: { in: interestFamily.get(interest) ?? [interest] } },
      })
      blocksByInterest.set(
        interest,
        docs.map((doc) => String(doc.id)),
      )
    }),
  )
  return {
    blocksByInterest,
    engagementHalfLifeDays,
    interestFamily,
    interestHalfLifeDays,
    leadScores: extensionsOf(payload).leadScores ?? null,
    now,
    options:
      (payload.collections.segments?.config.custom?.segmentsOptions as ResolvedSegmentsOptions | undefined) ??
      DEFAULT_OPTIONS,
    segments,
    stageOrder: new Map(stages.docs.map((doc) => [String(doc.id), Number(doc.order ?? 0)])),
  }
}

function familyOf(id: string, children: Map<string, string[]>): string[] {
  const family = [id]
  for (let index = 0; index < family.length && family.length < 10_000; index++) {
    for (const child of children.get(family[index]) ?? []) if (!family.includes(child)) family.push(child)
  }
  return family
}

/**
 * The segments a tree uses, transitively. A reference that no longer resolves (deleted since the
 * tree was saved) is an error naming its place, never a silently empty condition.
 */
export async function usedSegments(
  payload: Payload,
  tree: RuleGroup,
  req?: PayloadRequest,
): Promise<Map<string, StoredSegment>> {
  const segments = new Map<string, StoredSegment>()
  const pending: RuleGroup[] = [tree]
  while (pending.length) {
    const current = pending.pop()!
    const missing = await missingReferences(payload, current, req)
    if (missing.length)
      throw segmentInvalid(`The segment's rules are out of date: ${describeProblems(missing)}`, { problems: missing })
    for (const { id, kind } of referencesOf(current)) {
      if (kind !== 'segments' || segments.has(id)) continue
      if (segments.size > 200) throw segmentInvalid('Too many nested segments')
      const doc = await payload.findByID({ id, collection: 'segments', depth: 0, req })
      const parsed = doc.kind === 'static' ? null : parseRuleTree(doc.rules)
      if (parsed && !parsed.tree)
        throw segmentInvalid(`Segment "${doc.name}" has invalid rules: ${describeProblems(parsed.problems)}`)
      segments.set(id, {
        id,
        kind: doc.kind === 'static' ? 'static' : 'dynamic',
        name: doc.name,
        tree: parsed?.tree ?? null,
      })
      if (parsed?.tree) pending.push(parsed.tree)
    }
  }
  const size = expandedSize(tree, segments)
  if (size > LIMITS.expanded) {
    throw segmentInvalid(
      `With the segments it uses written out, this has ${size} conditions and groups; at most ${LIMITS.expanded} are allowed`,
    )
  }
  return segments
}

/**
 * Conditions and groups once every used segment is written out where it is used: what both
 * evaluators actually do. Segments using segments can multiply this (100 × 100 × 100), so it is
 * bounded, not just each tree.
 */
export function expandedSize(tree: RuleGroup, segments: Map<string, StoredSegment>): number {
  const sizes = new Map<string, number>()
  const sizeOf = (group: RuleGroup, trail: Set<string>): number =>
    group.rules.reduce((sum, node) => {
      if ('rules' in node) return sum + sizeOf(node, trail)
      if (node.field !== 'segment') return sum + 1
      const id = String(node.value)
      const used = segments.get(id)?.tree
      if (!used || trail.has(id)) return sum + 1
      if (!sizes.has(id)) sizes.set(id, sizeOf(used, new Set([...trail, id])))
      return sum + sizes.get(id)!
    }, 1)
  return sizeOf(tree, new Set())
}

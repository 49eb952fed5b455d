import type { Payload, PayloadRequest } from 'payload'

import { isPossibleId } from '@kontorwerk/personalization'

import type { Rule, RuleGroup, RuleProblem } from './types'

import { parseRuleTree } from './parse'
import { problem, type ProblemCode, ruleProblem } from './problems'
import { isGroup } from './types'

export type ReferenceKind = 'interests' | 'lifecycle-stages' | 'personas' | 'segments' | 'topics'
export type Reference = { id: string; kind: ReferenceKind; path: string }

const MISSING: Record<ReferenceKind, ProblemCode> = {
  interests: 'MissingInterests',
  'lifecycle-stages': 'MissingLifecycleStages',
  personas: 'MissingPersonas',
  segments: 'MissingSegments',
  topics: 'MissingTopics',
}

/** Every rule with its path, depth first, in the order an editor reads them. */
export function* walkRules(group: RuleGroup, path = ''): Generator<{ path: string; rule: Rule }> {
  for (const [index, node] of group.rules.entries()) {
    const here = `${path ? `${path}.` : ''}rules[${index}]`
    if (isGroup(node)) yield* walkRules(node, here)
    else yield { path: here, rule: node }
  }
}

/** The documents a tree points at. */
export function referencesOf(tree: RuleGroup): Reference[] {
  const references: Reference[] = []
  for (const { path, rule } of walkRules(tree)) {
    const add = (kind: ReferenceKind, id: null | number | string | undefined) =>
      id != null && references.push({ id: String(id), kind, path })
    if (rule.field === 'persona') add('personas', rule.operator === 'is' ? rule.value : rule.value.persona)
    if (rule.field === 'interest') add('interests', rule.value.interest)
    if (rule.field === 'events') add('interests', rule.value.interest)
    if (rule.field === 'stage')
      add('lifecycle-stages', rule.operator === 'changedWithin' ? rule.value.stage : rule.value)
    if (rule.field === 'consent') add('topics', rule.value.topic)
    if (rule.field === 'segment') add('segments', rule.value)
  }
  return references
}

/** References to documents that do not exist (deleted, or never did). */
export async function missingReferences(
  payload: Payload,
  tree: RuleGroup,
  req?: PayloadRequest,
): Promise<RuleProblem[]> {
  const references = referencesOf(tree)
  const byKind = new Map<ReferenceKind, Set<string>>()
  for (const { id, kind } of references) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(id))
  const existing = new Set<string>()
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const possible = [...ids].filter((id) => isPossibleId(payload, id))
      if (!possible.length) return
      const { docs } = await payload.find({
        collection: kind,
        depth: 0,
        limit: possible.length,
        pagination: false,
        req,
        select: {},
        where: { id: { in: possible } },
      })
      for (const doc of docs) existing.add(`${kind}:${doc.id}`)
    }),
  )
  return references
    .filter(({ id, kind }) => !existing.has(`${kind}:${id}`))
    .map(({ id, kind, path }) => ruleProblem(path, problem(MISSING[kind], { id })))
}

/**
 * A segment may use other segments but never itself, directly or through others: the chain is
 * followed through the stored segments and the first way back is reported with its path.
 */
export async function segmentCycle(
  payload: Payload,
  selfId: null | number | string,
  tree: RuleGroup,
  req?: PayloadRequest,
): Promise<null | RuleProblem> {
  if (selfId == null) return null
  const self = String(selfId)
  const seen = new Set<string>()
  const visit = async (current: RuleGroup, trail: string[]): Promise<null | string[]> => {
    for (const { id } of referencesOf(current).filter((reference) => reference.kind === 'segments')) {
      if (id === self) return [...trail, id]
      if (seen.has(id) || !isPossibleId(payload, id)) continue
      seen.add(id)
      const stored = await payload.findByID({ id, collection: 'segments', depth: 0, disableErrors: true, req })
      const parsed = stored?.kind === 'dynamic' ? parseRuleTree(stored.rules) : null
      const cycle = parsed?.tree ? await visit(parsed.tree, [...trail, id]) : null
      if (cycle) return cycle
    }
    return null
  }
  for (const { id, path } of referencesOf(tree).filter((reference) => reference.kind === 'segments')) {
    const cycle =
      id === self
        ? [self]
        : await visit({ combinator: 'and', rules: [{ field: 'segment', operator: 'in', value: id }] }, [])
    if (cycle) return ruleProblem(path, problem('Cycle', { cycle: [self, ...cycle].join(' → '), id }))
  }
  return null
}

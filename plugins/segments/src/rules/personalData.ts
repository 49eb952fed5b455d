import type { Payload, PayloadRequest } from 'payload'

import { hasRole, isPossibleId, relationKey, signature } from '@kontorwerk/personalization'

import type { RuleGroup, RuleProblem } from './types'

import { isPersonalCondition } from './catalogue'
import { parseRuleTree } from './parse'
import { problem, ruleProblem } from './problems'
import { referencesOf, walkRules } from './references'

/**
 * Whether a stored segment selects by personal data: a dynamic one through its conditions or the
 * segments it uses, a static one frozen from such a segment through its source (its members were
 * chosen by it). A static list whose source is gone counts too; one that was never frozen (an
 * admin's import) does not.
 */
async function segmentUsesPersonalData(
  payload: Payload,
  id: string,
  req: PayloadRequest | undefined,
  seen: Set<string>,
): Promise<boolean> {
  if (seen.has(id) || !isPossibleId(payload, id)) return false
  seen.add(id)
  const doc = await payload.findByID({ id, collection: 'segments', depth: 0, disableErrors: true, req })
  if (!doc) return false
  if (doc.kind === 'static') {
    const source = relationKey(doc.frozenFrom)
    if (source) return segmentUsesPersonalData(payload, source, req, seen)
    return Boolean(doc.frozenAt)
  }
  const { tree } = parseRuleTree(doc.rules)
  return tree ? treeUsesPersonalData(payload, tree, req, seen) : false
}

async function treeUsesPersonalData(
  payload: Payload,
  tree: RuleGroup,
  req: PayloadRequest | undefined,
  seen: Set<string>,
): Promise<boolean> {
  if ([...walkRules(tree)].some(({ rule }) => isPersonalCondition(rule.field, rule.operator))) return true
  for (const { id, kind } of referencesOf(tree)) {
    if (kind === 'segments' && (await segmentUsesPersonalData(payload, id, req, seen))) return true
  }
  return false
}

/** Whether evaluating the tree reads personal data: a personal condition in it, or in a segment it uses. */
export const usesPersonalData = (payload: Payload, tree: RuleGroup, req?: PayloadRequest) =>
  treeUsesPersonalData(payload, tree, req, new Set())

/**
 * Editors may not read subscribers' personal data, so they may not select by it either: a count
 * or a sample would reveal it one subscriber at a time (narrow a tree to one person and its count
 * says yes or no). So an editor may not add a personal condition, nor use a segment that selects
 * by personal data, nor change the rules of one; an admin's tree they may keep as it is (and
 * rename the segment). Problems name their places.
 */
export async function personalDataProblems(
  payload: Payload,
  req: PayloadRequest,
  tree: RuleGroup,
  previous: unknown,
): Promise<RuleProblem[]> {
  if (!req.user || hasRole(req, 'admin')) return []
  const before = parseRuleTree(previous).tree
  if (before && signature(before) === signature(tree)) return []
  if (before && (await usesPersonalData(payload, before, req))) {
    return [ruleProblem('root', problem('PersonalRules'))]
  }
  const problems: RuleProblem[] = [...walkRules(tree)]
    .filter(({ rule }) => isPersonalCondition(rule.field, rule.operator))
    .map(({ path, rule }) => ruleProblem(path, problem('PersonalCondition'), rule.field))
  for (const { id, kind, path } of referencesOf(tree)) {
    if (kind === 'segments' && (await segmentUsesPersonalData(payload, id, req, new Set()))) {
      problems.push(ruleProblem(path, problem('PersonalSegment', { id })))
    }
  }
  return problems
}

import type { PayloadRequest } from 'payload'

import type { RuleGroup, RuleProblem } from './types'

import { hasRole } from '../../../src/access/roles'
import { FIELD_BY_NAME } from './catalogue'
import { parseRuleTree } from './parse'
import { walkRules } from './references'

const signature = (rule: unknown) => JSON.stringify(rule, (key, value) => (key === 'id' ? undefined : value))

/**
 * Editors may not read subscribers' personal data, so they may not add conditions on it either:
 * counts and samples would reveal it one subscriber at a time. Conditions an admin already stored
 * (in `previous`) stay, so an editor can still rename or extend an admin's segment.
 */
export function personalDataProblems(req: Pick<PayloadRequest, 'user'>, tree: RuleGroup, previous: unknown): RuleProblem[] {
  if (!req.user || hasRole(req, 'admin')) return []
  const before = parseRuleTree(previous).tree
  const allowed = new Set(before ? [...walkRules(before)].map(({ rule }) => signature(rule)) : [])
  return [...walkRules(tree)]
    .filter(({ rule }) => FIELD_BY_NAME.get(rule.field)?.personal && !allowed.has(signature(rule)))
    .map(({ path, rule }) => ({ message: `${rule.field}: conditions on personal data (email domain, custom attributes) are for admins only`, path }))
}

import type { Validate } from 'payload'

import type { RuleProblem } from './types'

import { parseRuleTree } from './parse'
import { missingReferences, segmentCycle } from './references'

export const describeProblems = (problems: RuleProblem[]) => problems.map(({ message, path }) => `${path}: ${message}`).join('; ')

/** Save-time check of a dynamic segment's tree: shape, references that exist, no cycles. */
export const validateRules: Validate = async (value, { data, id, req }) => {
  if ((data as { kind?: string } | undefined)?.kind === 'static') return true
  if (value == null) return 'A dynamic segment needs rules.'
  const parsed = parseRuleTree(value)
  if (!parsed.tree) return describeProblems(parsed.problems)
  const missing = await missingReferences(req.payload, parsed.tree, req)
  if (missing.length) return describeProblems(missing)
  const cycle = await segmentCycle(req.payload, id ?? null, parsed.tree, req)
  return cycle ? describeProblems([cycle]) : true
}

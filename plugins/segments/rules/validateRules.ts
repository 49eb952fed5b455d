import type { Validate } from 'payload'

import type { RuleProblem } from './types'

import { CodedError } from '../../../src/errors'
import { usedSegments } from '../evaluation/environment'
import { parseRuleTree } from './parse'
import { personalDataProblems } from './personalData'
import { missingReferences, segmentCycle } from './references'

export const describeProblems = (problems: RuleProblem[]) => problems.map(({ message, path }) => `${path}: ${message}`).join('; ')

/** Save-time check of a dynamic segment's tree: shape, personal data for admins only, references that exist, no cycles. */
export const validateRules: Validate = async (value, { data, id, previousValue, req }) => {
  if ((data as { kind?: string } | undefined)?.kind === 'static') return true
  if (value == null) return 'A dynamic segment needs rules.'
  const parsed = parseRuleTree(value)
  if (!parsed.tree) return describeProblems(parsed.problems)
  const personal = personalDataProblems(req, parsed.tree, previousValue)
  if (personal.length) return describeProblems(personal)
  const missing = await missingReferences(req.payload, parsed.tree, req)
  if (missing.length) return describeProblems(missing)
  const cycle = await segmentCycle(req.payload, id ?? null, parsed.tree, req)
  if (cycle) return describeProblems([cycle])
  try {
    await usedSegments(req.payload, parsed.tree, req)
  } catch (error) {
    if (error instanceof CodedError) return error.message
    throw error
  }
  return true
}

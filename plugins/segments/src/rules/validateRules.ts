import type { Validate } from 'payload'

import { CodedError } from '@kontorwerk/personalization'

import { usedSegments } from '../evaluation/environment'
import { message } from '../translations'
import { checkRules } from './checkRules'
import { describeProblems } from './problems'

/** Save-time check of a dynamic segment's tree: shape, personal data for admins only, references that exist, no cycles. */
export const validateRules: Validate = async (value, { data, id, previousValue, req }) => {
  if ((data as { kind?: string } | undefined)?.kind === 'static') return true
  if (value == null) return message(req, 'kontorwerk-segments:problemRulesRequired')
  const checked = await checkRules(req.payload, value, { previous: previousValue, req, selfId: id ?? null })
  // In the admin's language, each at its place: "Regel 1: Sprache: braucht einen Text …".
  if (!checked.tree) return describeProblems(checked.problems, req)
  try {
    // Also bounds the tree with the segments it uses written out.
    await usedSegments(req.payload, checked.tree, req)
  } catch (error) {
    if (error instanceof CodedError) return error.message
    throw error
  }
  return true
}

import type { Payload, PayloadRequest } from 'payload'

import type { ParseResult } from './parse'

import { parseRuleTree } from './parse'
import { personalDataProblems } from './personalData'
import { missingReferences, segmentCycle } from './references'

/**
 * What saving and the builder's preview both ask of a tree: its shape, personal data only from
 * admins (an admin's tree stored in `previous` may stay as it is), references that exist, and no cycle through
 * the segment `selfId`. Problems name their places.
 */
export async function checkRules(
  payload: Payload,
  input: unknown,
  { previous, req, selfId }: { previous?: unknown; req?: PayloadRequest; selfId: null | number | string },
): Promise<ParseResult> {
  const parsed = parseRuleTree(input)
  if (!parsed.tree) return parsed
  const personal = req ? await personalDataProblems(payload, req, parsed.tree, previous) : []
  if (personal.length) return { problems: personal, tree: null }
  const missing = await missingReferences(payload, parsed.tree, req)
  if (missing.length) return { problems: missing, tree: null }
  const cycle = await segmentCycle(payload, selfId, parsed.tree, req)
  return cycle ? { problems: [cycle], tree: null } : parsed
}

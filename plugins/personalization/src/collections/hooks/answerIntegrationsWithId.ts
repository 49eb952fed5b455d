import type { CollectionAfterOperationHook } from 'payload'

import { isStaffRequest } from '../../access/roles'

type Doc = { id: number | string }

/**
 * An integration key writes subscribers it may not read (security review F2): the answer to its
 * create or update carries the id alone, which is all a sync needs to remember the mapping (it sent
 * the email and external id itself). Not an afterRead hook: afterChange hooks of other plugins
 * (scoring, automations, audit log) receive the afterRead result and need the whole document.
 * Server code passing `overrideAccess` gets the document as before.
 */
export const answerIntegrationsWithId: CollectionAfterOperationHook = ({ operation, overrideAccess, req, result }) => {
  // REST and GraphQL leave `overrideAccess` unset (access is checked); the Local API's default is true.
  if (overrideAccess === true || !req.user || isStaffRequest(req)) return result
  if (operation === 'create' || operation === 'updateByID') return { id: (result as Doc).id } as never
  if (operation === 'update') {
    const bulk = result as { docs: Doc[] }
    return { ...bulk, docs: bulk.docs.map(({ id }) => ({ id })) } as never
  }
  return result
}

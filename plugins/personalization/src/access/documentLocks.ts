import type { Config, Payload } from 'payload'

import { isStaff } from './roles'

const LOCKED_DOCUMENTS = 'payload-locked-documents'

/**
 * Payload's document locks (who edits which document, with that user) are open to every signed-in
 * caller, an integration key too: it could list which staff member edits which subscriber, or lock
 * editors out (security review F7). The collection is added when Payload sanitizes the config, after
 * the plugins ran, so its access can only be narrowed once Payload is up: to the staff, whose admin
 * panel keeps locking as before.
 */
export function staffOnlyDocumentLocks(payload: Payload): void {
  const locks = payload.collections[LOCKED_DOCUMENTS as 'payload-locked-documents']?.config
  if (locks) locks.access = { ...locks.access, create: isStaff, delete: isStaff, read: isStaff, update: isStaff }
}

/** The host's onInit, with the locks narrowed first. */
export const withStaffOnlyDocumentLocks =
  (onInit: Config['onInit']): NonNullable<Config['onInit']> =>
  async (payload) => {
    staffOnlyDocumentLocks(payload)
    await onInit?.(payload)
  }

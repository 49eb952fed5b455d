import type { CollectionBeforeChangeHook } from 'payload'

import { hasRole } from '../../access/roles'
import { normalizeEmail } from '../../domain/email'
import { CodedError } from '../../errors'

/**
 * A subscriber's address is who they are: double opt-in, the preference center, export and erasure
 * all find the person by it. An integration key may write it when it creates a subscriber, but
 * re-pointing an existing one would let the key's holder sign up with that address and take over
 * the person's data (security review F1). Only an admin changes it; server code without a user
 * (flows, imports, jobs) is trusted as before.
 */
export const keepSubscriberEmail: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !req.user || data?.email == null || hasRole(req, 'admin')) return data
  const stored = normalizeEmail(originalDoc?.email) ?? originalDoc?.email
  if ((normalizeEmail(data.email) ?? data.email) === stored) return data
  throw new CodedError('FORBIDDEN', 'Only an admin changes the email address of an existing subscriber.')
}

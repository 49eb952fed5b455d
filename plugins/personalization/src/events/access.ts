import type { PayloadRequest } from 'payload'

import { hasRole } from '../access/roles'
import { CodedError } from '../errors'

/** Event intake is for systems (API keys) and admins; editors see no personal data. Shared by REST and GraphQL. */
export function requireIntakeAccess(req: Pick<PayloadRequest, 'payload' | 'user'>) {
  if (!req.user)
    throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key (Authorization: users API-Key <key>)')
  if (!hasRole(req, 'admin')) throw new CodedError('FORBIDDEN', 'Only admins and their API keys may record events')
}

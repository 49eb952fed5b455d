import type { PayloadRequest } from 'payload'

import { hasApiScope } from '../access/apiScopes'
import { hasRole } from '../access/roles'
import { CodedError } from '../errors'

/**
 * Event intake is for systems (an integration account's key with the `events` scope, or an
 * admin's) and admins; editors see no personal data. Shared by REST and GraphQL.
 */
/**
 * Admins (and their keys) get every event's outcome (`unknown_subscriber`, `no_tracking_consent`,
 * `duplicate`); an integration key gets `accepted` for each valid event, so it cannot find out who
 * is subscribed (docs/plugins/personalization.md#event-intake).
 */
export const intakeAnswersDiscreetly = (req: Pick<PayloadRequest, 'payload' | 'user'>) => !hasRole(req, 'admin')

export function requireIntakeAccess(req: Pick<PayloadRequest, 'payload' | 'user'>) {
  if (!req.user)
    throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key (Authorization: users API-Key <key>)')
  if (!hasRole(req, 'admin') && !hasApiScope(req, 'events'))
    throw new CodedError('FORBIDDEN', 'Only admins and API keys with the events scope may record events')
}

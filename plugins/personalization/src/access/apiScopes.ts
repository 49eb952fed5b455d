import type { Access, FieldAccess, PayloadRequest, SelectField } from 'payload'

import { CodedError } from '../errors'
import { personalizationOptions } from '../extensions'
import { option, translated } from '../translations'
import { hasRole } from './roles'

/**
 * What an integration account's API key may do (issue 21: "a shop never holds an admin key"):
 * record events (POST /api/events), create and update subscribers, read campaign reports.
 * Nothing else: an integration account is not staff, so every staff check refuses it.
 */
export const API_SCOPES = ['events', 'subscribers', 'reports'] as const
export type ApiScope = (typeof API_SCOPES)[number]

type Integration = { apiScopes?: null | string[]; collection?: string; role?: string }

/** Whether the caller is an integration account (of the staff's auth collection) granted this scope. */
export function hasApiScope(req: Pick<PayloadRequest, 'payload' | 'user'>, scope: ApiScope): boolean {
  const user = req.user as Integration | null | undefined
  if (user?.role !== 'integration') return false
  if (req.payload && user.collection !== undefined && user.collection !== personalizationOptions(req.payload).usersSlug)
    return false
  return Array.isArray(user.apiScopes) && user.apiScopes.includes(scope)
}

/** Admins, or an integration account with this scope (collection access). */
export const adminOrScope =
  (scope: ApiScope): Access =>
  ({ req }) =>
    hasRole(req, 'admin') || hasApiScope(req, scope)

/**
 * Admins, or an integration account with this scope one document at a time: no update by a
 * `where` (a bulk update answers with every matched document, security review F2).
 */
export const adminOrScopeById =
  (scope: ApiScope): Access =>
  ({ id, req }) =>
    hasRole(req, 'admin') || (id != null && hasApiScope(req, scope))

/** The same for a field's create and update (the subscriber upsert writes personal fields it cannot read back). */
export const adminOrScopeField =
  (scope: ApiScope): FieldAccess =>
  ({ req }) =>
    hasRole(req, 'admin') || hasApiScope(req, scope)

/**
 * For endpoints and GraphQL resolvers of the staff (campaign actions, reports, segment tools): a
 * caller must be signed in, and an integration account only passes with the scope named, if any.
 */
export function requireStaff<R extends Pick<PayloadRequest, 'payload' | 'user'>>(
  req: R,
  scope?: ApiScope,
): asserts req is R & { user: NonNullable<R['user']> } {
  if (!req.user) throw new CodedError('UNAUTHENTICATED', 'Sign in or send an API key')
  if ((req.user as Integration).role !== 'integration') return
  if (!scope || !hasApiScope(req, scope))
    throw new CodedError('FORBIDDEN', `This API key is limited to its scopes${scope ? ` (needs "${scope}")` : ''}`)
}

/** The scopes field on the staff's users: set by admins, shown for integration accounts only. */
export const apiScopesField: SelectField = {
  name: 'apiScopes',
  type: 'select',
  access: {
    create: ({ req }) => hasRole(req, 'admin'),
    update: ({ req }) => hasRole(req, 'admin'),
  },
  admin: {
    condition: (data) => data?.role === 'integration',
    description: translated('kontorwerk-personalization:apiScopesDescription'),
  },
  hasMany: true,
  label: translated('kontorwerk-personalization:apiScopes'),
  options: [
    option('events', 'kontorwerk-personalization:apiScopeEvents'),
    option('subscribers', 'kontorwerk-personalization:apiScopeSubscribers'),
    option('reports', 'kontorwerk-personalization:apiScopeReports'),
  ],
}

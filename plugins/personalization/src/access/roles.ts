import type { Access, FieldAccess, PayloadRequest } from 'payload'

import { personalizationOptions } from '../extensions'

export const ROLES = ['admin', 'editor'] as const
export type Role = (typeof ROLES)[number]

type WithRole = { collection?: string; role?: null | Role }

/**
 * A member of the staff: signed in through the staff's auth collection (option `usersSlug`). A
 * host's other auth collections (shop customers, members) never count as staff.
 */
function staffUser(req: Pick<PayloadRequest, 'payload' | 'user'>): null | WithRole {
  const user = req.user as null | undefined | WithRole
  if (!user) return null
  // Without a payload (unit tests of access functions) only the role counts.
  return !req.payload ||
    user.collection === undefined ||
    user.collection === personalizationOptions(req.payload).usersSlug
    ? user
    : null
}

export function hasRole(req: Pick<PayloadRequest, 'payload' | 'user'>, role: Role): boolean {
  return staffUser(req)?.role === role
}

export const isAdmin: Access = ({ req }) => hasRole(req, 'admin')

export const isAdminField: FieldAccess = ({ req }) => hasRole(req, 'admin')

/** Any signed-in staff member (admin or editor); API keys count as their user. */
export const isStaff: Access = ({ req }) => Boolean(staffUser(req))

export const anyone: Access = () => true

/** Staff see drafts; everybody else only the published version. */
export const publishedOrStaff: Access = ({ req }) => (staffUser(req) ? true : { _status: { equals: 'published' } })

export const adminOrSelf: Access = ({ req }) => {
  if (!staffUser(req)) return false
  if (hasRole(req, 'admin')) return true
  return { id: { equals: req.user!.id } }
}

/** An admin-UI condition: the field is shown to admins only (personal data). */
export const shownToAdmins = (_data: unknown, _siblingData: unknown, { user }: { user?: unknown }) =>
  (user as null | WithRole | undefined)?.role === 'admin'

import type { Access, FieldAccess, PayloadRequest } from 'payload'

export const ROLES = ['admin', 'editor'] as const
export type Role = (typeof ROLES)[number]

type WithRole = { role?: null | Role }

export function hasRole(req: Pick<PayloadRequest, 'user'>, role: Role): boolean {
  return (req.user as null | WithRole | undefined)?.role === role
}

export const isAdmin: Access = ({ req }) => hasRole(req, 'admin')

export const isAdminField: FieldAccess = ({ req }) => hasRole(req, 'admin')

/** Any signed-in staff member (admin or editor); API keys count as their user. */
export const isStaff: Access = ({ req }) => Boolean(req.user)

export const anyone: Access = () => true

/** Staff see drafts; everybody else only the published version. */
export const publishedOrStaff: Access = ({ req }) =>
  req.user ? true : { _status: { equals: 'published' } }

export const adminOrSelf: Access = ({ req }) => {
  if (!req.user) return false
  if (hasRole(req, 'admin')) return true
  return { id: { equals: req.user.id } }
}

/** An admin-UI condition: the field is shown to admins only (personal data). */
export const shownToAdmins = (_data: unknown, _siblingData: unknown, { user }: { user?: unknown }) => (user as null | WithRole | undefined)?.role === 'admin'

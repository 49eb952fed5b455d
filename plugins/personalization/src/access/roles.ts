import type { Access, CollectionConfig, FieldAccess, PayloadRequest } from 'payload'

import { personalizationOptions } from '../extensions'

/**
 * admin: everything, personal data included; editor: content and campaigns, the marketing profile
 * only; approver ("Freigabe"): an editor who may also approve large sends (four-eyes principle);
 * integration: a system's account, not staff, whose API key may only what its scopes allow.
 */
export const ROLES = ['admin', 'editor', 'approver', 'integration'] as const
export type Role = (typeof ROLES)[number]

/** The admin labels of the roles (translation keys of the core). */
export const ROLE_LABELS = {
  admin: 'kontorwerk-personalization:roleAdmin',
  approver: 'kontorwerk-personalization:roleApprover',
  editor: 'kontorwerk-personalization:roleEditor',
  integration: 'kontorwerk-personalization:roleIntegration',
} as const satisfies Record<Role, string>

type WithRole = { collection?: string; role?: null | Role }

/**
 * A member of the staff: signed in through the staff's auth collection (option `usersSlug`). A
 * host's other auth collections (shop customers, members) never count as staff.
 */
function staffUser(req: Pick<PayloadRequest, 'payload' | 'user'>): null | WithRole {
  const user = req.user as null | undefined | WithRole
  // An integration account is a system, not a member of the staff: its key gets only its scopes.
  if (!user || user.role === 'integration') return null
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

/** Who may approve a large send: an approver, or an admin (who could grant that role anyway). */
export const mayApprove = (req: Pick<PayloadRequest, 'payload' | 'user'>) =>
  hasRole(req, 'approver') || hasRole(req, 'admin')

/** Whether the caller is a member of the staff (not anonymous, not an integration account). */
export const isStaffRequest = (req: Pick<PayloadRequest, 'payload' | 'user'>) => Boolean(staffUser(req))

export const isAdmin: Access = ({ req }) => hasRole(req, 'admin')

/** Records only the product writes (events, visitor events and merges): admins read them, nobody changes them through any API. */
export const writtenByTheProduct = {
  create: () => false,
  delete: () => false,
  read: isAdmin,
  update: () => false,
} satisfies CollectionConfig['access']

export const isAdminField: FieldAccess = ({ req }) => hasRole(req, 'admin')

/** Any signed-in staff member (admin, editor, approver); API keys count as their user, integration accounts do not. */
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

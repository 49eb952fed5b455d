import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import { adminOrSelf, hasRole, isAdmin, isAdminField, ROLES } from '@kontorwerk/personalization'

import { servedOverHttps } from '../src/config/env'
import { label, option } from '../src/i18n/label'
import { forgiveSuccessfulLogin, throttleLogin } from '../src/security/loginThrottle'

/** German and English label of each role (issue 21 added Freigabe and Integration). */
const ROLE_LABELS: Record<(typeof ROLES)[number], [string, string]> = {
  admin: ['Administrator:in', 'Administrator'],
  approver: ['Freigabe', 'Approver'],
  editor: ['Redakteur:in', 'Editor'],
  integration: ['Integration (API)', 'Integration (API)'],
}

export const Users: CollectionConfig = {
  slug: 'users',
  access: {
    // Integration accounts (API keys limited to scopes) never use the admin panel.
    admin: ({ req }) => Boolean(req.user) && (req.user as { role?: string }).role !== 'integration',
    create: isAdmin,
    delete: isAdmin,
    read: adminOrSelf,
    update: adminOrSelf,
  },
  admin: {
    defaultColumns: ['email', 'name', 'role'],
    group: label('Einstellungen', 'Settings'),
    useAsTitle: 'email',
  },
  auth: {
    cookies: { secure: servedOverHttps() },
    // No account lockout: a stranger could lock the admin out with a few wrong passwords. Failed
    // logins are throttled per client address instead (src/security/loginThrottle.ts).
    maxLoginAttempts: 0,
    useAPIKey: true,
  },
  hooks: {
    afterLogin: [forgiveSuccessfulLogin],
    beforeOperation: [throttleLogin],
    beforeChange: [
      // A staff member's address is where test sends and password resets go: only an admin changes
      // it, so an editor cannot point "mail to myself" at a customer (review finding).
      ({ data, operation, originalDoc, req }) => {
        const changed = operation === 'update' && data?.email != null && data.email !== originalDoc?.email
        if (changed && !hasRole(req, 'admin'))
          throw new APIError('Only an admin changes a staff member’s email address.', 403, undefined, true)
        return data
      },
      // The very first account (created on /admin/create-first-user) must be able to administer.
      async ({ data, operation, req }) => {
        if (operation !== 'create') return data
        const { totalDocs } = await req.payload.count({ collection: 'users', req })
        return totalDocs === 0 ? { ...data, role: 'admin' } : data
      },
    ],
  },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name') },
    {
      name: 'role',
      type: 'select',
      access: { create: isAdminField, update: isAdminField },
      defaultValue: 'editor',
      label: label('Rolle', 'Role'),
      options: ROLES.map((role) => option(role, ...ROLE_LABELS[role])),
      required: true,
      saveToJWT: true,
    },
  ],
  labels: { plural: label('Benutzer', 'Users'), singular: label('Benutzer', 'User') },
}

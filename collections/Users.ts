import type { CollectionConfig } from 'payload'

import { adminOrSelf, isAdmin, isAdminField, ROLES } from '@kontorwerk/personalization'

import { servedOverHttps } from '../src/config/env'
import { label, option } from '../src/i18n/label'
import { forgiveSuccessfulLogin, throttleLogin } from '../src/security/loginThrottle'

export const Users: CollectionConfig = {
  slug: 'users',
  access: {
    admin: ({ req }) => Boolean(req.user),
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
      options: ROLES.map((role) =>
        role === 'admin' ? option(role, 'Administrator:in', 'Administrator') : option(role, 'Redakteur:in', 'Editor'),
      ),
      required: true,
      saveToJWT: true,
    },
  ],
  labels: { plural: label('Benutzer', 'Users'), singular: label('Benutzer', 'User') },
}

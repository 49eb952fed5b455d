import type { CollectionConfig } from 'payload'

/** The host's staff: an auth collection with its own slug (the personalization core gets it as `usersSlug`). */
export const Members: CollectionConfig = {
  slug: 'members',
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [{ name: 'displayName', type: 'text' }],
}

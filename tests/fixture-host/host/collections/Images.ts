import type { CollectionConfig } from 'payload'

/** The host's uploads under their own slug (the personalization core gets it as `mediaSlug`). */
export const Images: CollectionConfig = {
  slug: 'images',
  access: { read: () => true },
  fields: [{ name: 'alt', type: 'text' }],
  upload: true,
}

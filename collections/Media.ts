import type { CollectionConfig } from 'payload'

import path from 'node:path'

import { anyone, isAdmin, isStaff } from '@kontorwerk/personalization'

import { dataDir } from '../src/config/env'
import { label } from '../src/i18n/label'

export const MEDIA_DIR = process.env.MEDIA_DIR ? path.resolve(process.env.MEDIA_DIR) : path.join(dataDir(), 'media')

/**
 * Images for blocks. Email clients need fixed-width JPEG/PNG (600 px column, 1200 px for retina);
 * the web gets WebP.
 */
export const Media: CollectionConfig = {
  slug: 'media',
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: { group: label('Inhalte', 'Content') },
  fields: [
    {
      name: 'alt',
      type: 'text',
      admin: {
        description: label(
          'Beschreibt das Bild für Screenreader und für Mail-Programme, die Bilder blockieren.',
          'Describes the image for screen readers and for mail clients that block images.',
        ),
      },
      label: label('Alternativtext', 'Alt text'),
      localized: true,
      required: true,
    },
  ],
  labels: { plural: label('Medien', 'Media'), singular: label('Medium', 'Media item') },
  upload: {
    adminThumbnail: 'thumbnail',
    imageSizes: [
      { name: 'thumbnail', fit: 'cover', height: 300, width: 400 },
      { name: 'email', withoutEnlargement: true, width: 600 },
      { name: 'emailRetina', withoutEnlargement: true, width: 1200 },
      {
        name: 'web',
        formatOptions: { format: 'webp', options: { quality: 80 } },
        withoutEnlargement: true,
        width: 1200,
      },
    ],
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    staticDir: MEDIA_DIR,
  },
}

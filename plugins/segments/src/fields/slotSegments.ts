import type { CollectionConfig, Field } from 'payload'

import { label } from '@kontorwerk/personalization'
import { SEGMENTS } from '../collections/Segments'

/** A slot may be reserved for segments: members get ranked blocks, everyone else the slot's fallback. */
export const slotSegmentsField: Field = {
  name: 'segments',
  type: 'relationship',
  admin: { description: label('Leer: für alle. Sonst nur für Mitglieder; alle anderen erhalten den Fallback.', 'Empty: for everyone. Otherwise members only; everyone else gets the fallback.') },
  hasMany: true,
  label: label('Nur Segmente', 'Only segments'),
  relationTo: SEGMENTS,
}

/** Adds the segment filter to the `slots` of newsletters and landing pages. */
export function withSlotSegments(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    fields: collection.fields.map((field) =>
      'name' in field && field.name === 'slots' && field.type === 'array' ? { ...field, fields: [...field.fields, slotSegmentsField] } : field,
    ),
  }
}

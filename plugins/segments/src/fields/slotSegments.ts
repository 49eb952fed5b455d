import type { CollectionConfig, Field } from 'payload'

import { SEGMENTS } from '../collections/Segments'
import { translated } from '../translations'

/** A slot may be reserved for segments: members get ranked blocks, everyone else the slot's fallback. */
export const slotSegmentsField: Field = {
  name: 'segments',
  type: 'relationship',
  admin: { description: translated('kontorwerk-segments:slotSegmentsDescription') },
  hasMany: true,
  label: translated('kontorwerk-segments:slotSegments'),
  relationTo: SEGMENTS,
}

/** Adds the segment filter to the `slots` of newsletters and landing pages. */
export function withSlotSegments(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    fields: collection.fields.map((field) =>
      'name' in field && field.name === 'slots' && field.type === 'array'
        ? { ...field, fields: [...field.fields, slotSegmentsField] }
        : field,
    ),
  }
}

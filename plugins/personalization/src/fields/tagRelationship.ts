import type { CollectionSlug, RelationshipField, Validate } from 'payload'

import { relationship } from 'payload/shared'

import type { TranslatedLabel } from '../i18n/translations'

import { message } from '../translations'

type Ref = number | string | { id?: number | string; value?: number | string }

const idOf = (ref: Ref) => (typeof ref === 'object' ? (ref.value ?? ref.id) : ref)

/**
 * Payload checks only the id's format; a tag must point at a document that exists,
 * so a typo or a deleted persona is a validation error instead of a database error.
 */
export const relationsExist: Validate = async (value, options) => {
  const base = await relationship(value as never, options as never)
  if (base !== true || value == null || options.event === 'onChange') return base

  const ids = [...new Set((Array.isArray(value) ? value : [value]).map((ref: Ref) => idOf(ref)))]
  if (ids.length === 0) return true
  const collection = (options as unknown as { relationTo: CollectionSlug }).relationTo
  const { req } = options
  const found = await req.payload.find({
    collection,
    depth: 0,
    limit: ids.length,
    pagination: false,
    req,
    where: { id: { in: ids } },
  })
  const existing = new Set(found.docs.map((doc) => String(doc.id)))
  const missing = ids.filter((id) => !existing.has(String(id)))
  return missing.length === 0
    ? true
    : message(req, 'kontorwerk-personalization:relationNotFound', { collection, ids: missing.join(', ') })
}

export function tagRelationship(
  name: string,
  relationTo: CollectionSlug,
  fieldLabel: TranslatedLabel,
  overrides: { hasMany?: boolean; required?: boolean } & Partial<Pick<RelationshipField, 'admin' | 'index'>> = {},
): RelationshipField {
  return {
    name,
    type: 'relationship',
    hasMany: true,
    index: true,
    label: fieldLabel,
    relationTo,
    validate: relationsExist,
    ...overrides,
  } as RelationshipField
}

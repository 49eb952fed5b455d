import type { CollectionConfig, Validate } from 'payload'

import { anyone, isAdmin, isStaff } from '../access/roles'
import { message, texts, translated } from '../translations'
import { relationId, type RelationValue } from '../utilities/relation'
import { slugField } from '../utilities/slug'

const MAX_DEPTH = 5

/** Rejects a parent that is the interest itself or one of its descendants. */
const parentIsNotDescendant: Validate = async (value, { id, req }) => {
  let current = relationId(value as RelationValue)
  for (let depth = 0; current != null; depth++) {
    if (id != null && String(current) === String(id)) {
      return message(req, 'kontorwerk-personalization:interestUnderItself')
    }
    if (depth >= MAX_DEPTH) {
      return message(req, 'kontorwerk-personalization:interestTooDeep', { max: MAX_DEPTH })
    }
    const parent = await req.payload
      .findByID({ id: current, collection: 'interests', depth: 0, disableErrors: true, req })
      .catch(() => null)
    if (!parent) return message(req, 'kontorwerk-personalization:parentInterestNotFound')
    current = relationId(parent.parent)
  }
  return true
}

/** A node of the interest taxonomy, e.g. Marketing Automation › Lead-Scoring. */
export const Interests: CollectionConfig = {
  slug: 'interests',
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: {
    defaultColumns: ['label', 'slug', 'parent'],
    group: texts('kontorwerk-personalization:groupAudience'),
    useAsTitle: 'label',
  },
  fields: [
    {
      name: 'label',
      type: 'text',
      label: translated('kontorwerk-personalization:label'),
      localized: true,
      required: true,
    },
    slugField('label'),
    {
      name: 'parent',
      type: 'relationship',
      admin: { position: 'sidebar' },
      filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
      index: true,
      label: translated('kontorwerk-personalization:parent'),
      relationTo: 'interests',
      validate: parentIsNotDescendant,
    },
    {
      name: 'description',
      type: 'textarea',
      label: translated('kontorwerk-personalization:description'),
      localized: true,
    },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:interests'),
    singular: translated('kontorwerk-personalization:interest'),
  },
}

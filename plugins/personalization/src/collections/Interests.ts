import type { CollectionConfig, Validate } from 'payload'

import { anyone, isAdmin, isStaff } from '../access/roles'
import { message, texts, translated } from '../translations'
import { relationId, type RelationValue } from '../utilities/relation'
import { slugField } from '../utilities/slug'
import { isPagePath } from '../visitors/pageUrls'

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

/** Every page path must be one a URL→interest rule can match (visitors/pageUrls.ts). */
const pagePaths: Validate = (value, { req }) => {
  const wrong = ((value as null | string[]) ?? []).find((path) => !isPagePath(path))
  return wrong === undefined ? true : message(req, 'kontorwerk-personalization:invalidPageUrl', { value: wrong })
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
    // URL→interest rules: visits of these pages (browser SDK) show the interest, for anonymous visitors too.
    {
      name: 'pageUrls',
      type: 'text',
      admin: { description: translated('kontorwerk-personalization:pageUrlsDescription') },
      hasMany: true,
      label: translated('kontorwerk-personalization:pageUrls'),
      validate: pagePaths,
    },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:interests'),
    singular: translated('kontorwerk-personalization:interest'),
  },
}

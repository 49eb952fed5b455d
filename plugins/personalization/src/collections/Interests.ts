import type { CollectionConfig, Validate } from 'payload'

import { anyone, isAdmin, isStaff } from '../access/roles'
import { label } from '../i18n/label'
import { message } from '../i18n/message'
import { relationId, type RelationValue } from '../utilities/relation'
import { slugField } from '../utilities/slug'

const MAX_DEPTH = 5


/** Rejects a parent that is the interest itself or one of its descendants. */
const parentIsNotDescendant: Validate = async (value, { id, req }) => {
  let current = relationId(value as RelationValue)
  for (let depth = 0; current != null; depth++) {
    if (id != null && String(current) === String(id)) {
      return message(req, label('Ein Interesse kann nicht unter sich selbst hängen.', 'An interest cannot be nested under itself.'))
    }
    if (depth >= MAX_DEPTH) {
      return message(req, label(`Höchstens ${MAX_DEPTH} Ebenen.`, `At most ${MAX_DEPTH} levels.`))
    }
    const parent = await req.payload
      .findByID({ id: current, collection: 'interests', depth: 0, disableErrors: true, req })
      .catch(() => null)
    if (!parent) return message(req, label('Übergeordnetes Interesse nicht gefunden.', 'Parent interest not found.'))
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
    group: label('Zielgruppen', 'Audience'),
    useAsTitle: 'label',
  },
  fields: [
    { name: 'label', type: 'text', label: label('Bezeichnung', 'Label'), localized: true, required: true },
    slugField('label'),
    {
      name: 'parent',
      type: 'relationship',
      admin: { position: 'sidebar' },
      filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
      index: true,
      label: label('Übergeordnet', 'Parent'),
      relationTo: 'interests',
      validate: parentIsNotDescendant,
    },
    { name: 'description', type: 'textarea', label: label('Beschreibung', 'Description'), localized: true },
  ],
  labels: { plural: label('Interessen', 'Interests'), singular: label('Interesse', 'Interest') },
}

import type { CollectionConfig } from 'payload'

import { anyone, isAdmin, isStaff } from '../src/access/roles'
import { conditionFields } from '../src/fields/condition'
import { label } from '../src/i18n/label'
import { slugField } from '../src/utilities/slug'

/**
 * A buyer persona. Its attribute profile lists what a matching subscriber looks like;
 * lead scoring turns it into a fit percentage per subscriber.
 */
export const Personas: CollectionConfig = {
  slug: 'personas',
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: {
    defaultColumns: ['name', 'slug', 'description'],
    group: label('Zielgruppen', 'Audience'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name'), localized: true, required: true },
    slugField('name'),
    { name: 'description', type: 'textarea', label: label('Beschreibung', 'Description'), localized: true },
    {
      name: 'profile',
      type: 'array',
      admin: {
        description: label(
          'Merkmale eines passenden Profils. Jede Zeile prüft ein Feld des Abonnenten (z. B. region oder attributes.industry); die Gewichte bestimmen den Fit in Prozent.',
          "Traits of a matching profile. Each row checks one subscriber field (e.g. region or attributes.industry); the weights determine the fit percentage.",
        ),
        initCollapsed: true,
      },
      fields: [
        {
          type: 'row',
          fields: [
            ...conditionFields(['in', 'gte', 'lte']),
            {
              name: 'weight',
              type: 'number',
              defaultValue: 1,
              label: label('Gewicht', 'Weight'),
              max: 10,
              min: 1,
              required: true,
            },
          ],
        },
      ],
      label: label('Attributprofil', 'Attribute profile'),
    },
  ],
  labels: { plural: label('Personas', 'Personas'), singular: label('Persona', 'Persona') },
}

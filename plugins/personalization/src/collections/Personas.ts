import type { CollectionConfig } from 'payload'

import { adminOnlyChanges } from '../access/adminOnlyChanges'
import { anyone, isAdmin, isStaff } from '../access/roles'
import { conditionFields } from '../fields/condition'
import { label } from '../i18n/label'
import { slugField } from '../utilities/slug'

/**
 * A buyer persona. Its attribute profile lists what a matching subscriber looks like;
 * lead scoring turns it into a fit percentage per subscriber.
 *
 * Only admins write attribute profiles. The best fit becomes the subscriber's primary persona,
 * which editors see; a profile on custom attributes tests personal data, and even one on public
 * fields competes with the others (a profile everybody fits 75 % shows exactly who fits an
 * admin's persona by less), so an editor's profile would read personal data sideways.
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
          'Merkmale eines passenden Profils. Jede Zeile prüft ein Feld des Abonnenten (z. B. region oder attributes.industry); die Gewichte bestimmen den Fit in Prozent. Nur Admins ändern das Profil.',
          'Traits of a matching profile. Each row checks one subscriber field (e.g. region or attributes.industry); the weights determine the fit percentage. Only admins change the profile.',
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
  hooks: {
    beforeChange: [
      adminOnlyChanges((doc) => ((doc?.profile as unknown[] | undefined)?.length ? doc?.profile : null), {
        path: 'profile',
        refusal: label(
          'Das Attributprofil legen und ändern nur Admins (es entscheidet über die primäre Persona aus persönlichen Merkmalen); Name und Beschreibung können Sie ändern.',
          'Only admins create and change the attribute profile (it decides the primary persona from personal traits); you may change name and description.',
        ),
      }),
    ],
  },
  labels: { plural: label('Personas', 'Personas'), singular: label('Persona', 'Persona') },
}

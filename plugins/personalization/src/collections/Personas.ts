import type { CollectionConfig } from 'payload'

import { adminOnlyChanges } from '../access/adminOnlyChanges'
import { anyone, isAdmin, isStaff } from '../access/roles'
import { conditionFields } from '../fields/condition'
import { rowLabel } from '../fields/rowLabels'
import { texts, translated } from '../translations'
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
    group: texts('kontorwerk-personalization:groupAudience'),
    useAsTitle: 'name',
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      label: translated('kontorwerk-personalization:name'),
      localized: true,
      required: true,
    },
    slugField('name'),
    {
      name: 'description',
      type: 'textarea',
      label: translated('kontorwerk-personalization:description'),
      localized: true,
    },
    {
      name: 'profile',
      type: 'array',
      admin: {
        components: { RowLabel: rowLabel(texts('kontorwerk-personalization:profileSingular')) },
        description: translated('kontorwerk-personalization:profileDescription'),
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
              label: translated('kontorwerk-personalization:weight'),
              max: 10,
              min: 1,
              required: true,
            },
          ],
        },
      ],
      label: translated('kontorwerk-personalization:profile'),
      labels: {
        plural: translated('kontorwerk-personalization:profilePlural'),
        singular: translated('kontorwerk-personalization:profileSingular'),
      },
    },
  ],
  hooks: {
    beforeChange: [
      adminOnlyChanges((doc) => ((doc?.profile as unknown[] | undefined)?.length ? doc?.profile : null), {
        path: 'profile',
        refusal: translated('kontorwerk-personalization:profileAdminOnly'),
      }),
    ],
  },
  labels: {
    plural: translated('kontorwerk-personalization:personas'),
    singular: translated('kontorwerk-personalization:personasSingular'),
  },
}

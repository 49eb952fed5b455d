import type { CollectionBeforeChangeHook, CollectionConfig, Field } from 'payload'

import { translated } from '../translations'
import { trackEdits } from './trackEdits'

const readOnlyForEveryone = { create: () => false, update: () => false }

/**
 * The four-eyes approval on a campaign or automation (docs/governance.md): written only by the
 * approve action and voided by the next edit, never by a form or an API save. `lastEditedBy`
 * names whose save came last, so that person cannot approve their own work.
 */
export const approvalFields = (usersSlug: string): Field[] => [
  {
    name: 'approval',
    type: 'group',
    access: readOnlyForEveryone,
    admin: { position: 'sidebar', readOnly: true },
    fields: [
      {
        name: 'approvedBy',
        type: 'relationship',
        label: translated('kontorwerk-campaigns:approvalApprovedBy'),
        relationTo: usersSlug as 'users',
      },
      {
        name: 'approvedAt',
        type: 'date',
        admin: { date: { pickerAppearance: 'dayAndTime' } },
        label: translated('kontorwerk-campaigns:approvalApprovedAt'),
      },
      { name: 'recipients', type: 'number', label: translated('kontorwerk-campaigns:approvalRecipients') },
    ],
    label: translated('kontorwerk-campaigns:approval'),
  },
  {
    name: 'lastEditedBy',
    type: 'relationship',
    access: readOnlyForEveryone,
    admin: { position: 'sidebar', readOnly: true },
    label: translated('kontorwerk-campaigns:lastEditedBy'),
    relationTo: usersSlug as 'users',
  },
]

/**
 * A collection whose large sends need a second person's approval: the approval fields, and the
 * hooks that remember the last editor and void the approval on any edit (after the collection's
 * own, so a refused save changes nothing). `system`: fields only the system writes.
 */
export function withApproval(
  collection: CollectionConfig,
  usersSlug: string,
  system: readonly string[],
  beforeChange: CollectionBeforeChangeHook[] = [],
): CollectionConfig {
  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    fields: [...collection.fields, ...approvalFields(usersSlug)],
    hooks: { ...hooks, beforeChange: [...(hooks.beforeChange ?? []), trackEdits(system), ...beforeChange] },
  }
}

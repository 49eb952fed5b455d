import type { GroupField } from 'payload'

import { translated } from '../translations'

/**
 * Whether mail reaches the address: a hard bounce marks it undeliverable (written with the bounce
 * event, never through the API); a later confirmed email opt-in proves the mailbox works again.
 */
export const deliverabilityField: GroupField = {
  name: 'deliverability',
  type: 'group',
  access: { create: () => false, update: () => false },
  admin: { position: 'sidebar', readOnly: true },
  fields: [
    {
      name: 'undeliverableSince',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
      label: translated('kontorwerk-consent:undeliverableSince'),
    },
    { name: 'reason', type: 'text', label: translated('kontorwerk-consent:reason') },
  ],
  label: translated('kontorwerk-consent:deliverability'),
}

import type { GroupField } from 'payload'

import { label } from '@kontorwerk/personalization'

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
    { name: 'undeliverableSince', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, label: label('Unzustellbar seit', 'Undeliverable since') },
    { name: 'reason', type: 'text', label: label('Grund', 'Reason') },
  ],
  label: label('Zustellbarkeit', 'Deliverability'),
}

import type { CollectionConfig } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'
import { label, option } from '@kontorwerk/personalization'
import { CAMPAIGN_SENDS } from '../defaults'

export const SEND_STATES = ['pending', 'sent', 'skipped', 'failed', 'cancelled'] as const
export type SendState = (typeof SEND_STATES)[number]

/**
 * One row per (campaign, subscriber), written before anything leaves: the unique `sendKey` makes
 * a second send impossible, `claim`/`leaseUntil` hand recipients to one worker at a time, and
 * `state` moves to `sent` in the same commit that releases the message to the SMTP server.
 * Written only by the sender, in bulk; admins can read it (it names who got what).
 */
export const CampaignSends: CollectionConfig = {
  slug: CAMPAIGN_SENDS,
  access: { create: () => false, delete: () => false, read: isAdmin, update: () => false },
  admin: {
    defaultColumns: ['campaign', 'subscriber', 'state', 'reason', 'sentAt'],
    group: label('Ausspielung', 'Delivery'),
    hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin',
  },
  fields: [
    { name: 'campaign', type: 'relationship', relationTo: 'campaigns', required: true },
    // Empty only after the subscriber was erased: the record stays for the campaign's counts, naming nobody.
    { name: 'subscriber', type: 'relationship', index: true, relationTo: 'subscribers' },
    { name: 'sendKey', type: 'text', required: true, unique: true },
    {
      name: 'state',
      type: 'select',
      defaultValue: 'pending',
      label: label('Status', 'State'),
      options: [
        option('pending', 'Offen', 'Pending'),
        option('sent', 'Gesendet', 'Sent'),
        option('skipped', 'Übersprungen', 'Skipped'),
        option('failed', 'Fehlgeschlagen', 'Failed'),
        option('cancelled', 'Abgebrochen', 'Cancelled'),
      ],
      required: true,
    },
    /** Why it was skipped (the gate's answer, e.g. `withdrawn`) or why it failed. */
    { name: 'reason', type: 'text', label: label('Grund', 'Reason') },
    { name: 'variant', type: 'text', label: label('Variante', 'Variant') },
    { name: 'claim', type: 'text' },
    { name: 'leaseUntil', type: 'date' },
    { name: 'attempts', type: 'number', defaultValue: 0 },
    { name: 'nextAttemptAt', type: 'date' },
    { name: 'sentAt', type: 'date', label: label('Übergeben', 'Handed over') },
    /** The SMTP server's 250 after the message: absent after a crash in between (the message still counts as sent). */
    { name: 'acceptedAt', type: 'date', label: label('Angenommen', 'Accepted') },
    { name: 'messageId', type: 'text', index: true },
    { name: 'blocks', type: 'json', label: label('Blöcke', 'Blocks') },
    { name: 'eventRecorded', type: 'checkbox', defaultValue: false },
  ],
  indexes: [{ fields: ['campaign', 'state'] }],
  labels: { plural: label('Versandprotokoll', 'Send records'), singular: label('Versand', 'Send record') },
}

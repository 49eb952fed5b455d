import type { CollectionConfig } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import { CAMPAIGN_SENDS } from '../defaults'
import { option, texts, translated } from '../translations'

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
    group: texts('kontorwerk-campaigns:groupDelivery'),
    hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin',
  },
  fields: [
    {
      name: 'campaign',
      type: 'relationship',
      relationTo: 'campaigns',
      required: true,
      label: translated('kontorwerk-campaigns:fieldCampaign'),
    },
    // Empty only after the subscriber was erased: the record stays for the campaign's counts, naming nobody.
    {
      name: 'subscriber',
      type: 'relationship',
      index: true,
      relationTo: 'subscribers',
      label: translated('kontorwerk-campaigns:fieldSubscriber'),
    },
    {
      name: 'sendKey',
      type: 'text',
      required: true,
      unique: true,
      label: translated('kontorwerk-campaigns:fieldSendKey'),
    },
    {
      name: 'state',
      type: 'select',
      defaultValue: 'pending',
      label: translated('kontorwerk-campaigns:state'),
      options: [
        option('pending', 'kontorwerk-campaigns:statePending'),
        option('sent', 'kontorwerk-campaigns:stateSent'),
        option('skipped', 'kontorwerk-campaigns:stateSkipped'),
        option('failed', 'kontorwerk-campaigns:stateFailed'),
        option('cancelled', 'kontorwerk-campaigns:stateCancelled'),
      ],
      required: true,
    },
    /** Why it was skipped (the gate's answer, e.g. `withdrawn`) or why it failed. */
    { name: 'reason', type: 'text', label: translated('kontorwerk-campaigns:reason') },
    { name: 'variant', type: 'text', label: translated('kontorwerk-campaigns:variant') },
    { name: 'claim', type: 'text', label: translated('kontorwerk-campaigns:fieldClaim') },
    { name: 'leaseUntil', type: 'date', label: translated('kontorwerk-campaigns:fieldLeaseUntil') },
    { name: 'attempts', type: 'number', defaultValue: 0, label: translated('kontorwerk-campaigns:fieldAttempts') },
    { name: 'nextAttemptAt', type: 'date', label: translated('kontorwerk-campaigns:fieldNextAttemptAt') },
    { name: 'sentAt', type: 'date', label: translated('kontorwerk-campaigns:sentAt') },
    /** The SMTP server's 250 after the message: absent after a crash in between (the message still counts as sent). */
    { name: 'acceptedAt', type: 'date', label: translated('kontorwerk-campaigns:acceptedAt') },
    { name: 'messageId', type: 'text', index: true, label: translated('kontorwerk-campaigns:fieldMessageId') },
    { name: 'blocks', type: 'json', label: translated('kontorwerk-campaigns:blocks') },
    {
      name: 'eventRecorded',
      type: 'checkbox',
      defaultValue: false,
      label: translated('kontorwerk-campaigns:fieldEventRecorded'),
    },
  ],
  indexes: [
    { fields: ['campaign', 'state'] },
    // A subscriber's sent and pending mails, which the contact budget counts for every recipient at
    // the commit (sendRecords.ts markSent). Without it the planner, whose statistics still say the
    // campaign has no sent rows, walks the campaign's sent rows for each recipient: quadratic.
    { fields: ['subscriber', 'state'] },
  ],
  labels: {
    plural: translated('kontorwerk-campaigns:campaignSendsPlural'),
    singular: translated('kontorwerk-campaigns:campaignSendsSingular'),
  },
}

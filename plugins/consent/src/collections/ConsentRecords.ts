import type { CollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { ResolvedConsentOptions } from '../types'

import { isAdmin } from '@kontorwerk/personalization'
import { label, option } from '@kontorwerk/personalization'
import { CONSENT_CHANNEL_OPTIONS } from '../fields/channels'

export const CONSENT_RECORDS = 'consent-records'

const never = () => false

/**
 * The append-only consent ledger (DSGVO Art. 7(1): the company must prove consent). Entries are
 * written only by the product's own flows; no API can change or delete them, not even an admin's.
 */
export function consentRecords(options: ResolvedConsentOptions): CollectionConfig {
  return {
    slug: CONSENT_RECORDS,
    access: { create: never, delete: never, read: isAdmin, update: never },
    admin: {
      defaultColumns: ['occurredAt', 'subscriber', 'purpose', 'topic', 'channel', 'action', 'source'],
      group: label('Einwilligungen', 'Consent'),
      useAsTitle: 'action',
    },
    // The plugin's options, for code that only has `payload` (consentOptions).
    custom: { consentOptions: options },
    defaultSort: '-occurredAt',
    fields: [
      {
        name: 'subscriber',
        type: 'relationship',
        index: true,
        label: label('Abonnent', 'Subscriber'),
        relationTo: options.subscribersSlug as 'subscribers',
        // Only the anonymised note that a subscriber was erased has none.
        validate: (value: unknown, { siblingData }: { siblingData: { action?: string } }) =>
          value != null || siblingData.action === 'erased' || 'A consent record belongs to a subscriber',
      },
      {
        type: 'row',
        fields: [
          {
            name: 'purpose',
            type: 'select',
            label: label('Zweck', 'Purpose'),
            options: [option('marketing', 'Werbung', 'Marketing'), option('tracking', 'Tracking', 'Tracking')],
            required: true,
          },
          { name: 'topic', type: 'relationship', label: label('Thema', 'Topic'), relationTo: 'topics' },
          { name: 'channel', type: 'select', label: label('Kanal', 'Channel'), options: CONSENT_CHANNEL_OPTIONS, required: true },
          {
            name: 'action',
            type: 'select',
            label: label('Aktion', 'Action'),
            options: [
              option('requested', 'Angefordert', 'Requested'),
              option('confirmed', 'Bestätigt', 'Confirmed'),
              option('withdrawn', 'Widerrufen', 'Withdrawn'),
              option('erased', 'Gelöscht (DSGVO)', 'Erased (GDPR)'),
            ],
            required: true,
          },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'occurredAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, index: true, label: label('Zeitpunkt', 'Time'), required: true },
          {
            name: 'source',
            type: 'select',
            label: label('Quelle', 'Source'),
            options: [
              option('form', 'Formular', 'Form'),
              option('import', 'Import', 'Import'),
              option('preference_center', 'Präferenzcenter', 'Preference center'),
              option('api', 'API', 'API'),
              option('one_click', 'Ein-Klick-Abmeldung', 'One-click unsubscribe'),
              option('admin', 'Verwaltung', 'Admin'),
            ],
            required: true,
          },
          { name: 'textVersion', type: 'text', label: label('Version des Einwilligungstexts', 'Consent text version') },
          {
            name: 'requestId',
            type: 'text',
            admin: { description: label('Verbindet Anforderung und Bestätigung eines Double-Opt-ins.', 'Links the request and the confirmation of one double opt-in.') },
            index: true,
            label: label('Vorgang', 'Request'),
          },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'ipAddress', type: 'text', label: label(`IP-Adresse (${options.networkData})`, `IP address (${options.networkData})`) },
          { name: 'userAgent', type: 'text', label: label('User-Agent', 'User agent') },
        ],
      },
      { name: 'proof', type: 'json', label: label('Nachweis', 'Proof') },
    ],
    hooks: {
      // Access already refuses every API; these also stop server code that overrides access.
      beforeChange: [
        ({ operation }) => {
          if (operation === 'update') throw new APIError('Consent records cannot be changed', 403, undefined, true)
        },
      ],
      beforeDelete: [
        // Only the erasure of a subscriber removes records, below Payload's API (consentPersonalData).
        () => {
          throw new APIError('Consent records cannot be deleted', 403, undefined, true)
        },
      ],
    },
    labels: { plural: label('Einwilligungsnachweise', 'Consent records'), singular: label('Einwilligungsnachweis', 'Consent record') },
  }
}

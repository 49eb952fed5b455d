import type { CollectionConfig, PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { isAdmin } from '@kontorwerk/personalization'

import type { ResolvedConsentOptions } from '../types'

import { CONSENT_CHANNEL_OPTIONS } from '../fields/channels'
import { message, option, texts, translated } from '../translations'
import { consentWebhooks } from '../utilities/consentWebhooks'

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
      group: texts('kontorwerk-consent:groupConsent'),
      // An entry is known by its time (in the admin's date format): the stored action would show as a key ("withdrawn").
      listSearchableFields: ['requestId', 'textVersion'],
      useAsTitle: 'occurredAt',
    },
    // The plugin's options, for code that only has `payload` (consentOptions).
    custom: { consentOptions: options },
    defaultSort: '-occurredAt',
    fields: [
      {
        name: 'subscriber',
        type: 'relationship',
        index: true,
        label: translated('kontorwerk-consent:subscriber'),
        relationTo: options.subscribersSlug as 'subscribers',
        // Only the anonymised note that a subscriber was erased has none.
        validate: (value: unknown, { req, siblingData }: { req: PayloadRequest; siblingData: { action?: string } }) =>
          value != null || siblingData.action === 'erased' || message(req, 'kontorwerk-consent:subscriberRequired'),
      },
      {
        type: 'row',
        fields: [
          {
            name: 'purpose',
            type: 'select',
            label: translated('kontorwerk-consent:purpose'),
            options: [
              option('marketing', 'kontorwerk-consent:purposeMarketing'),
              option('tracking', 'kontorwerk-consent:purposeTracking'),
            ],
            required: true,
          },
          { name: 'topic', type: 'relationship', label: translated('kontorwerk-consent:topic'), relationTo: 'topics' },
          {
            name: 'channel',
            type: 'select',
            label: translated('kontorwerk-consent:channel'),
            options: CONSENT_CHANNEL_OPTIONS,
            required: true,
          },
          {
            name: 'action',
            type: 'select',
            label: translated('kontorwerk-consent:action'),
            options: [
              option('requested', 'kontorwerk-consent:actionRequested'),
              option('confirmed', 'kontorwerk-consent:actionConfirmed'),
              option('withdrawn', 'kontorwerk-consent:actionWithdrawn'),
              option('erased', 'kontorwerk-consent:actionErased'),
            ],
            required: true,
          },
        ],
      },
      {
        type: 'row',
        fields: [
          {
            name: 'occurredAt',
            type: 'date',
            admin: { date: { pickerAppearance: 'dayAndTime' } },
            index: true,
            label: translated('kontorwerk-consent:occurredAt'),
            required: true,
          },
          {
            name: 'source',
            type: 'select',
            label: translated('kontorwerk-consent:source'),
            options: [
              option('form', 'kontorwerk-consent:sourceForm'),
              option('import', 'kontorwerk-consent:sourceImport'),
              option('preference_center', 'kontorwerk-consent:sourcePreferenceCenter'),
              option('api', 'kontorwerk-consent:sourceApi'),
              option('one_click', 'kontorwerk-consent:sourceOneClick'),
              option('admin', 'kontorwerk-consent:sourceAdmin'),
            ],
            required: true,
          },
          { name: 'textVersion', type: 'text', label: translated('kontorwerk-consent:textVersion') },
          {
            name: 'requestId',
            type: 'text',
            admin: { description: translated('kontorwerk-consent:requestIdDescription') },
            index: true,
            label: translated('kontorwerk-consent:requestId'),
          },
        ],
      },
      {
        type: 'row',
        fields: [
          {
            name: 'ipAddress',
            type: 'text',
            label: translated('kontorwerk-consent:ipAddress', { storage: options.networkData }),
          },
          { name: 'userAgent', type: 'text', label: translated('kontorwerk-consent:userAgent') },
        ],
      },
      { name: 'proof', type: 'json', label: translated('kontorwerk-consent:proof') },
    ],
    hooks: {
      // Outgoing webhooks: consent_changed and unsubscribed (issue 21).
      afterChange: [consentWebhooks],
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
    labels: {
      plural: translated('kontorwerk-consent:consentRecordsPlural'),
      singular: translated('kontorwerk-consent:consentRecordsSingular'),
    },
  }
}

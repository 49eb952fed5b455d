import type { CollectionConfig, Field, FieldHook, PayloadRequest } from 'payload'

import { adminOrScopeField } from '../access/apiScopes'
import { isAdmin, isAdminField, isStaff } from '../access/roles'
import { normalizeEmail } from '../domain/email'
import { addressFormOptions, genderOptions } from '../domain/salutation-data'
import { isTimeZone } from '../domain/timeZones'
import { eventsPersonalData } from '../events/eventsPersonalData'
import { readerLocaleField } from '../fields/locale'
import { upperCaseRegionCode, validRegionCode } from '../fields/regionCode'
import { rowLabel } from '../fields/rowLabels'
import { keepOnOneLine } from '../fields/singleLine'
import { relationsExist, tagRelationship } from '../fields/tagRelationship'
import { jobsPersonalData } from '../jobs/jobsPersonalData'
import { planErasure } from '../personalData/erasure'
import { linkKeyField } from '../security/linkKey'
import { message, option, texts, translated } from '../translations'
import { visitorMergesPersonalData } from '../visitors/visitorMergesPersonalData'
import { webhookDeliveriesPersonalData } from '../webhooks/webhookDeliveriesPersonalData'
import { EVENTS } from './Events'
import { answerIntegrationsWithId } from './hooks/answerIntegrationsWithId'
import { keepSubscriberEmail } from './hooks/keepSubscriberEmail'
import { recordStageChange } from './hooks/recordStageChange'

const MAX_ATTRIBUTE_KEYS = 50

/**
 * Personal data: only admins can read it; editors see the marketing profile. Through Payload's API
 * only admins write subscribers (collection access below); an integration key with the `subscribers`
 * scope writes them through the bulk upsert (consent package), whose answers tell it nothing stored.
 * The field access still names the scope for hosts that open the collection to keys.
 */
const writtenBySync = adminOrScopeField('subscribers')
const personal = <F extends Field>(field: F): F =>
  ({ ...field, access: { create: writtenBySync, read: isAdminField, update: writtenBySync } }) as F

const normalizeEmailHook: FieldHook = ({ value }) => normalizeEmail(value) ?? value

export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  access: {
    // Not for keys: a create's refusal of a taken address tells a key who is a subscriber. Integrations
    // use POST /api/subscribers/bulk-upsert (consent package), whose answer is the same for everybody.
    create: isAdmin,
    delete: isAdmin,
    read: isStaff,
    // Not for keys either: 200 against 403 for a guessed id and address would tell a key who subscribes.
    update: isAdmin,
  },
  admin: {
    defaultColumns: ['email', 'firstName', 'lastName', 'stage', 'persona', 'locale'],
    group: texts('kontorwerk-personalization:groupAudience'),
    listSearchableFields: ['email', 'lastName'],
    useAsTitle: 'email',
  },
  fields: [
    personal({
      name: 'email',
      type: 'email',
      hooks: { beforeValidate: [normalizeEmailHook] },
      index: true,
      label: translated('kontorwerk-personalization:email'),
      required: true,
      unique: true,
      validate: (value: null | string | undefined, { req }) =>
        normalizeEmail(value) !== null || message(req, 'kontorwerk-personalization:emailInvalid'),
    }),
    // A CRM's or shop's id for the person (imports and sync match by it before the email); unique when set.
    personal({
      name: 'externalId',
      type: 'text',
      admin: { description: translated('kontorwerk-personalization:externalIdDescription'), position: 'sidebar' },
      hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim() || null : value)] },
      index: true,
      label: translated('kontorwerk-personalization:externalId'),
      maxLength: 100,
      unique: true,
    }),
    {
      type: 'row',
      fields: [
        personal({
          name: 'gender',
          type: 'select',
          defaultValue: 'unspecified',
          label: translated('kontorwerk-personalization:gender'),
          options: genderOptions,
        }),
        personal({
          name: 'academicTitle',
          type: 'text',
          hooks: { beforeValidate: [keepOnOneLine] },
          label: translated('kontorwerk-personalization:academicTitle'),
          maxLength: 40,
        }),
        personal({
          name: 'firstName',
          type: 'text',
          hooks: { beforeValidate: [keepOnOneLine] },
          label: translated('kontorwerk-personalization:firstName'),
          maxLength: 100,
        }),
        personal({
          name: 'lastName',
          type: 'text',
          hooks: { beforeValidate: [keepOnOneLine] },
          label: translated('kontorwerk-personalization:lastName'),
          maxLength: 100,
        }),
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'addressForm',
          type: 'select',
          defaultValue: 'formal',
          label: translated('kontorwerk-personalization:addressForm'),
          options: addressFormOptions,
          required: true,
        },
        readerLocaleField,
        {
          name: 'region',
          type: 'text',
          admin: { description: translated('kontorwerk-personalization:regionCodeDescription') },
          hooks: { beforeValidate: [upperCaseRegionCode] },
          index: true,
          label: translated('kontorwerk-personalization:region'),
          maxLength: 6,
          validate: validRegionCode,
        },
        {
          name: 'timeZone',
          type: 'text',
          admin: { description: translated('kontorwerk-personalization:timeZoneDescription') },
          label: translated('kontorwerk-personalization:timeZone'),
          maxLength: 64,
          validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) =>
            !value || isTimeZone(value) || message(req, 'kontorwerk-personalization:timeZoneInvalid'),
        },
      ],
    },
    personal({
      name: 'attributes',
      type: 'json',
      admin: { description: translated('kontorwerk-personalization:attributesDescription') },
      label: translated('kontorwerk-personalization:attributes'),
      validate: (value: unknown, { req }) => {
        if (value == null) return true
        if (typeof value !== 'object' || Array.isArray(value)) {
          return message(req, 'kontorwerk-personalization:attributesNotObject')
        }
        return (
          Object.keys(value).length <= MAX_ATTRIBUTE_KEYS ||
          message(req, 'kontorwerk-personalization:tooManyAttributes', { max: MAX_ATTRIBUTE_KEYS })
        )
      },
    }),
    {
      name: 'persona',
      type: 'relationship',
      admin: { description: translated('kontorwerk-personalization:personaDescription'), position: 'sidebar' },
      index: true,
      label: translated('kontorwerk-personalization:persona'),
      relationTo: 'personas',
      validate: relationsExist,
    },
    tagRelationship('stage', 'lifecycle-stages', translated('kontorwerk-personalization:lifecycleStage'), {
      admin: { position: 'sidebar' },
      hasMany: false,
    }),
    {
      name: 'interests',
      type: 'array',
      admin: { components: { RowLabel: rowLabel(texts('kontorwerk-personalization:interest')) } },
      fields: [
        {
          type: 'row',
          fields: [
            tagRelationship('interest', 'interests', translated('kontorwerk-personalization:interest'), {
              hasMany: false,
              required: true,
            }),
            {
              name: 'weight',
              type: 'number',
              defaultValue: 1,
              label: translated('kontorwerk-personalization:weight'),
              max: 1,
              min: 0,
              required: true,
            },
            {
              name: 'source',
              type: 'select',
              defaultValue: 'explicit',
              label: translated('kontorwerk-personalization:source'),
              options: [
                option('explicit', 'kontorwerk-personalization:sourceExplicit'),
                option('implicit', 'kontorwerk-personalization:sourceImplicit'),
              ],
              required: true,
            },
            { name: 'lastSeenAt', type: 'date', label: translated('kontorwerk-personalization:lastSeenAt') },
          ],
        },
      ],
      label: translated('kontorwerk-personalization:interests'),
      labels: {
        plural: translated('kontorwerk-personalization:interests'),
        singular: translated('kontorwerk-personalization:interest'),
      },
    },
    // A view, not a store: purchases are `purchase` events (the intake, the shop's orders), the one source every
    // guard and rule reads. Join fields cannot be written; editors without read access to events do not see it.
    {
      name: 'purchases',
      type: 'join',
      access: { read: isAdminField },
      admin: {
        allowCreate: false,
        defaultColumns: ['occurredAt', 'properties', 'source', 'eventId'],
        description: translated('kontorwerk-personalization:purchasesDescription'),
      },
      collection: EVENTS,
      defaultLimit: 10,
      defaultSort: '-occurredAt',
      label: translated('kontorwerk-personalization:purchases'),
      on: 'subscriber',
      where: { type: { equals: 'purchase' } },
    },
    {
      name: 'sendHistory',
      type: 'array',
      access: { create: () => false, update: () => false },
      admin: {
        components: { RowLabel: rowLabel(texts('kontorwerk-personalization:sendHistorySingular')) },
        initCollapsed: true,
        readOnly: true,
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'newsletter',
              type: 'relationship',
              label: translated('kontorwerk-personalization:newsletter'),
              relationTo: 'newsletters',
            },
            {
              name: 'blocks',
              type: 'relationship',
              hasMany: true,
              label: translated('kontorwerk-personalization:blocks'),
              relationTo: 'content-blocks',
            },
            { name: 'sentAt', type: 'date', label: translated('kontorwerk-personalization:sentAt') },
          ],
        },
      ],
      label: translated('kontorwerk-personalization:sendHistory'),
      labels: {
        plural: translated('kontorwerk-personalization:sendHistoryPlural'),
        singular: translated('kontorwerk-personalization:sendHistorySingular'),
      },
    },
    {
      name: 'stageHistory',
      type: 'array',
      access: { create: () => false, update: () => false },
      admin: {
        components: { RowLabel: rowLabel(texts('kontorwerk-personalization:stageHistorySingular')) },
        readOnly: true,
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'stage',
              type: 'relationship',
              label: translated('kontorwerk-personalization:stage'),
              relationTo: 'lifecycle-stages',
            },
            {
              name: 'source',
              type: 'select',
              label: translated('kontorwerk-personalization:source'),
              options: [
                option('manual', 'kontorwerk-personalization:sourceManual'),
                option('import', 'kontorwerk-personalization:sourceImport'),
                option('rule', 'kontorwerk-personalization:sourceRule'),
                option('threshold', 'kontorwerk-personalization:sourceThreshold'),
              ],
            },
            // Threshold moves note the fit and total they read (computed from personal data): admins only.
            {
              name: 'reason',
              type: 'text',
              access: { read: isAdminField },
              label: translated('kontorwerk-personalization:reason'),
            },
            { name: 'changedAt', type: 'date', label: translated('kontorwerk-personalization:changedAt') },
          ],
        },
      ],
      label: translated('kontorwerk-personalization:stageHistory'),
      labels: {
        plural: translated('kontorwerk-personalization:stageHistoryPlural'),
        singular: translated('kontorwerk-personalization:stageHistorySingular'),
      },
    },
    linkKeyField,
  ],
  // Erasure (DSGVO Art. 17): every part that keeps data about the person registers here
  // (src/personalData); planned before the deletion, applied with it, all or nothing.
  custom: {
    personalData: [eventsPersonalData, jobsPersonalData, visitorMergesPersonalData, webhookDeliveriesPersonalData],
  },
  hooks: {
    afterOperation: [answerIntegrationsWithId],
    beforeChange: [keepSubscriberEmail, recordStageChange],
    beforeDelete: [planErasure],
  },
  labels: {
    plural: translated('kontorwerk-personalization:subscribersPlural'),
    singular: translated('kontorwerk-personalization:subscribersSingular'),
  },
}

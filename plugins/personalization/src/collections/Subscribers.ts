import type { CollectionConfig, Field, FieldHook } from 'payload'

import { isAdmin, isAdminField, isStaff } from '../access/roles'
import { normalizeEmail } from '../domain/email'
import { addressFormOptions, genderOptions } from '../domain/salutation-data'
import { isTimeZone } from '../domain/timeZones'
import { localeField } from '../fields/locale'
import { relationsExist, tagRelationship } from '../fields/tagRelationship'
import { label, option } from '../i18n/label'
import { message } from '../i18n/message'
import { eventsPersonalData } from '../events/eventsPersonalData'
import { jobsPersonalData } from '../jobs/jobsPersonalData'
import { planErasure } from '../personalData/erasure'
import { linkKeyField } from '../security/linkKey'
import { keepOnOneLine } from '../fields/singleLine'
import { recordStageChange } from './hooks/recordStageChange'

const MAX_ATTRIBUTE_KEYS = 50

/** Personal data: only admins can read or write it; editors see the marketing profile. */
const personal = <F extends Field>(field: F): F =>
  ({ ...field, access: { create: isAdminField, read: isAdminField, update: isAdminField } }) as F

const normalizeEmailHook: FieldHook = ({ value }) => normalizeEmail(value) ?? value

export const Subscribers: CollectionConfig = {
  slug: 'subscribers',
  access: { create: isAdmin, delete: isAdmin, read: isStaff, update: isAdmin },
  admin: {
    defaultColumns: ['email', 'firstName', 'lastName', 'stage', 'persona', 'locale'],
    group: label('Zielgruppen', 'Audience'),
    listSearchableFields: ['email', 'lastName'],
    useAsTitle: 'email',
  },
  fields: [
    personal({
      name: 'email',
      type: 'email',
      hooks: { beforeValidate: [normalizeEmailHook] },
      index: true,
      label: label('E-Mail', 'Email'),
      required: true,
      unique: true,
      validate: (value: null | string | undefined, { req }) =>
        normalizeEmail(value) !== null ||
        message(req, label('Keine gültige E-Mail-Adresse.', 'Not a valid email address.')),
    }),
    {
      type: 'row',
      fields: [
        personal({
          name: 'gender',
          type: 'select',
          defaultValue: 'unspecified',
          label: label('Anrede', 'Salutation'),
          options: genderOptions,
        }),
        personal({ name: 'academicTitle', type: 'text', hooks: { beforeValidate: [keepOnOneLine] }, label: label('Titel', 'Academic title'), maxLength: 40 }),
        personal({ name: 'firstName', type: 'text', hooks: { beforeValidate: [keepOnOneLine] }, label: label('Vorname', 'First name'), maxLength: 100 }),
        personal({ name: 'lastName', type: 'text', hooks: { beforeValidate: [keepOnOneLine] }, label: label('Nachname', 'Last name'), maxLength: 100 }),
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'addressForm',
          type: 'select',
          defaultValue: 'formal',
          label: label('Ansprache', 'Form of address'),
          options: addressFormOptions,
          required: true,
        },
        localeField,
        { name: 'region', type: 'text', index: true, label: label('Region', 'Region'), maxLength: 100 },
        {
          name: 'timeZone',
          type: 'text',
          admin: { description: label('IANA, z. B. Europe/Vienna; leer: aus der Region.', 'IANA, e.g. Europe/Vienna; empty: from the region.') },
          label: label('Zeitzone', 'Time zone'),
          maxLength: 64,
          validate: (value: null | string | undefined) => !value || isTimeZone(value) || 'Keine IANA-Zeitzone / not an IANA time zone',
        },
      ],
    },
    personal({
      name: 'attributes',
      type: 'json',
      admin: { description: label('Eigene Merkmale als JSON-Objekt, z. B. {"industry": "Handel", "companySize": 120}.', 'Custom traits as a JSON object, e.g. {"industry": "Retail", "companySize": 120}.') },
      label: label('Eigene Merkmale', 'Custom attributes'),
      validate: (value: unknown, { req }) => {
        if (value == null) return true
        if (typeof value !== 'object' || Array.isArray(value)) {
          return message(req, label('Merkmale müssen ein JSON-Objekt sein.', 'Attributes must be a JSON object.'))
        }
        return Object.keys(value).length <= MAX_ATTRIBUTE_KEYS ||
          message(req, label(`Höchstens ${MAX_ATTRIBUTE_KEYS} Merkmale.`, `At most ${MAX_ATTRIBUTE_KEYS} attributes.`))
      },
    }),
    {
      name: 'persona',
      type: 'relationship',
      admin: { description: label('Primäre Persona (beste Übereinstimmung).', 'Primary persona (best fit).'), position: 'sidebar' },
      index: true,
      label: label('Persona', 'Persona'),
      relationTo: 'personas',
      validate: relationsExist,
    },
    tagRelationship('stage', 'lifecycle-stages', label('Lebenszyklusphase', 'Lifecycle stage'), {
      admin: { position: 'sidebar' },
      hasMany: false,
    }),
    {
      name: 'interests',
      type: 'array',
      fields: [
        {
          type: 'row',
          fields: [
            tagRelationship('interest', 'interests', label('Interesse', 'Interest'), { hasMany: false, required: true }),
            {
              name: 'weight',
              type: 'number',
              defaultValue: 1,
              label: label('Gewicht', 'Weight'),
              max: 1,
              min: 0,
              required: true,
            },
            {
              name: 'source',
              type: 'select',
              defaultValue: 'explicit',
              label: label('Quelle', 'Source'),
              options: [
                option('explicit', 'Selbst gewählt', 'Chosen by the subscriber'),
                option('implicit', 'Aus Verhalten', 'From behaviour'),
              ],
              required: true,
            },
            { name: 'lastSeenAt', type: 'date', label: label('Zuletzt gesehen', 'Last seen') },
          ],
        },
      ],
      label: label('Interessen', 'Interests'),
    },
    {
      name: 'purchases',
      type: 'array',
      admin: { description: label('Käufe, z. B. aus Shop oder CRM; Rabatt-Blöcke für kürzlich gekaufte Produkte werden zurückgehalten.', 'Purchases, e.g. from the shop or CRM; discount blocks for recently bought products are withheld.'), initCollapsed: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'product', type: 'text', label: label('Produkt', 'Product'), required: true },
            { name: 'purchasedAt', type: 'date', label: label('Gekauft am', 'Purchased at'), required: true },
            { name: 'amount', type: 'number', label: label('Betrag (EUR)', 'Amount (EUR)'), min: 0 },
          ],
        },
      ],
      label: label('Käufe', 'Purchases'),
    },
    {
      name: 'sendHistory',
      type: 'array',
      access: { create: () => false, update: () => false },
      admin: { initCollapsed: true, readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'newsletter', type: 'relationship', label: label('Newsletter', 'Newsletter'), relationTo: 'newsletters' },
            { name: 'blocks', type: 'relationship', hasMany: true, label: label('Blöcke', 'Blocks'), relationTo: 'content-blocks' },
            { name: 'sentAt', type: 'date', label: label('Gesendet am', 'Sent at') },
          ],
        },
      ],
      label: label('Versandverlauf', 'Send history'),
    },
    {
      name: 'stageHistory',
      type: 'array',
      access: { create: () => false, update: () => false },
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'stage', type: 'relationship', label: label('Phase', 'Stage'), relationTo: 'lifecycle-stages' },
            {
              name: 'source',
              type: 'select',
              label: label('Quelle', 'Source'),
              options: [
                option('manual', 'Manuell', 'Manual'),
                option('import', 'Import', 'Import'),
                option('rule', 'Regel', 'Rule'),
                option('threshold', 'Score-Schwelle', 'Score threshold'),
              ],
            },
            // Threshold moves note the fit and total they read (computed from personal data): admins only.
            { name: 'reason', type: 'text', access: { read: isAdminField }, label: label('Grund', 'Reason') },
            { name: 'changedAt', type: 'date', label: label('Geändert am', 'Changed at') },
          ],
        },
      ],
      label: label('Phasenverlauf', 'Stage history'),
    },
    linkKeyField,
  ],
  // Erasure (DSGVO Art. 17): every part that keeps data about the person registers here
  // (src/personalData); planned before the deletion, applied with it, all or nothing.
  custom: { personalData: [eventsPersonalData, jobsPersonalData] },
  hooks: { beforeChange: [recordStageChange], beforeDelete: [planErasure] },
  labels: { plural: label('Abonnenten', 'Subscribers'), singular: label('Abonnent', 'Subscriber') },
}

import type { CollectionBeforeValidateHook, CollectionConfig, DateFieldValidation, TextFieldSingleValidation } from 'payload'

import { ValidationError } from 'payload'

import { isStaff, publishedOrStaff } from '../access/roles'
import { channelOptions, goalOptions } from '../domain/channels'
import { localeField } from '../fields/locale'
import { tagRelationship } from '../fields/tagRelationship'
import { liquidIsValid, validLiquid } from '../fields/validators'
import { label } from '../i18n/label'
import { message } from '../i18n/message'
import { richTextToHtml, richTextToText } from '../rendering/richText'
import { templateProblem } from '../rendering/tokens/templateProblem'

/**
 * Liquid in the body is checked like in the title, in both forms that are rendered: the HTML (which
 * also carries link URLs, absent from the plain text) and the text part. Lexical's own validation stays in place.
 */
const bodyTokensAreValid: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  const problem = data?.body ? (templateProblem(richTextToHtml(data.body)) ?? templateProblem(richTextToText(data.body))) : null
  if (problem) throw new ValidationError({ collection: collection.slug, errors: [{ message: message(req, problem), path: 'body' }] })
  return data
}

const validUntilAfterFrom: DateFieldValidation = (value, { req, siblingData }) => {
  const from = (siblingData as { validFrom?: null | string })?.validFrom
  if (!value || !from) return true
  return new Date(value).getTime() > new Date(from).getTime()
    ? true
    : message(req, label('„Gültig bis" muss nach „Gültig ab" liegen.', '"Valid until" must be after "valid from".'))
}

const ctaUrl: TextFieldSingleValidation = (value, { req, siblingData }) => {
  const ctaLabel = (siblingData as { label?: null | string })?.label
  if (!value) {
    return ctaLabel ? message(req, label('Ein Button braucht eine URL.', 'A button needs a URL.')) : true
  }
  const liquid = liquidIsValid(value, req)
  if (liquid !== true) return liquid
  if (value.startsWith('/') && !value.startsWith('//')) return true
  try {
    const { protocol } = new URL(value)
    if (['http:', 'https:', 'mailto:', 'tel:'].includes(protocol)) return true
  } catch {
    // fall through to the message
  }
  return message(req, label('URL muss mit https://, http://, mailto:, tel: oder / beginnen.', 'URL must start with https://, http://, mailto:, tel: or /.'))
}

/**
 * The unit editors write. Its tags decide who may get it (personas, interests, stages),
 * where (channels, locale), when (validity window) and how strongly (priority);
 * fallback blocks fill a slot when nothing more specific qualifies.
 */
export const ContentBlocks: CollectionConfig = {
  slug: 'content-blocks',
  access: {
    create: isStaff,
    delete: isStaff,
    read: publishedOrStaff,
    readVersions: isStaff,
    update: isStaff,
  },
  admin: {
    defaultColumns: ['title', 'personas', 'interests', 'stages', 'channels', 'locale', 'isFallback', '_status'],
    group: label('Inhalte', 'Content'),
    listSearchableFields: ['title'],
    useAsTitle: 'title',
  },
  defaultSort: '-updatedAt',
  fields: [
    { name: 'title', type: 'text', label: label('Titel', 'Title'), maxLength: 200, required: true, validate: validLiquid },
    {
      type: 'tabs',
      tabs: [
        {
          fields: [
            { name: 'body', type: 'richText', label: label('Text', 'Body') },
            { name: 'image', type: 'upload', label: label('Bild', 'Image'), relationTo: 'media' },
            {
              name: 'cta',
              type: 'group',
              fields: [
                {
                  type: 'row',
                  fields: [
                    { name: 'label', type: 'text', label: label('Beschriftung', 'Label'), maxLength: 80, validate: validLiquid },
                    { name: 'url', type: 'text', label: label('Ziel-URL', 'Target URL'), validate: ctaUrl },
                  ],
                },
              ],
              label: label('Call to Action', 'Call to action'),
            },
          ],
          label: label('Inhalt', 'Content'),
        },
        {
          fields: [
            tagRelationship('personas', 'personas', label('Personas', 'Personas')),
            tagRelationship('interests', 'interests', label('Interessen', 'Interests')),
            tagRelationship('stages', 'lifecycle-stages', label('Lebenszyklusphasen', 'Lifecycle stages')),
            {
              type: 'row',
              fields: [
                {
                  name: 'channels',
                  type: 'select',
                  defaultValue: ['email'],
                  hasMany: true,
                  index: true,
                  label: label('Kanäle', 'Channels'),
                  options: channelOptions,
                  required: true,
                },
                localeField,
                { name: 'goal', type: 'select', index: true, label: label('Kampagnenziel', 'Campaign goal'), options: goalOptions },
              ],
            },
            {
              name: 'discountProduct',
              type: 'text',
              admin: {
                description: label(
                  'Rabatt-Block für dieses Produkt (Artikelnummer): Wer es kürzlich gekauft hat, bekommt ihn nicht.',
                  'Discount block for this product (SKU): recent buyers of it do not get it.',
                ),
              },
              label: label('Rabatt für Produkt', 'Discount for product'),
              maxLength: 100,
            },
          ],
          label: label('Zielgruppe', 'Targeting'),
        },
      ],
    },
    {
      name: 'priority',
      type: 'number',
      admin: {
        description: label('0–100; höher gewinnt bei gleicher Relevanz.', '0–100; higher wins at equal relevance.'),
        position: 'sidebar',
      },
      defaultValue: 50,
      label: label('Priorität', 'Priority'),
      max: 100,
      min: 0,
      required: true,
    },
    {
      name: 'isFallback',
      type: 'checkbox',
      admin: {
        description: label('Allgemeiner Block, den jede:r erhalten darf, wenn nichts Passenderes da ist.', 'A generic block anyone may get when nothing more specific qualifies.'),
        position: 'sidebar',
      },
      defaultValue: false,
      index: true,
      label: label('Fallback', 'Fallback'),
    },
    {
      name: 'validFrom',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
      index: true,
      label: label('Gültig ab', 'Valid from'),
    },
    {
      name: 'validUntil',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
      index: true,
      label: label('Gültig bis', 'Valid until'),
      validate: validUntilAfterFrom,
    },
  ],
  hooks: { beforeValidate: [bodyTokensAreValid] },
  labels: { plural: label('Content-Blöcke', 'Content blocks'), singular: label('Content-Block', 'Content block') },
  // Drafts are validated too: a draft with a dangling tag would otherwise fail in the database.
  versions: { drafts: { validate: true }, maxPerDoc: 50 },
}

import type {
  CollectionBeforeValidateHook,
  CollectionConfig,
  CollectionSlug,
  DateFieldValidation,
  TextFieldSingleValidation,
} from 'payload'

import { ValidationError } from 'payload'

import { isStaff, publishedOrStaff } from '../access/roles'
import { channelOptions, goalOptions } from '../domain/channels'
import { localeField } from '../fields/locale'
import { relationsExist, tagRelationship } from '../fields/tagRelationship'
import { liquidIsValid, validLiquid } from '../fields/validators'
import { localized } from '../i18n/translations'
import { richTextToHtml, richTextToText } from '../rendering/richText'
import { templateProblem } from '../rendering/tokens/templateProblem'
import { message, texts, translated } from '../translations'
import { CONVERSIONS } from './Conversions'
import { REGIONS } from './Regions'

/**
 * Liquid in the body is checked like in the title, in both forms that are rendered: the HTML (which
 * also carries link URLs, absent from the plain text) and the text part. Lexical's own validation stays in place.
 */
const bodyTokensAreValid: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  const problem = data?.body
    ? (templateProblem(richTextToHtml(data.body)) ?? templateProblem(richTextToText(data.body)))
    : null
  if (problem)
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ message: localized(req, problem), path: 'body' }],
    })
  return data
}

const validUntilAfterFrom: DateFieldValidation = (value, { req, siblingData }) => {
  const from = (siblingData as { validFrom?: null | string })?.validFrom
  if (!value || !from) return true
  return new Date(value).getTime() > new Date(from).getTime()
    ? true
    : message(req, 'kontorwerk-personalization:validUntilAfterValidFrom')
}

const ctaUrl: TextFieldSingleValidation = (value, { req, siblingData }) => {
  const ctaLabel = (siblingData as { label?: null | string })?.label
  if (!value) {
    return ctaLabel ? message(req, 'kontorwerk-personalization:buttonNeedsUrl') : true
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
  return message(req, 'kontorwerk-personalization:urlScheme')
}

const wholeDays = (value: null | number | undefined, { req }: { req: Parameters<typeof message>[0] }) =>
  value == null ||
  (Number.isInteger(value) && value >= 1) ||
  message(req, 'kontorwerk-personalization:wholeDaysAtLeastOne')

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
    group: texts('kontorwerk-personalization:groupContent'),
    listSearchableFields: ['title'],
    useAsTitle: 'title',
  },
  defaultSort: '-updatedAt',
  fields: [
    {
      name: 'title',
      type: 'text',
      label: translated('kontorwerk-personalization:title'),
      maxLength: 200,
      required: true,
      validate: validLiquid,
    },
    {
      type: 'tabs',
      tabs: [
        {
          fields: [
            { name: 'body', type: 'richText', label: translated('kontorwerk-personalization:body') },
            {
              name: 'image',
              type: 'upload',
              label: translated('kontorwerk-personalization:image'),
              relationTo: 'media',
            },
            {
              name: 'cta',
              type: 'group',
              fields: [
                {
                  type: 'row',
                  fields: [
                    {
                      name: 'label',
                      type: 'text',
                      label: translated('kontorwerk-personalization:ctaLabel'),
                      maxLength: 80,
                      validate: validLiquid,
                    },
                    {
                      name: 'url',
                      type: 'text',
                      label: translated('kontorwerk-personalization:url'),
                      validate: ctaUrl,
                    },
                  ],
                },
              ],
              label: translated('kontorwerk-personalization:cta'),
            },
          ],
          label: translated('kontorwerk-personalization:content'),
        },
        {
          fields: [
            tagRelationship('personas', 'personas', translated('kontorwerk-personalization:personas')),
            tagRelationship('interests', 'interests', translated('kontorwerk-personalization:interests')),
            tagRelationship('stages', 'lifecycle-stages', translated('kontorwerk-personalization:lifecycleStages')),
            {
              type: 'row',
              fields: [
                {
                  name: 'channels',
                  type: 'select',
                  defaultValue: ['email'],
                  hasMany: true,
                  index: true,
                  label: translated('kontorwerk-personalization:channels'),
                  options: channelOptions,
                  required: true,
                },
                localeField,
                {
                  name: 'goal',
                  type: 'select',
                  index: true,
                  label: translated('kontorwerk-personalization:goal'),
                  options: goalOptions,
                },
              ],
            },
            {
              name: 'discountProduct',
              type: 'text',
              admin: {
                description: translated('kontorwerk-personalization:discountProductDescription'),
              },
              label: translated('kontorwerk-personalization:discountProduct'),
              maxLength: 100,
            },
            tagRelationship(
              'regions',
              REGIONS as CollectionSlug,
              translated('kontorwerk-personalization:regionsPlural'),
              {
                admin: { description: translated('kontorwerk-personalization:blockRegionsDescription') },
              },
            ),
            {
              type: 'row',
              fields: [
                {
                  name: 'convertsOn',
                  type: 'relationship',
                  admin: { description: translated('kontorwerk-personalization:convertsOnDescription') },
                  label: translated('kontorwerk-personalization:convertsOn'),
                  relationTo: CONVERSIONS as CollectionSlug,
                  validate: relationsExist,
                },
                {
                  name: 'conversionWindowDays',
                  type: 'number',
                  admin: {
                    condition: (_, siblingData) => Boolean(siblingData?.convertsOn),
                    description: translated('kontorwerk-personalization:conversionWindowDaysDescription'),
                  },
                  label: translated('kontorwerk-personalization:conversionWindowDays'),
                  min: 1,
                  validate: wholeDays,
                },
              ],
            },
          ],
          label: translated('kontorwerk-personalization:targeting'),
        },
      ],
    },
    {
      name: 'priority',
      type: 'number',
      admin: {
        description: translated('kontorwerk-personalization:priorityDescription'),
        position: 'sidebar',
      },
      defaultValue: 50,
      label: translated('kontorwerk-personalization:priority'),
      max: 100,
      min: 0,
      required: true,
    },
    {
      name: 'isFallback',
      type: 'checkbox',
      admin: {
        description: translated('kontorwerk-personalization:isFallbackDescription'),
        position: 'sidebar',
      },
      defaultValue: false,
      index: true,
      label: translated('kontorwerk-personalization:isFallback'),
    },
    {
      name: 'validFrom',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
      index: true,
      label: translated('kontorwerk-personalization:validFrom'),
    },
    {
      name: 'validUntil',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar' },
      index: true,
      label: translated('kontorwerk-personalization:validUntil'),
      validate: validUntilAfterFrom,
    },
  ],
  hooks: { beforeValidate: [bodyTokensAreValid] },
  labels: {
    plural: translated('kontorwerk-personalization:contentBlocksPlural'),
    singular: translated('kontorwerk-personalization:contentBlocksSingular'),
  },
  // Drafts are validated too: a draft with a dangling tag would otherwise fail in the database.
  versions: { drafts: { validate: true }, maxPerDoc: 50 },
}

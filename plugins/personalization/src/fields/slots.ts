import type { ArrayField, TextField } from 'payload'

import type { Channel } from '../domain/channels'

import { channelOptions, goalOptions } from '../domain/channels'
import { message, option, texts, translated } from '../translations'
import { rowLabel } from './rowLabels'
import { relationsExist, tagRelationship } from './tagRelationship'

const KEY_PATTERN = /^[a-z][a-z0-9_-]*$/

type ValidationArgs = { req: Parameters<typeof message>[0] }

/** A slot's key, as templates and API clients name it: lower case, digits, `_` and `-`. */
export const validSlotKey = (value: null | string | undefined, { req }: ValidationArgs) =>
  !value || KEY_PATTERN.test(value) || message(req, 'kontorwerk-personalization:slotKeyPattern')

/** The key of a slot (content or recommendations). */
export const slotKeyField: TextField = {
  name: 'key',
  type: 'text',
  label: translated('kontorwerk-personalization:key'),
  required: true,
  validate: validSlotKey,
}

/** No two slots of a document with the same key. */
export const uniqueSlotKeys = (rows: unknown, { req }: ValidationArgs) => {
  const keys = ((rows as { key?: string }[] | null) ?? []).map((row) => row.key)
  const duplicate = keys.find((key, index) => key && keys.indexOf(key) !== index)
  return duplicate ? message(req, 'kontorwerk-personalization:slotKeyDuplicate', { key: duplicate }) : true
}

/**
 * The ordered slots of a newsletter or landing page: what each may take (filters), how it ranks,
 * and the fallback block that fills it when nothing qualifies.
 */
export function slotsField(defaultChannel: Channel): ArrayField {
  return {
    name: 'slots',
    type: 'array',
    // A slot is known by its label ("Aufmacher"), not as "Slot 2".
    admin: { components: { RowLabel: rowLabel(texts('kontorwerk-personalization:slotsSingular'), 'label') } },
    fields: [
      {
        type: 'row',
        fields: [
          slotKeyField,
          { name: 'label', type: 'text', label: translated('kontorwerk-personalization:label'), required: true },
          {
            name: 'count',
            type: 'number',
            defaultValue: 1,
            label: translated('kontorwerk-personalization:blockCount'),
            max: 6,
            min: 1,
            required: true,
          },
        ],
      },
      {
        type: 'row',
        fields: [
          {
            name: 'channel',
            type: 'select',
            defaultValue: defaultChannel,
            label: translated('kontorwerk-personalization:channel'),
            options: channelOptions,
            required: true,
          },
          {
            name: 'goals',
            type: 'select',
            hasMany: true,
            label: translated('kontorwerk-personalization:onlyGoals'),
            options: goalOptions,
          },
          {
            name: 'strategy',
            type: 'select',
            defaultValue: 'relevance',
            label: translated('kontorwerk-personalization:strategy'),
            options: [
              option('relevance', 'kontorwerk-personalization:strategyRelevance'),
              option('priority', 'kontorwerk-personalization:strategyPriority'),
              option('freshness', 'kontorwerk-personalization:strategyFreshness'),
            ],
            required: true,
          },
        ],
      },
      tagRelationship('interests', 'interests', translated('kontorwerk-personalization:onlyInterests')),
      {
        // The guide's "articles matching the reader's interests or region" next to the default, where every tag must fit.
        name: 'match',
        type: 'select',
        defaultValue: 'all',
        label: translated('kontorwerk-personalization:slotMatch'),
        options: [
          option('all', 'kontorwerk-personalization:slotMatchAll'),
          option('interestsOrRegion', 'kontorwerk-personalization:slotMatchInterestsOrRegion'),
        ],
      },
      {
        name: 'fallback',
        type: 'relationship',
        admin: { description: translated('kontorwerk-personalization:fallbackDescription') },
        label: translated('kontorwerk-personalization:fallback'),
        relationTo: 'content-blocks',
        required: true,
        validate: relationsExist,
      },
    ],
    label: translated('kontorwerk-personalization:slots'),
    labels: {
      plural: translated('kontorwerk-personalization:slotsPlural'),
      singular: translated('kontorwerk-personalization:slotsSingular'),
    },
    minRows: 1,
    required: true,
    validate: uniqueSlotKeys,
  }
}

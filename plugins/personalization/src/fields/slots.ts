import type { ArrayField } from 'payload'

import type { Channel } from '../domain/channels'

import { channelOptions, goalOptions } from '../domain/channels'
import { label, option } from '../i18n/label'
import { message } from '../i18n/message'
import { relationsExist, tagRelationship } from './tagRelationship'

const KEY_PATTERN = /^[a-z][a-z0-9_-]*$/

/**
 * The ordered slots of a newsletter or landing page: what each may take (filters), how it ranks,
 * and the fallback block that fills it when nothing qualifies.
 */
export function slotsField(defaultChannel: Channel): ArrayField {
  return {
    name: 'slots',
    type: 'array',
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'key',
            type: 'text',
            label: label('Schlüssel', 'Key'),
            required: true,
            validate: (value: null | string | undefined, { req }: { req: Parameters<typeof message>[0] }) =>
              !value || KEY_PATTERN.test(value) || message(req, label('Kleinbuchstaben, Ziffern, - und _.', 'Lowercase letters, digits, - and _.')),
          },
          { name: 'label', type: 'text', label: label('Bezeichnung', 'Label'), required: true },
          { name: 'count', type: 'number', defaultValue: 1, label: label('Anzahl Blöcke', 'Number of blocks'), max: 6, min: 1, required: true },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'channel', type: 'select', defaultValue: defaultChannel, label: label('Kanal', 'Channel'), options: channelOptions, required: true },
          { name: 'goals', type: 'select', hasMany: true, label: label('Nur Ziele', 'Only goals'), options: goalOptions },
          {
            name: 'strategy',
            type: 'select',
            defaultValue: 'relevance',
            label: label('Reihenfolge', 'Ranking'),
            options: [
              option('relevance', 'Relevanz', 'Relevance'),
              option('priority', 'Priorität', 'Priority'),
              option('freshness', 'Aktualität', 'Freshness'),
            ],
            required: true,
          },
        ],
      },
      tagRelationship('interests', 'interests', label('Nur Interessen (inkl. Unterthemen)', 'Only interests (incl. sub-topics)')),
      {
        name: 'fallback',
        type: 'relationship',
        admin: { description: label('Füllt den Slot, wenn kein Block passt.', 'Fills the slot when no block qualifies.') },
        label: label('Fallback-Block', 'Fallback block'),
        relationTo: 'content-blocks',
        required: true,
        validate: relationsExist,
      },
    ],
    label: label('Slots', 'Slots'),
    labels: { plural: label('Slots', 'Slots'), singular: label('Slot', 'Slot') },
    minRows: 1,
    required: true,
    validate: (rows: unknown, { req }: { req: Parameters<typeof message>[0] }) => {
      const keys = ((rows as { key?: string }[] | null) ?? []).map((row) => row.key)
      const duplicate = keys.find((key, index) => key && keys.indexOf(key) !== index)
      return duplicate ? message(req, label(`Schlüssel „${duplicate}“ doppelt.`, `Key "${duplicate}" used twice.`)) : true
    },
  }
}

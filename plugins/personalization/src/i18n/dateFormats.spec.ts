import type { Config, Field } from 'payload'

import { describe, expect, it } from 'vitest'

import { DATE_FORMATS, germanFirstDates } from './dateFormats'

const dateAdmin = (fields: Field[] | undefined, name: string) =>
  (fields?.find((field) => 'name' in field && field.name === name) as { admin?: { date?: object } }).admin?.date

describe('German-first dates', () => {
  const config = germanFirstDates({
    collections: [
      {
        fields: [
          { name: 'sentAt', type: 'date' },
          { name: 'occurredAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
          { name: 'month', type: 'date', admin: { date: { pickerAppearance: 'monthOnly' } } },
          { name: 'own', type: 'date', admin: { date: { displayFormat: 'yyyy-MM-dd' } } },
          {
            name: 'history',
            type: 'array',
            fields: [{ type: 'row', fields: [{ name: 'changedAt', type: 'date' }] }],
          },
        ],
        slug: 'things',
      },
    ],
    globals: [{ fields: [{ name: 'group', type: 'group', fields: [{ name: 'startedAt', type: 'date' }] }], slug: 'g' }],
  } as Config)
  const fields = config.collections![0].fields

  it('writes dates day.month.year and times on the 24-hour clock instead of Payload’s American defaults', () => {
    expect(dateAdmin(fields, 'sentAt')).toEqual({ displayFormat: DATE_FORMATS.date })
    expect(dateAdmin(fields, 'occurredAt')).toEqual({
      displayFormat: 'dd.MM.yyyy HH:mm',
      pickerAppearance: 'dayAndTime',
      timeFormat: 'HH:mm',
    })
    expect(config.admin?.dateFormat).toBe('dd.MM.yyyy HH:mm')
  })

  it('reaches dates inside arrays, rows and groups of collections and globals', () => {
    const history = fields.find((field) => 'name' in field && field.name === 'history') as { fields: Field[] }
    const row = history.fields[0] as { fields: Field[] }
    expect(dateAdmin(row.fields, 'changedAt')).toEqual({ displayFormat: DATE_FORMATS.date })
    const group = config.globals![0].fields[0] as { fields: Field[] }
    expect(dateAdmin(group.fields, 'startedAt')).toEqual({ displayFormat: DATE_FORMATS.date })
  })

  it('keeps a format a field or the host chose, and month names where the picker shows them', () => {
    expect(dateAdmin(fields, 'own')).toEqual({ displayFormat: 'yyyy-MM-dd' })
    expect(dateAdmin(fields, 'month')).toEqual({ pickerAppearance: 'monthOnly' })
    expect(germanFirstDates({ admin: { dateFormat: 'PPpp' } } as Config).admin?.dateFormat).toBe('PPpp')
  })
})

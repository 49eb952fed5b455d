import type { Config, DateField, Field } from 'payload'

/**
 * Date formats of a German-first admin (date-fns patterns). Payload's own defaults are American
 * ("10/19/2026", "Oct 19, 2026 3:00 PM") in every admin language, and a field's format is one
 * pattern, not one per language: day.month.year and the 24-hour clock are what German readers
 * expect and are unambiguous for English ones too (British order).
 */
export const DATE_FORMATS = {
  date: 'dd.MM.yyyy',
  dateTime: 'dd.MM.yyyy HH:mm',
  time: 'HH:mm',
} as const

type DateAdmin = NonNullable<NonNullable<DateField['admin']>['date']>

const withFormats = (date: DateAdmin = {}): DateAdmin => {
  const appearance = date.pickerAppearance ?? 'default'
  // Month-only and day-only pickers keep Payload's month names ("Oktober", "Okt. 19"): already in the admin language.
  if (appearance === 'default') return { ...date, displayFormat: date.displayFormat ?? DATE_FORMATS.date }
  if (appearance !== 'dayAndTime' && appearance !== 'timeOnly') return date
  const withTime = date as { displayFormat?: string; timeFormat?: string }
  return {
    ...date,
    displayFormat: withTime.displayFormat ?? (appearance === 'dayAndTime' ? DATE_FORMATS.dateTime : DATE_FORMATS.time),
    timeFormat: withTime.timeFormat ?? DATE_FORMATS.time,
  } as DateAdmin
}

/** Every date field, also inside groups, rows, tabs, arrays and blocks, with the formats unless it sets its own. */
function formatFields(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'date')
      return { ...field, admin: { ...field.admin, date: withFormats(field.admin?.date) } } as DateField
    if (field.type === 'tabs')
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: formatFields(tab.fields) })) }
    if (field.type === 'blocks')
      return {
        ...field,
        blocks: field.blocks.map((block) => ({ ...block, fields: formatFields(block.fields) })),
      }
    if ('fields' in field && Array.isArray(field.fields))
      return { ...field, fields: formatFields(field.fields) } as Field
    return field
  })
}

/**
 * A config step for the end of `plugins`: German-first date formats for every date field of every
 * collection and global (the packages' and the host's) and for dates the admin shows in lists and
 * document headers (`admin.dateFormat`), where neither is set already.
 */
export const germanFirstDates = (config: Config): Config => ({
  ...config,
  admin: { ...config.admin, dateFormat: config.admin?.dateFormat ?? DATE_FORMATS.dateTime },
  collections: config.collections?.map((collection) => ({ ...collection, fields: formatFields(collection.fields) })),
  globals: config.globals?.map((global) => ({ ...global, fields: formatFields(global.fields) })),
})

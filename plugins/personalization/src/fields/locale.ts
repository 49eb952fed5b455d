import type { SelectField } from 'payload'

import { DEFAULT_LOCALE, localeOptions } from '../i18n/locales'
import { translated } from '../translations'

/** The language a block is written in, or a subscriber reads in: one of the content locales. */
export const localeField: SelectField = {
  name: 'locale',
  type: 'select',
  defaultValue: DEFAULT_LOCALE,
  index: true,
  label: translated('kontorwerk-personalization:locale'),
  options: localeOptions,
  required: true,
}

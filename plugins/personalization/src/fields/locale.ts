import type { SelectField } from 'payload'

import { label } from '../i18n/label'
import { DEFAULT_LOCALE, localeOptions } from '../i18n/locales'

/** The language a block is written in, or a subscriber reads in: one of the content locales. */
export const localeField: SelectField = {
  name: 'locale',
  type: 'select',
  defaultValue: DEFAULT_LOCALE,
  index: true,
  label: label('Sprache', 'Language'),
  options: localeOptions,
  required: true,
}

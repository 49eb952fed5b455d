import type { SelectField } from 'payload'

import { DEFAULT_LOCALE, localeOptions, readerLocaleOf, readerLocaleOptions } from '../i18n/locales'
import { translated } from '../translations'

/** The language a block is written in: one of the content languages. */
export const localeField: SelectField = {
  name: 'locale',
  type: 'select',
  defaultValue: DEFAULT_LOCALE,
  index: true,
  label: translated('kontorwerk-personalization:locale'),
  options: localeOptions,
  required: true,
}

/**
 * What a subscriber reads in: a content language or a language with region (`de-AT`), which falls
 * back along its chain (docs/plugins/personalization.md#languages). Imports and APIs write locales in
 * any case (`de-at`, `de_AT`): they are stored in their BCP 47 form; anything else is a field error.
 */
export const readerLocaleField: SelectField = {
  ...localeField,
  admin: { description: translated('kontorwerk-personalization:readerLocaleDescription') },
  hooks: { beforeValidate: [({ value }) => readerLocaleOf(value) ?? value] },
  options: readerLocaleOptions,
}

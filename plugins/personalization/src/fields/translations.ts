import type { ArrayField } from 'payload'

import { CONTENT_LOCALES, DEFAULT_LOCALE } from '../i18n/locales'
import { message, texts, translated } from '../translations'
import { rowLabel } from './rowLabels'
import { validLiquid } from './validators'

/**
 * The newsletter's other languages (`translations`). The blocks of a language come from the block
 * library; a reader of a language gets the newsletter in it only when it has a row here, so an
 * editor decides which languages a newsletter speaks (docs/plugins/personalization.md#languages).
 */
export const translationsField: ArrayField = {
  name: 'translations',
  type: 'array',
  admin: {
    description: translated('kontorwerk-personalization:translationsDescription'),
    components: { RowLabel: rowLabel(texts('kontorwerk-personalization:translationsSingular')) },
    initCollapsed: true,
  },
  fields: [
    {
      name: 'locale',
      type: 'select',
      label: translated('kontorwerk-personalization:translationLocale'),
      options: CONTENT_LOCALES.filter(({ code }) => code !== DEFAULT_LOCALE).map(({ code, label }) => ({
        label,
        value: code,
      })),
      required: true,
    },
    {
      name: 'subject',
      type: 'text',
      label: translated('kontorwerk-personalization:subject'),
      maxLength: 200,
      required: true,
      validate: validLiquid,
    },
    {
      name: 'preheader',
      type: 'text',
      label: translated('kontorwerk-personalization:preheader'),
      maxLength: 250,
      validate: validLiquid,
    },
  ],
  label: translated('kontorwerk-personalization:translations'),
  labels: {
    plural: translated('kontorwerk-personalization:translations'),
    singular: translated('kontorwerk-personalization:translationsSingular'),
  },
  validate: (rows: unknown, { req }: { req: Parameters<typeof message>[0] }) => {
    const locales = ((rows as null | { locale?: string }[]) ?? []).map((row) => row.locale)
    return locales.some((locale, index) => locale && locales.indexOf(locale) !== index)
      ? message(req, 'kontorwerk-personalization:translationLocaleTwice')
      : true
  },
}

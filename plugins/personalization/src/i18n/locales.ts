/** Content and subscriber locales. The first is the default that other locales fall back to. */
export const CONTENT_LOCALES = [
  { code: 'de', label: 'Deutsch' },
  { code: 'en', label: 'English' },
] as const

export type ContentLocale = (typeof CONTENT_LOCALES)[number]['code']

export const DEFAULT_LOCALE: ContentLocale = CONTENT_LOCALES[0].code

export const localeOptions = CONTENT_LOCALES.map(({ code, label }) => ({ label, value: code }))

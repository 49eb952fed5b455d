/**
 * Content languages: what blocks, newsletters and the admin's localized fields are written in. The
 * first is the default that every reader falls back to.
 */
export const CONTENT_LOCALES = [
  { code: 'de', label: 'Deutsch' },
  { code: 'en', label: 'English' },
] as const

export type ContentLocale = (typeof CONTENT_LOCALES)[number]['code']

export const DEFAULT_LOCALE: ContentLocale = CONTENT_LOCALES[0].code

export const localeOptions = CONTENT_LOCALES.map(({ code, label }) => ({ label, value: code }))

/**
 * What a reader (a subscriber or an anonymous context) may read in: a content language, or a
 * language with a region in BCP 47 case (`de-AT`). The regions are those of the DACH market and the
 * English-speaking countries customers write from; a region only chooses the chain a reader falls
 * back along (de-AT → de → default), content is never written per region.
 */
export const READER_LOCALES = [
  { code: 'de', label: 'Deutsch' },
  { code: 'de-DE', label: 'Deutsch (Deutschland)' },
  { code: 'de-AT', label: 'Deutsch (Österreich)' },
  { code: 'de-CH', label: 'Deutsch (Schweiz)' },
  { code: 'de-LI', label: 'Deutsch (Liechtenstein)' },
  { code: 'de-LU', label: 'Deutsch (Luxemburg)' },
  { code: 'en', label: 'English' },
  { code: 'en-GB', label: 'English (United Kingdom)' },
  { code: 'en-US', label: 'English (United States)' },
  { code: 'en-IE', label: 'English (Ireland)' },
  { code: 'en-CA', label: 'English (Canada)' },
  { code: 'en-AU', label: 'English (Australia)' },
] as const

export type ReaderLocale = (typeof READER_LOCALES)[number]['code']

export const readerLocaleOptions = READER_LOCALES.map(({ code, label }) => ({ label, value: code }))

const readerLocaleByLowerCase = new Map<string, ReaderLocale>(
  READER_LOCALES.map(({ code }) => [code.toLowerCase(), code]),
)

/** A reader locale as written anywhere (`de_at`, `DE-at`), in its listed BCP 47 form; null when it is not one. */
export function readerLocaleOf(value: unknown): null | ReaderLocale {
  if (typeof value !== 'string') return null
  return readerLocaleByLowerCase.get(value.trim().replace('_', '-').toLowerCase()) ?? null
}

/**
 * The reader locales a rule on a locale covers (segments): the locale itself and, for a language,
 * every locale with that language — `de` covers `de-AT`, `de-AT` only itself.
 */
export const localesWithin = (locale: string): string[] => [
  locale,
  ...READER_LOCALES.map(({ code }) => code as string).filter((code) => code.startsWith(`${locale}-`)),
]

/** The accepted reader locales, for error messages. */
export const readerLocaleList = () => READER_LOCALES.map(({ code }) => code).join(', ')

export const isContentLocale = (value: unknown): value is ContentLocale =>
  CONTENT_LOCALES.some(({ code }) => code === value)

/**
 * The content languages a reader falls back along, best first, ending with the default:
 * `de-AT` → de; `en-GB` → en, de; anything unknown → the default alone.
 */
export function languageChain(locale: null | string | undefined): ContentLocale[] {
  const language = (locale ?? '').split(/[-_]/)[0].toLowerCase()
  return isContentLocale(language) && language !== DEFAULT_LOCALE ? [language, DEFAULT_LOCALE] : [DEFAULT_LOCALE]
}

/** The content language a reader reads when everything exists in every language: the first of their chain. */
export const contentLanguageOf = (locale: null | string | undefined): ContentLocale => languageChain(locale)[0]

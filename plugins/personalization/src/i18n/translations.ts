import type { Config, PayloadRequest } from 'payload'

import { deepMergeSimple } from 'payload'

/** The admin languages the packages ship texts for; any other admin language shows the English ones. */
export type ShippedLanguage = 'de' | 'en'

/** One package's admin texts: German first, English second, with the same keys (the type says so). */
export type TranslationTables<Table extends Record<string, string>> = {
  de: Table
  en: { [Key in keyof Table]: string }
}

/**
 * Whatever translates: Payload's `t` in a label function, `req.t`, `useTranslation().t`. Typed to take
 * any of them; the package keys are not in Payload's own key type, so the call below casts.
 */
type AnyT = (key: never, vars?: never) => string
type Vars = Record<string, number | string>
/** Placeholder values, or a function of the language where they read differently (300.000 / 300,000). */
type VarsIn = ((language: ShippedLanguage) => Vars) | Vars

/** What `label`, `description` and option labels accept: Payload calls it with the admin's `t`. */
export type TranslatedLabel = (args: { t: AnyT }) => string

/** Both shipped texts of one key, as config without label functions takes them (`{ de, en }`). */
export type TranslatedTexts = Record<ShippedLanguage, string>

/** Fills `{{name}}` placeholders the way Payload's `t` does (a missing value keeps the placeholder). */
const fill = (text: string, vars?: Vars) =>
  vars
    ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
        vars[name] == null ? placeholder : String(vars[name]),
      )
    : text

/**
 * The helpers one package builds from its `translations/` tables. Keys are `<namespace>:<key>`, the
 * form Payload's own `t` resolves (namespace first), so that hosts can override any text in their
 * `i18n.translations` and client components use `useTranslation().t` with the same keys.
 */
export function packageTranslations<Namespace extends string, Table extends Record<string, string>>(
  namespace: Namespace,
  tables: TranslationTables<Table>,
) {
  type Key = `${Namespace}:${keyof Table & string}`
  const own = (key: Key) => key.slice(namespace.length + 1) as keyof Table & string
  const translated =
    (key: Key, vars?: Vars): TranslatedLabel =>
    ({ t }) =>
      (t as unknown as (key: string, vars?: Vars) => string)(key, vars)

  return {
    namespace,
    tables,
    /** `label: translated('ns:key')`: Payload resolves it in the admin's language when it renders. */
    translated,
    /** A select option with a translated label: `option('weekly', 'ns:frequencyWeekly')`. */
    option: <Value extends string>(value: Value, key: Key) => ({ label: translated(key), value }),
    /**
     * The texts as a `{ de, en }` record, for config that takes no function (a collection's admin
     * group) and for texts made before a language is known. English is the first entry: for a
     * language it does not find, Payload's getTranslation shows the first.
     */
    texts: (key: Key, vars?: VarsIn): TranslatedTexts => {
      const varsIn = (language: ShippedLanguage) => (typeof vars === 'function' ? vars(language) : vars)
      return { en: fill(tables.en[own(key)], varsIn('en')), de: fill(tables.de[own(key)], varsIn('de')) }
    },
    /**
     * An admin/API message in the request's language (Payload's `req.t`, so host overrides apply);
     * German without a request, the product's first language.
     */
    message: (req: Partial<Pick<PayloadRequest, 'i18n'>> | undefined, key: Key, vars?: Vars): string =>
      req?.i18n
        ? (req.i18n.t as unknown as (key: string, vars?: Vars) => string)(key, vars)
        : fill(tables.de[own(key)], vars),
    /** The plugin's step that adds the tables to the host's `i18n.translations` (see mergeTranslations). */
    mergeInto: (config: Config): Config => mergeTranslations(config, namespace, tables),
  }
}

/**
 * Payload's plugin convention: the package's texts go under its namespace into every admin language
 * the host supports, the shipped ones as they are and any other with the English texts (a host
 * with French admins sees English labels, not raw keys). What the host already has wins: its own
 * entries, other plugins' namespaces and any of our texts it overrides. Nothing else in its i18n
 * options changes.
 */
export function mergeTranslations<Table extends Record<string, string>>(
  config: Config,
  namespace: string,
  tables: TranslationTables<Table>,
): Config {
  const shipped: Record<string, Record<string, string>> = tables
  const languages = new Set(['de', 'en', ...Object.keys(config.i18n?.supportedLanguages ?? {})])
  const ours = Object.fromEntries(
    [...languages].map((language) => [language, { [namespace]: shipped[language] ?? tables.en }]),
  )
  return { ...config, i18n: { ...config.i18n, translations: deepMergeSimple(ours, config.i18n?.translations ?? {}) } }
}

/**
 * A `{ de, en }` record (see `texts`) in the request's admin language: English for a language the
 * packages do not ship, German without a request.
 */
export function localized(req: Partial<Pick<PayloadRequest, 'i18n'>> | undefined, texts: TranslatedTexts): string {
  if (!req?.i18n) return texts.de
  return texts[req.i18n.language as ShippedLanguage] ?? texts.en
}

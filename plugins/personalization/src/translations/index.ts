import { packageTranslations } from '../i18n/translations'
import { de } from './de'
import { en } from './en'

/**
 * The core's admin texts (labels, descriptions, admin messages, the preview's words), merged into
 * the host's `i18n.translations` by `personalization()`.
 *
 * Keys: `kontorwerk-personalization:<key>`; every package uses `kontorwerk-<package>:<key>`. Within
 * a package, `<key>` is camelCase and names the place, not the words:
 * - a field's label is the field's name (`firstName`), its description `<field>Description`;
 * - a collection's names are `<collection>Singular` / `<collection>Plural`, an admin group `group<Name>`;
 * - a select option is `<field or option set><Value>` (`channelEmail`, `goalCrossSell`);
 * - an admin message says what it is about (`slotKeyDuplicate`, `templateUnknownFilter`);
 * - a client component's words start with the component (`preview…`).
 * Placeholders are Payload's `{{name}}`. Hosts override any text under the same key in their own
 * `i18n.translations`.
 */
export const personalizationTranslations = packageTranslations('kontorwerk-personalization', { de, en })

export type PersonalizationTranslations = { 'kontorwerk-personalization': typeof de }
export type PersonalizationTranslationKey = `kontorwerk-personalization:${keyof typeof de}`

export const { message, option, texts, translated } = personalizationTranslations

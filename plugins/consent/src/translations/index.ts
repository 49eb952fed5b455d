import { packageTranslations } from '@kontorwerk/personalization'

import { de } from './de'
import { en } from './en'

/**
 * The admin texts of the consent package (labels, descriptions, admin messages, the words of its admin
 * components), merged into the host's `i18n.translations` by `consent()`. Keys are
 * `kontorwerk-consent:<key>`, named after the place as in the core (see personalizationTranslations):
 * a field's name, `<field>Description`, `<collection>Singular`/`Plural`, `group<Name>`,
 * `<field><Value>` for options, the component's name first for its words.
 */
export const consentTranslations = packageTranslations('kontorwerk-consent', { de, en })

export type ConsentTranslations = { 'kontorwerk-consent': typeof de }
export type ConsentTranslationKey = `kontorwerk-consent:${keyof typeof de}`

export const { message, option, texts, translated } = consentTranslations

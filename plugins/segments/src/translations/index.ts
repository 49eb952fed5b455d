import { packageTranslations } from '@kontorwerk/personalization'

import { de } from './de'
import { en } from './en'

/**
 * The admin texts of the segments package (labels, descriptions, admin messages, the words of its admin
 * components), merged into the host's `i18n.translations` by `segments()`. Keys are
 * `kontorwerk-segments:<key>`, named after the place as in the core (see personalizationTranslations):
 * a field's name, `<field>Description`, `<collection>Singular`/`Plural`, `group<Name>`,
 * `<field><Value>` for options, the component's name first for its words.
 */
export const segmentsTranslations = packageTranslations('kontorwerk-segments', { de, en })

export type SegmentsTranslations = { 'kontorwerk-segments': typeof de }
export type SegmentsTranslationKey = `kontorwerk-segments:${keyof typeof de}`

export const { message, option, texts, translated } = segmentsTranslations

import { packageTranslations } from '@kontorwerk/personalization'

import { de } from './de'
import { en } from './en'

/**
 * The admin texts of the lead-scoring package (labels, descriptions, admin messages, the words of its admin
 * components), merged into the host's `i18n.translations` by `leadScoring()`. Keys are
 * `kontorwerk-lead-scoring:<key>`, named after the place as in the core (see personalizationTranslations):
 * a field's name, `<field>Description`, `<collection>Singular`/`Plural`, `group<Name>`,
 * `<field><Value>` for options, the component's name first for its words.
 */
export const leadScoringTranslations = packageTranslations('kontorwerk-lead-scoring', { de, en })

export type LeadScoringTranslations = { 'kontorwerk-lead-scoring': typeof de }
export type LeadScoringTranslationKey = `kontorwerk-lead-scoring:${keyof typeof de}`

export const { message, option, texts, translated } = leadScoringTranslations

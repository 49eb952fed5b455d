import { packageTranslations } from '@kontorwerk/personalization'

import { de } from './de'
import { en } from './en'

/**
 * The admin texts of the campaigns package (labels, descriptions, admin messages, the words of its admin
 * components), merged into the host's `i18n.translations` by `campaigns()`. Keys are
 * `kontorwerk-campaigns:<key>`, named after the place as in the core (see personalizationTranslations):
 * a field's name, `<field>Description`, `<collection>Singular`/`Plural`, `group<Name>`,
 * `<field><Value>` for options, the component's name first for its words.
 */
export const campaignsTranslations = packageTranslations('kontorwerk-campaigns', { de, en })

export type CampaignsTranslations = { 'kontorwerk-campaigns': typeof de }
export type CampaignsTranslationKey = `kontorwerk-campaigns:${keyof typeof de}`

export const { message, option, texts, translated } = campaignsTranslations

import type { TranslatedTexts } from '../../i18n/translations'

import { texts } from '../../translations'
import { exceededLimit, type LimitKind, PARSE_LIMITS } from './budget'
import { checkTemplate, FORBIDDEN_FILTERS, FORBIDDEN_TAGS, SUBSCRIBER_FIELDS } from './liquid'

const number = (value: number, language: 'de' | 'en') => value.toLocaleString(language === 'de' ? 'de-DE' : 'en-US')

const TOO_COSTLY = texts('kontorwerk-personalization:templateTooCostly')

const LIMIT_PROBLEMS: Record<LimitKind, TranslatedTexts> = {
  markup: texts('kontorwerk-personalization:templateTooMuchLiquid', (language) => ({
    markup: number(PARSE_LIMITS.markup, language),
    tagLine: number(PARSE_LIMITS.tagLine, language),
    tags: number(PARSE_LIMITS.tags, language),
  })),
  parse: texts('kontorwerk-personalization:templateTooLong', (language) => ({
    characters: number(PARSE_LIMITS.characters, language),
  })),
  render: TOO_COSTLY,
  time: TOO_COSTLY,
}

function forbiddenTag(tag: string): TranslatedTexts {
  return tag === 'raw'
    ? texts('kontorwerk-personalization:templateRawTag')
    : texts('kontorwerk-personalization:templateFileTag', { tag })
}

/**
 * Why a template cannot be used, in words an editor understands (German and English), or null
 * when it is fine: syntax errors, unknown variables and filters, forbidden tags and filters, and
 * templates too costly to render are all caught before anything is sent.
 */
export function templateProblem(source: null | string | undefined): null | TranslatedTexts {
  if (!source || !source.includes('{')) return null
  try {
    checkTemplate(source)
    return null
  } catch (error) {
    const limit = exceededLimit(error)
    if (limit) return LIMIT_PROBLEMS[limit]
    const text = (error as Error).message.split('\n')[0]
    const unknown = /undefined variable: (\S+)/.exec(text)
    if (unknown) {
      const name = unknown[1].replace(/,$/, '')
      const allowed = ['salutation', ...SUBSCRIBER_FIELDS.map((field) => `subscriber.${field}`)].join(', ')
      return texts('kontorwerk-personalization:templateUnknownVariable', { allowed, name })
    }
    const filter = /undefined filter: (\S+)/.exec(text)?.[1].replace(/,$/, '')
    if (filter && FORBIDDEN_FILTERS.includes(filter))
      return texts('kontorwerk-personalization:templateForbiddenFilter', { filter })
    if (filter) return texts('kontorwerk-personalization:templateUnknownFilter', { filter })
    const tag = /tag "([^"]+)" not found/.exec(text)?.[1]
    if (tag && FORBIDDEN_TAGS.includes(tag)) return forbiddenTag(tag)
    return texts('kontorwerk-personalization:templateLiquidError', { error: text })
  }
}

import type { ShippedLanguage } from '../../i18n/translations'
import type { ReasonStatement } from './reasonStatements'

import { texts } from '../../translations'

/** Display names by key, in the language of the explanation: interest slug, persona slug, stage key, region code. */
export type ReasonLabels = {
  interests: Map<string, string>
  personas: Map<string, string>
  regions: Map<string, string>
  stages: Map<string, string>
}

export const NO_LABELS: ReasonLabels = {
  interests: new Map(),
  personas: new Map(),
  regions: new Map(),
  stages: new Map(),
}

type Key = Parameters<typeof texts>[0]

/** A tag deleted since the block was ranked has no name any more: its key then, rather than nothing. */
const nameOf = (names: Map<string, string>, key: string) => names.get(key) ?? key

/** The engine's rule codes (eligibility's `Exclusion`) and the words for them; a code not listed shows as it is. */
const RULES: Record<string, Key> = {
  already_in_document: 'kontorwerk-personalization:reasonRuleAlreadyInDocument',
  channel: 'kontorwerk-personalization:reasonRuleChannel',
  expired: 'kontorwerk-personalization:reasonRuleExpired',
  guard_acquisition_for_customer: 'kontorwerk-personalization:reasonRuleAcquisitionForCustomer',
  guard_already_converted: 'kontorwerk-personalization:reasonRuleAlreadyConverted',
  guard_discount_after_purchase: 'kontorwerk-personalization:reasonRuleDiscountAfterPurchase',
  interest_or_region: 'kontorwerk-personalization:reasonRuleInterestOrRegion',
  locale: 'kontorwerk-personalization:reasonRuleLocale',
  not_valid_yet: 'kontorwerk-personalization:reasonRuleNotValidYet',
  persona: 'kontorwerk-personalization:reasonRulePersona',
  recently_received: 'kontorwerk-personalization:reasonRuleRecentlyReceived',
  region: 'kontorwerk-personalization:reasonRuleRegion',
  slot_goal: 'kontorwerk-personalization:reasonRuleSlotGoal',
  slot_interest: 'kontorwerk-personalization:reasonRuleSlotInterest',
  slot_segment: 'kontorwerk-personalization:reasonRuleSlotSegment',
  stage: 'kontorwerk-personalization:reasonRuleStage',
}

/** The shipped language an admin language reads in: English for any the packages do not ship (as `localized`). */
export const explanationLanguage = (language: string | undefined): ShippedLanguage =>
  !language || language === 'de' || language.startsWith('de-') ? 'de' : 'en'

/**
 * The sentence an editor reads next to a block: in the admin language, numbers as that language
 * writes them (a German reads "95.498" as ninety-five thousand: the score is "95,5"), interests,
 * persona, stage and region by their display names, rules in words.
 */
export function reasonText(
  statements: ReasonStatement[],
  { labels = NO_LABELS, language }: { labels?: ReasonLabels; language: ShippedLanguage },
): string {
  const say = (key: Key, vars?: Record<string, number | string>) => texts(key, vars)[language]
  const number = (value: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value)
  const list = (items: string[]) => new Intl.ListFormat(language, { type: 'conjunction' }).format(items)
  const rule = (code: string) => (RULES[code] ? say(RULES[code]) : code)

  const matches: string[] = []
  let sentence = ''
  const clauses: string[] = []
  for (const statement of statements) {
    switch (statement.code) {
      case 'pinned':
        sentence = say('kontorwerk-personalization:reasonPinned')
        break
      case 'fallback':
        sentence = say('kontorwerk-personalization:reasonFallback')
        break
      case 'excluded': {
        const rules = statement.params.rules.map(({ count, rule: code }) =>
          say('kontorwerk-personalization:reasonExcludedRule', { count: number(count), rule: rule(code) }),
        )
        sentence += ` (${say('kontorwerk-personalization:reasonExcluded', { rules: rules.join(', ') })})`
        break
      }
      case 'replaced':
        clauses.push(
          say('kontorwerk-personalization:reasonReplaced', {
            rule: rule(statement.params.rule),
            title: statement.params.title,
          }),
        )
        break
      case 'score':
        sentence = say('kontorwerk-personalization:reasonScore', { score: number(statement.params.score) })
        break
      case 'priorityOnly':
        sentence += ` ${say('kontorwerk-personalization:reasonPriorityOnly')}`
        break
      case 'interests':
        matches.push(
          say('kontorwerk-personalization:reasonInterests', {
            names: list(statement.params.slugs.map((slug) => nameOf(labels.interests, slug))),
          }),
        )
        break
      case 'persona':
        matches.push(
          say('kontorwerk-personalization:reasonPersona', { name: nameOf(labels.personas, statement.params.slug) }),
        )
        break
      case 'stage':
        matches.push(
          say('kontorwerk-personalization:reasonStage', { name: nameOf(labels.stages, statement.params.key) }),
        )
        break
      case 'region':
        matches.push(
          say('kontorwerk-personalization:reasonRegion', { name: nameOf(labels.regions, statement.params.code) }),
        )
        break
    }
  }
  if (matches.length) sentence += ` ${say('kontorwerk-personalization:reasonFrom', { matches: matches.join('; ') })}`
  return [sentence, ...clauses].join('; ')
}

import type { SegmentsTranslationKey } from '../../translations'

import { INTEREST_SOURCES, RFM_METRICS } from '../../rules/catalogue'

export type Lang = 'de' | 'en'
export type SegmentsT = (key: SegmentsTranslationKey) => string
export type Text = ReturnType<typeof builderText>

/** The builder's own words; their texts are the segments translations `ruleBuilder<Word>`. */
const WORDS = [
  'addGroup',
  'addGroupTitle',
  'addRule',
  'addRuleTitle',
  'and',
  'anyInterest',
  'anyProperty',
  'anyTopic',
  'attributeKey',
  'attributeValue',
  'boolean',
  'channel',
  'choose',
  'combinator',
  'contains',
  'condition',
  'count',
  'days',
  'daysUnit',
  'equals',
  'eventType',
  'failed',
  'field',
  'frequency',
  'group',
  'inLast',
  'interest',
  'loadingOptions',
  'member',
  'members',
  'metric',
  'minWeight',
  'no',
  'not',
  'notTitle',
  'number',
  'operator',
  'optionsFailed',
  'or',
  'percent',
  'persona',
  'preview',
  'problems',
  'property',
  'propertyOperator',
  'propertyValue',
  'removeGroup',
  'removeRule',
  'root',
  'sample',
  'sampleWithheld',
  'segment',
  'source',
  'stage',
  'text',
  'times',
  'topic',
  'type',
  'unknown',
  'value',
  'yes',
] as const

const capitalized = <Word extends string>(word: Word) => `${word[0].toUpperCase()}${word.slice(1)}` as Capitalize<Word>

/** The builder's words in the admin language, as one object handed down to every editor. */
export function builderText(t: SegmentsT) {
  const words = Object.fromEntries(
    WORDS.map((word) => [word, t(`kontorwerk-segments:ruleBuilder${capitalized(word)}`)]),
  ) as Record<(typeof WORDS)[number], string>
  const metrics = Object.fromEntries(
    RFM_METRICS.map((metric) => [metric, t(`kontorwerk-segments:ruleMetric${capitalized(metric)}`)]),
  )
  const sources = Object.fromEntries(
    INTEREST_SOURCES.map((source) => [source, t(`kontorwerk-segments:ruleSource${capitalized(source)}`)]),
  )
  return {
    ...words,
    metrics: metrics as Record<(typeof RFM_METRICS)[number], string>,
    sources: sources as Record<(typeof INTEREST_SOURCES)[number], string>,
  }
}

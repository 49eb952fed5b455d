import { domainToASCII } from 'node:url'

import { CONSENT_CHANNEL_OPTIONS } from '@kontorwerk/consent'
import { isEventType, READER_LOCALES, readerLocaleOf } from '@kontorwerk/personalization'

import type { EventCondition, Rule, RuleGroup, RuleProblem } from './types'

import {
  EVENT_CONDITION_OPERATORS,
  FIELD_BY_NAME,
  FREQUENCIES,
  INTEREST_SOURCES,
  LIMITS,
  RFM_METRICS,
  type ValueKind,
} from './catalogue'
import { type Problem, problem, ruleProblem } from './problems'

const CONSENT_CHANNELS = new Set<unknown>(CONSENT_CHANNEL_OPTIONS.map((o) => o.value))
const ATTRIBUTE_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
/** Keys every object has: never a subscriber's own attribute. */
const RESERVED_KEYS = new Set([
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
])
const ID = /^[A-Za-z0-9_-]{1,64}$/

export type ParseResult = { problems: RuleProblem[]; tree: null } | { problems: []; tree: RuleGroup }

/**
 * Checks a tree as it arrives (admin, API, import) and returns a clean copy with ids as strings.
 * Every problem names its place ("rules[1].rules[0]"), so an editor can find it.
 */
export function parseRuleTree(input: unknown): ParseResult {
  const problems: RuleProblem[] = []
  let conditions = 0
  const group = (node: unknown, path: string, depth: number): null | RuleGroup => {
    if (!isRecord(node)) return fail(problems, path, problem('GroupShape'))
    // Groups count too: a tree of empty groups is as costly as one of conditions.
    if (++conditions > LIMITS.conditions)
      return fail(problems, path, problem('TooManyConditions', { max: LIMITS.conditions }))
    if (depth > LIMITS.depth) return fail(problems, path, problem('TooDeep', { max: LIMITS.depth }))
    if (node.combinator !== 'and' && node.combinator !== 'or') return fail(problems, path, problem('Combinator'))
    if (!Array.isArray(node.rules)) return fail(problems, path, problem('RulesList'))
    if (node.not !== undefined && typeof node.not !== 'boolean') return fail(problems, path, problem('NotFlag'))
    const rules = node.rules.flatMap((child, index) => {
      const childPath = `${path ? `${path}.` : ''}rules[${index}]`
      const parsed = isRecord(child) && 'rules' in child ? group(child, childPath, depth + 1) : rule(child, childPath)
      return parsed ? [parsed] : []
    })
    return {
      combinator: node.combinator,
      ...(node.not ? { not: true } : {}),
      ...(typeof node.id === 'string' ? { id: node.id } : {}),
      rules,
    }
  }
  const rule = (node: unknown, path: string): null | Rule => {
    if (++conditions > LIMITS.conditions)
      return fail(problems, path, problem('TooManyConditions', { max: LIMITS.conditions }))
    if (!isRecord(node)) return fail(problems, path, problem('RuleShape'))
    const spec = typeof node.field === 'string' ? FIELD_BY_NAME.get(node.field as Rule['field']) : undefined
    if (!spec) return fail(problems, path, problem('UnknownField', { field: JSON.stringify(node.field) }))
    const operator = spec.operators.find((candidate) => candidate.name === node.operator)
    if (!operator) {
      const operators = spec.operators.map((o) => o.name).join(', ')
      return fail(
        problems,
        path,
        problem('UnknownOperator', { operator: JSON.stringify(node.operator), operators }),
        spec.name,
      )
    }
    const checked =
      spec.name === 'emailDomain'
        ? checkDomain(node.value)
        : spec.name === 'locale'
          ? checkLocale(node.value)
          : checkValue(operator.value, operator.name, node.value)
    if (isProblem(checked)) return fail(problems, path, checked, spec.name)
    const outOfRange = rangeProblem(spec.name, checked.value)
    if (outOfRange) return fail(problems, path, outOfRange, spec.name)
    return {
      field: spec.name,
      operator: operator.name,
      value: checked.value,
      ...(typeof node.id === 'string' ? { id: node.id } : {}),
    } as Rule
  }
  const tree = group(input, '', 0)
  return problems.length || !tree ? { problems, tree: null } : { problems: [], tree }
}

/** A reader locale in its stored form (`de-at`, `de_AT` → `de-AT`): anything else would silently match nobody. */
function checkLocale(value: unknown): Problem | { value: unknown } {
  const locale = readerLocaleOf(value)
  return locale
    ? { value: locale }
    : problem('Locale', {
        examples: READER_LOCALES.slice(0, 4)
          .map(({ code }) => code)
          .join(', '),
      })
}

/** Predictions have ranges: a probability outside 0–1 or a negative count or value would match everyone or nobody. */
function rangeProblem(field: string, value: unknown): null | Problem {
  if (typeof value !== 'number') return null
  if (field === 'probabilityAlive' && (value < 0 || value > 1)) return problem('Probability')
  if ((field === 'expectedPurchases' || field === 'expectedValue') && value < 0) return problem('NotNegative')
  return null
}

/** The value in its clean form, or what is wrong with it. */
function checkValue(kind: ValueKind, operator: string, value: unknown): Problem | { value: unknown } {
  const ok = (clean: unknown) => ({ value: clean })
  switch (kind) {
    case 'text':
      return isText(value) ? ok(value.trim()) : problem('Text', { max: LIMITS.textLength })
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : problem('Number')
    case 'persona':
      return idOf(value) ?? problem('PersonaId')
    case 'segment':
      return idOf(value) ?? problem('SegmentId')
    case 'stage':
      return idOf(value) ?? problem('StageId')
    case 'channel':
      return CONSENT_CHANNELS.has(value as string) ? ok(value) : unknownChannel(value)
    case 'frequency':
      return FREQUENCIES.includes(value as never) ? ok(value) : problem('Frequency', { values: FREQUENCIES.join(', ') })
    case 'none':
      return value == null || value === true ? ok(null) : problem('NoValue')
  }
  if (!isRecord(value)) return problem('ObjectValue')
  switch (kind) {
    case 'attribute': {
      if (typeof value.key !== 'string' || !ATTRIBUTE_KEY.test(value.key) || RESERVED_KEYS.has(value.key))
        return problem('AttributeKey')
      if (operator === 'exists' || operator === 'notExists') return ok({ key: value.key })
      if (operator === 'contains')
        return isText(value.value) ? ok({ key: value.key, value: value.value }) : problem('ContainsText')
      if (['<', '<=', '>', '>='].includes(operator))
        return typeof value.value === 'number' && Number.isFinite(value.value)
          ? ok({ key: value.key, value: value.value })
          : problem('ComparisonNumber', { operator })
      return (typeof value.value === 'string' && (value.value === '' || isText(value.value))) ||
        typeof value.value === 'boolean' ||
        (typeof value.value === 'number' && Number.isFinite(value.value))
        ? ok({ key: value.key, value: value.value })
        : problem('CompareValue')
    }
    case 'personaFit':
      return withId(value.persona, 'PersonaId', (persona) =>
        inRange(value.percent, 0, 100) ? ok({ percent: value.percent, persona }) : problem('Percent'),
      )
    case 'interest':
      return withId(value.interest, 'InterestId', (interest) => {
        const source = value.source ?? 'any'
        if (!INTEREST_SOURCES.includes(source as never))
          return problem('InterestSource', { values: INTEREST_SOURCES.join(', ') })
        const minWeight = value.minWeight ?? 0
        return inRange(minWeight, 0, 1) ? ok({ interest, minWeight, source }) : problem('MinWeight')
      })
    case 'stageChange':
      return withId(value.stage, 'StageId', (stage) =>
        isDays(value.days) ? ok({ days: value.days, stage }) : daysProblem(),
      )
    case 'consent': {
      if (!CONSENT_CHANNELS.has(value.channel as string)) return unknownChannel(value.channel)
      if (value.topic == null) return ok({ channel: value.channel, topic: null })
      return withId(value.topic, 'TopicId', (topic) => ok({ channel: value.channel, topic }))
    }
    case 'tracking':
      return CONSENT_CHANNELS.has(value.channel as string)
        ? ok({ channel: value.channel })
        : unknownChannel(value.channel)
    case 'events': {
      if (!isEventType(value.type)) return problem('EventType', { type: JSON.stringify(value.type) })
      if (!isCount(value.count)) return problem('Count')
      if (!isDays(value.days)) return daysProblem()
      const condition = eventCondition(value.condition)
      if (isProblem(condition)) return condition
      const window = { count: value.count, days: value.days, type: value.type, ...condition }
      if (value.interest == null) return ok({ ...window, interest: null })
      return withId(value.interest, 'InterestId', (interest) => ok({ ...window, interest }))
    }
    case 'contacted':
      if (!CONSENT_CHANNELS.has(value.channel as string)) return unknownChannel(value.channel)
      if (!isCount(value.count)) return problem('Count')
      return isDays(value.days) ? ok({ channel: value.channel, count: value.count, days: value.days }) : daysProblem()
    case 'rfm':
      if (!RFM_METRICS.includes(value.metric as never)) return problem('Metric', { values: RFM_METRICS.join(', ') })
      return typeof value.value === 'number' && Number.isFinite(value.value)
        ? ok({ metric: value.metric, value: value.value })
        : problem('Number')
  }
  return problem('Unsupported')
}

/** An event window's optional property condition; absent, it is left out of the clean tree. */
function eventCondition(value: unknown): Problem | { condition?: EventCondition } {
  if (value == null) return {}
  if (!isRecord(value)) return problem('ConditionShape')
  if (typeof value.property !== 'string' || !ATTRIBUTE_KEY.test(value.property) || RESERVED_KEYS.has(value.property))
    return problem('ConditionProperty')
  if (!EVENT_CONDITION_OPERATORS.includes(value.operator as never))
    return problem('ConditionOperator', { values: EVENT_CONDITION_OPERATORS.join(', ') })
  if (!isText(value.value)) return problem('ConditionValue', { max: LIMITS.textLength })
  const condition = { operator: value.operator, property: value.property, value: value.value.trim() }
  return { condition: condition as EventCondition }
}

const daysProblem = () => problem('Days', { max: LIMITS.days })
const unknownChannel = (channel: unknown) => problem('UnknownChannel', { channel: JSON.stringify(channel) })
const isProblem = (checked: object): checked is Problem => 'code' in checked
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= LIMITS.textLength && !CONTROL.test(value)

/** A domain as addresses are stored: lower case, internationalised names in punycode, no "@". */
function checkDomain(value: unknown): Problem | { value: unknown } {
  if (!isText(value)) return problem('DomainText', { max: LIMITS.textLength })
  const domain = domainToASCII(value.trim().replace(/^@/, '').toLowerCase())
  return domain ? { value: domain } : problem('NotDomain', { value: String(value) })
}
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const inRange = (value: unknown, min: number, max: number) => typeof value === 'number' && value >= min && value <= max
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1_000_000
const isDays = (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= LIMITS.days

function idOf(value: unknown): { value: string } | null {
  const key = typeof value === 'number' && Number.isInteger(value) && value > 0 ? String(value) : value
  return typeof key === 'string' && ID.test(key) ? { value: key } : null
}

function withId(
  value: unknown,
  missing: 'InterestId' | 'PersonaId' | 'StageId' | 'TopicId',
  then: (id: string) => Problem | { value: unknown },
) {
  const id = idOf(value)
  return id ? then(id.value) : problem(missing)
}

function fail(problems: RuleProblem[], path: string, found: Problem, field?: string): null {
  problems.push(ruleProblem(path, found, field))
  return null
}

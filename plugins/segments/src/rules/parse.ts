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
    if (!isRecord(node)) return fail(problems, path, 'must be a group with "combinator" and "rules"')
    // Groups count too: a tree of empty groups is as costly as one of conditions.
    if (++conditions > LIMITS.conditions)
      return fail(problems, path, `a segment may have at most ${LIMITS.conditions} conditions and groups`)
    if (depth > LIMITS.depth) return fail(problems, path, `groups may be nested at most ${LIMITS.depth} deep`)
    if (node.combinator !== 'and' && node.combinator !== 'or')
      return fail(problems, path, '"combinator" must be "and" or "or"')
    if (!Array.isArray(node.rules)) return fail(problems, path, '"rules" must be a list')
    if (node.not !== undefined && typeof node.not !== 'boolean')
      return fail(problems, path, '"not" must be true or false')
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
      return fail(problems, path, `a segment may have at most ${LIMITS.conditions} conditions and groups`)
    if (!isRecord(node)) return fail(problems, path, 'must be a condition with "field", "operator" and "value"')
    const spec = typeof node.field === 'string' ? FIELD_BY_NAME.get(node.field as Rule['field']) : undefined
    if (!spec) return fail(problems, path, `unknown field ${JSON.stringify(node.field)}`)
    const operator = spec.operators.find((candidate) => candidate.name === node.operator)
    if (!operator) {
      return fail(
        problems,
        path,
        `field "${spec.name}" has no operator ${JSON.stringify(node.operator)} (use ${spec.operators.map((o) => o.name).join(', ')})`,
      )
    }
    const checked =
      spec.name === 'emailDomain'
        ? checkDomain(node.value)
        : spec.name === 'locale'
          ? checkLocale(node.value)
          : checkValue(operator.value, operator.name, node.value)
    if (typeof checked === 'string') return fail(problems, path, `${spec.name}: ${checked}`)
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
function checkLocale(value: unknown): string | { value: unknown } {
  const locale = readerLocaleOf(value)
  return locale
    ? { value: locale }
    : `needs a locale such as ${READER_LOCALES.slice(0, 4)
        .map(({ code }) => code)
        .join(', ')}`
}

/** The value in its clean form, or what is wrong with it. */
function checkValue(kind: ValueKind, operator: string, value: unknown): string | { value: unknown } {
  const ok = (clean: unknown) => ({ value: clean })
  switch (kind) {
    case 'text':
      return isText(value)
        ? ok(value.trim())
        : `needs a text of 1–${LIMITS.textLength} characters without control characters`
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : 'needs a number'
    case 'persona':
    case 'segment':
    case 'stage':
      return idOf(value) ?? `needs a ${kind} id`
    case 'channel':
      return CONSENT_CHANNELS.has(value as string) ? ok(value) : `unknown channel ${JSON.stringify(value)}`
    case 'frequency':
      return FREQUENCIES.includes(value as never) ? ok(value) : `frequency must be one of ${FREQUENCIES.join(', ')}`
    case 'none':
      return value == null || value === true ? ok(null) : 'takes no value'
  }
  if (!isRecord(value)) return 'needs an object value'
  switch (kind) {
    case 'attribute': {
      if (typeof value.key !== 'string' || !ATTRIBUTE_KEY.test(value.key) || RESERVED_KEYS.has(value.key))
        return 'attribute "key" must be a name of letters, digits, _ or - (up to 64)'
      if (operator === 'exists' || operator === 'notExists') return ok({ key: value.key })
      if (operator === 'contains')
        return isText(value.value)
          ? ok({ key: value.key, value: value.value })
          : '"contains" needs a text without control characters'
      if (['<', '<=', '>', '>='].includes(operator))
        return typeof value.value === 'number' && Number.isFinite(value.value)
          ? ok({ key: value.key, value: value.value })
          : `"${operator}" needs a number`
      return (typeof value.value === 'string' && (value.value === '' || isText(value.value))) ||
        typeof value.value === 'boolean' ||
        (typeof value.value === 'number' && Number.isFinite(value.value))
        ? ok({ key: value.key, value: value.value })
        : 'needs a text, number or true/false to compare with'
    }
    case 'personaFit':
      return withId(value.persona, 'persona', (persona) =>
        inRange(value.percent, 0, 100) ? ok({ percent: value.percent, persona }) : '"percent" must be 0–100',
      )
    case 'interest':
      return withId(value.interest, 'interest', (interest) => {
        const source = value.source ?? 'any'
        if (!INTEREST_SOURCES.includes(source as never)) return `"source" must be one of ${INTEREST_SOURCES.join(', ')}`
        const minWeight = value.minWeight ?? 0
        return inRange(minWeight, 0, 1) ? ok({ interest, minWeight, source }) : '"minWeight" must be 0–1'
      })
    case 'stageChange':
      return withId(value.stage, 'stage', (stage) =>
        isDays(value.days) ? ok({ days: value.days, stage }) : daysProblem,
      )
    case 'consent': {
      if (!CONSENT_CHANNELS.has(value.channel as string)) return `unknown channel ${JSON.stringify(value.channel)}`
      if (value.topic == null) return ok({ channel: value.channel, topic: null })
      return withId(value.topic, 'topic', (topic) => ok({ channel: value.channel, topic }))
    }
    case 'tracking':
      return CONSENT_CHANNELS.has(value.channel as string)
        ? ok({ channel: value.channel })
        : `unknown channel ${JSON.stringify(value.channel)}`
    case 'events': {
      if (!isEventType(value.type)) return `unknown event type ${JSON.stringify(value.type)}`
      if (!isCount(value.count)) return '"count" must be a whole number from 1'
      if (!isDays(value.days)) return daysProblem
      const condition = eventCondition(value.condition)
      if (typeof condition === 'string') return condition
      const window = { count: value.count, days: value.days, type: value.type, ...condition }
      if (value.interest == null) return ok({ ...window, interest: null })
      return withId(value.interest, 'interest', (interest) => ok({ ...window, interest }))
    }
    case 'contacted':
      if (!CONSENT_CHANNELS.has(value.channel as string)) return `unknown channel ${JSON.stringify(value.channel)}`
      if (!isCount(value.count)) return '"count" must be a whole number from 1'
      return isDays(value.days) ? ok({ channel: value.channel, count: value.count, days: value.days }) : daysProblem
    case 'rfm':
      if (!RFM_METRICS.includes(value.metric as never)) return `"metric" must be one of ${RFM_METRICS.join(', ')}`
      return typeof value.value === 'number' && Number.isFinite(value.value)
        ? ok({ metric: value.metric, value: value.value })
        : 'needs a number'
  }
  return 'unsupported value'
}

/** An event window's optional property condition; absent, it is left out of the clean tree. */
function eventCondition(value: unknown): string | { condition?: EventCondition } {
  if (value == null) return {}
  if (!isRecord(value)) return '"condition" needs "property", "operator" and "value"'
  if (typeof value.property !== 'string' || !ATTRIBUTE_KEY.test(value.property) || RESERVED_KEYS.has(value.property))
    return 'condition "property" must be a name of letters, digits, _ or - (up to 64), e.g. asset, form, url'
  if (!EVENT_CONDITION_OPERATORS.includes(value.operator as never))
    return `condition "operator" must be one of ${EVENT_CONDITION_OPERATORS.join(', ')}`
  if (!isText(value.value))
    return `condition "value" needs a text of 1–${LIMITS.textLength} characters without control characters`
  const condition = { operator: value.operator, property: value.property, value: value.value.trim() }
  return { condition: condition as EventCondition }
}

const daysProblem = `"days" must be a whole number from 1 to ${LIMITS.days}`
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= LIMITS.textLength && !CONTROL.test(value)

/** A domain as addresses are stored: lower case, internationalised names in punycode, no "@". */
function checkDomain(value: unknown): string | { value: unknown } {
  if (!isText(value)) return `needs a domain of 1–${LIMITS.textLength} characters`
  const domain = domainToASCII(value.trim().replace(/^@/, '').toLowerCase())
  return domain ? { value: domain } : `"${value}" is not a domain`
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

function withId(value: unknown, what: string, then: (id: string) => string | { value: unknown }) {
  const id = idOf(value)
  return id ? then(id.value) : `needs a ${what} id`
}

function fail(problems: RuleProblem[], path: string, message: string): null {
  problems.push({ message, path: path || 'root' })
  return null
}

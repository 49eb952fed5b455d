import type { Where } from 'payload'

import { PAUSED_UNTIL_PATH } from '@kontorwerk/consent'
import { localesWithin } from '@kontorwerk/personalization'

import type { Rule, RuleGroup } from '../rules/types'
import type { Environment } from './environment'

import { isGroup } from '../rules/types'

type Polarity = 'negative' | 'positive'

/**
 * A Payload `where` that every member satisfies (a superset), from the conditions `where` can say
 * exactly: profile fields, primary persona, stage, paused. Everything else (events, decay, consent,
 * JSON attributes) becomes "no constraint", and the in-memory evaluator decides on the candidates.
 * Used where the tree cannot be compiled to SQL (MongoDB): the database narrows, memory decides.
 * Under NOT the polarity flips, so a condition is only used where its negation is exact too.
 */
export function whereSuperset(tree: RuleGroup, env: Environment): null | Where {
  return group(tree, env, 'positive')
}

function group(node: RuleGroup, env: Environment, polarity: Polarity): null | Where {
  const effective: Polarity = node.not ? flip(polarity) : polarity
  // Under an odd number of NOTs an AND becomes an OR of negations and vice versa (De Morgan).
  const conjunctive = (node.combinator === 'and') === (effective === 'positive')
  const parts = node.rules.map((child) => (isGroup(child) ? group(child, env, effective) : rule(child, env, effective)))
  if (conjunctive) {
    const known = parts.filter((part): part is Where => part !== null)
    return known.length ? { and: known } : null
  }
  if (parts.length === 0 || parts.some((part) => part === null)) return null
  return { or: parts as Where[] }
}

const flip = (polarity: Polarity): Polarity => (polarity === 'positive' ? 'negative' : 'positive')

/** Equal to the value, or (negated) anything else including nothing at all. */
const equalTo = (field: string, value: unknown, polarity: Polarity): Where =>
  polarity === 'positive'
    ? { [field]: { equals: value } }
    : { or: [{ [field]: { not_equals: value } }, { [field]: { exists: false } }] }

function rule(rule: Rule, env: Environment, polarity: Polarity): null | Where {
  switch (rule.field) {
    case 'locale': {
      // A language covers its regions (see matches); the other way round any other value will do as a superset.
      const positive = (rule.operator === '=' ? polarity : flip(polarity)) === 'positive'
      const within = localesWithin(rule.value)
      return positive && within.length > 1
        ? { locale: { in: within } }
        : equalTo('locale', rule.value, positive ? 'positive' : 'negative')
    }
    case 'region':
    case 'addressForm':
      return equalTo(rule.field, rule.value, rule.operator === '=' ? polarity : flip(polarity))
    case 'persona':
      return rule.operator === 'is' ? equalTo('persona', rule.value, polarity) : null
    case 'stage': {
      if (rule.operator === 'is') return equalTo('stage', rule.value, polarity)
      if (rule.operator !== 'atLeast' || polarity === 'negative') return null
      const wanted = env.stageOrder.get(String(rule.value))
      const stages = [...env.stageOrder]
        .filter(([, order]) => wanted !== undefined && order >= wanted)
        .map(([id]) => id)
      return { stage: { in: stages } }
    }
    case 'paused': {
      const now = env.now.toISOString()
      return polarity === 'positive'
        ? { [PAUSED_UNTIL_PATH]: { greater_than: now } }
        : { or: [{ [PAUSED_UNTIL_PATH]: { less_than_equal: now } }, { [PAUSED_UNTIL_PATH]: { exists: false } }] }
    }
    default:
      return null
  }
}

import { consentStatus } from '@kontorwerk/consent'
import { localesWithin } from '@kontorwerk/personalization'

import type { Comparison, EventCondition, Rule, RuleGroup } from '../rules/types'
import type { Environment } from './environment'
import type { SubscriberFacts } from './facts'

import { segmentInvalid } from '../errors'
import { isGroup } from '../rules/types'
import { rfmOf } from './rfm'

const DAY = 24 * 60 * 60 * 1000
/** Segments inside segments (not groups) deeper than this are a cycle that slipped past the save check. */
export const MAX_NESTING = 20

export function compare(
  left: boolean | number | string,
  operator: Comparison,
  right: boolean | number | string,
): boolean {
  switch (operator) {
    case '<':
      return left < right
    case '<=':
      return left <= right
    case '=':
      return left === right
    case '>':
      return left > right
    case '>=':
      return left >= right
    case '!=':
      return left !== right
  }
}

/** Beyond this many half-lives a value counts as 0 (2^-62 < 3e-19), in both forms: SQL has no smaller factors to offer. */
export const MAX_HALF_LIVES = 62

/** Decay by half-lives as the scorer does it (nothing grows for a moment in the future). */
export function decayed(value: number, asOf: null | number, now: number, halfLifeDays: number): number {
  if (asOf == null || asOf >= now) return value
  const halfLives = (now - asOf) / (halfLifeDays * DAY)
  return halfLives > MAX_HALF_LIVES ? 0 : value * 0.5 ** halfLives
}

/** The in-memory form: does this subscriber belong to the tree, right now (env.now)? */
export function evaluate(group: RuleGroup, facts: SubscriberFacts, env: Environment, depth = 0): boolean {
  if (depth > MAX_NESTING) throw segmentInvalid('Segments are nested too deeply (a cycle?)')
  const results = group.rules.map((node) =>
    isGroup(node) ? evaluate(node, facts, env, depth) : evaluateRule(node, facts, env, depth),
  )
  // An empty group is neutral, as in the SQL form: AND of nothing is true, OR of nothing false.
  const value = group.combinator === 'and' ? results.every(Boolean) : results.some(Boolean)
  return group.not ? !value : value
}

function evaluateRule(rule: Rule, facts: SubscriberFacts, env: Environment, depth: number): boolean {
  const now = env.now.getTime()
  switch (rule.field) {
    case 'locale': {
      // A language covers its regions: `locale = de` holds for de-AT as for de.
      const within = facts.locale !== null && localesWithin(rule.value).includes(facts.locale)
      return rule.operator === '=' ? within : !within
    }
    case 'region':
    case 'addressForm':
    case 'emailDomain': {
      const actual = rule.field === 'emailDomain' ? facts.email.slice(facts.email.indexOf('@') + 1) : facts[rule.field]
      const expected = rule.field === 'emailDomain' ? rule.value.toLowerCase() : rule.value
      return rule.operator === '=' ? actual === expected : actual !== expected
    }
    case 'attribute': {
      const actual = Object.hasOwn(facts.attributes, rule.value.key) ? facts.attributes[rule.value.key] : undefined
      const present = actual !== undefined && actual !== null
      if (rule.operator === 'exists') return present
      if (rule.operator === 'notExists') return !present
      const expected = (rule.value as { value: boolean | number | string }).value
      if (rule.operator === 'contains') return typeof actual === 'string' && actual.includes(expected as string)
      const sameType = typeof actual === typeof expected && (typeof actual !== 'number' || Number.isFinite(actual))
      if (rule.operator === '!=') return !(sameType && actual === expected)
      return sameType && compare(actual as number | string, rule.operator, expected)
    }
    case 'persona':
      if (rule.operator === 'is') return facts.persona === rule.value
      return (
        typeof facts.personaFits[rule.value.persona] === 'number' &&
        facts.personaFits[rule.value.persona] >= rule.value.percent
      )
    case 'interest': {
      const family = new Set(env.interestFamily.get(String(rule.value.interest)) ?? [String(rule.value.interest)])
      const { minWeight, source } = rule.value
      return facts.interests.some((entry) => {
        if (!family.has(entry.interest) || (source !== 'any' && entry.source !== source)) return false
        const weight =
          entry.source === 'implicit'
            ? decayed(entry.weight, entry.lastSeenAt, now, env.interestHalfLifeDays)
            : entry.weight
        return weight >= minWeight
      })
    }
    case 'stage': {
      if (rule.operator === 'is') return facts.stage === rule.value
      if (rule.operator === 'atLeast') {
        const wanted = env.stageOrder.get(String(rule.value))
        const actual = facts.stage == null ? undefined : env.stageOrder.get(facts.stage)
        return wanted !== undefined && actual !== undefined && actual >= wanted
      }
      const { days, stage } = rule.value as { days: number; stage: string }
      return facts.stageHistory.some(
        (entry) =>
          entry.stage === stage &&
          entry.changedAt != null &&
          entry.changedAt >= now - days * DAY &&
          entry.changedAt <= now,
      )
    }
    case 'fitScore':
    case 'engagementScore':
    case 'totalScore': {
      const { engagementAsOf, engagementValue, fitAttributes, fitEvents } = facts.score
      const fit = fitAttributes + fitEvents
      const engagement = decayed(engagementValue, engagementAsOf, now, env.engagementHalfLifeDays)
      const value = rule.field === 'fitScore' ? fit : rule.field === 'engagementScore' ? engagement : fit + engagement
      return compare(value, rule.operator, rule.value)
    }
    case 'probabilityAlive':
    case 'expectedPurchases':
    case 'expectedValue': {
      const value = facts.prediction[rule.field]
      return value !== null && compare(value, rule.operator, rule.value)
    }
    case 'consent': {
      const { channel, topic } = rule.value
      if (topic != null) return consentStatus(facts.consents, 'marketing', channel, String(topic)) === 'granted'
      const topics = new Set([null, ...facts.consents.map((event) => event.topic ?? null)])
      return [...topics].some((each) => consentStatus(facts.consents, 'marketing', channel, each) === 'granted')
    }
    case 'tracking':
      return consentStatus(facts.consents, 'tracking', rule.value.channel) === 'granted'
    case 'channelChosen':
      return facts.preferences.channels.length === 0 || facts.preferences.channels.includes(rule.value)
    case 'frequency':
      return rule.operator === '='
        ? facts.preferences.frequency === rule.value
        : facts.preferences.frequency !== rule.value
    case 'paused':
      return facts.preferences.pausedUntil != null && facts.preferences.pausedUntil > now
    case 'events': {
      const { condition, count, days, interest, type } = rule.value
      const blocks = interest == null ? null : new Set(env.blocksByInterest.get(String(interest)) ?? [])
      const seen = countEvents(
        facts,
        now - days * DAY,
        now,
        (event) =>
          event.type === type &&
          (!blocks || (event.block != null && blocks.has(event.block))) &&
          (!condition || propertyMatches(event.properties, condition)),
      )
      return rule.operator === 'atLeast' ? seen >= count : seen < count
    }
    case 'contacted': {
      const { channel, count, days } = rule.value
      const seen = countEvents(
        facts,
        now - days * DAY,
        now,
        (event) => event.type === 'email_sent' && sentOn(event.properties) === channel,
      )
      return rule.operator === 'atLeast' ? seen >= count : seen < count
    }
    case 'receivedCampaign':
      return facts.events.some(
        (event) =>
          event.type === 'email_sent' &&
          event.occurredAt <= now &&
          event.properties.campaign != null &&
          String(event.properties.campaign) === rule.value,
      )
    case 'rfm': {
      const rfm = rfmOf(facts, env)
      return rfm !== null && compare(rfm[rule.value.metric], rule.operator, rule.value.value)
    }
    case 'segment': {
      const segment = env.segments.get(String(rule.value))
      if (!segment) throw segmentInvalid(`segment ${rule.value} does not exist (deleted?)`)
      return segment.tree ? evaluate(segment.tree, facts, env, depth + 1) : facts.staticSegments.has(segment.id)
    }
  }
}

/** A text property equal to the value, or containing it; other types and absent properties never match. */
function propertyMatches(properties: Record<string, unknown>, { operator, property, value }: EventCondition) {
  const actual = Object.hasOwn(properties, property) ? properties[property] : undefined
  if (typeof actual !== 'string') return false
  return operator === 'equals' ? actual === value : actual.includes(value)
}

/** Sends record their channel; mails written before channels existed are email. */
export const sentOn = (properties: Record<string, unknown>) =>
  typeof properties.channel === 'string' ? properties.channel : 'email'

function countEvents(
  facts: SubscriberFacts,
  from: number,
  to: number,
  wanted: (event: SubscriberFacts['events'][number]) => boolean,
) {
  return facts.events.filter((event) => event.occurredAt >= from && event.occurredAt <= to && wanted(event)).length
}

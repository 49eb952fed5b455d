/**
 * A segment's rule tree, in react-querybuilder's own shape (`combinator`/`not`/`rules`, and
 * `field`/`operator`/`value`), so the admin builder edits exactly what is stored and evaluated.
 * References (persona, interest, stage, topic, segment) are ids, checked at save time.
 */
export type Id = number | string

export type RuleGroup = { combinator: 'and' | 'or'; id?: string; not?: boolean; rules: (Rule | RuleGroup)[] }

export type Comparison = '<' | '<=' | '=' | '>' | '>=' | '!='

/**
 * "Download where asset = X", "page view where url contains Y": a text property of the event
 * compared exactly (case matters), or searched for a part of it. Numbers and missing properties never match.
 */
export type EventCondition = { operator: 'contains' | 'equals'; property: string; value: string }

export type EventWindow = {
  condition?: EventCondition | null
  count: number
  days: number
  interest?: Id | null
  type: string
}

export type RfmMetric = 'frequency' | 'frequencyScore' | 'monetary' | 'monetaryScore' | 'recencyDays' | 'recencyScore'

/** Every condition an editor can use; the field decides the operator set and the value's shape. */
export type Rule = { id?: string } & (
  | { field: 'addressForm' | 'emailDomain' | 'locale' | 'region'; operator: '!=' | '='; value: string }
  | { field: 'attribute'; operator: 'exists' | 'notExists'; value: { key: string } }
  | { field: 'attribute'; operator: 'contains' | Comparison; value: { key: string; value: boolean | number | string } }
  | { field: 'channelChosen'; operator: 'is'; value: string }
  | { field: 'consent'; operator: 'granted'; value: { channel: string; topic?: Id | null } }
  | { field: 'contacted'; operator: 'atLeast' | 'fewerThan'; value: { channel: string; count: number; days: number } }
  | { field: 'engagementScore' | 'fitScore' | 'totalScore'; operator: Comparison; value: number }
  | { field: 'expectedPurchases' | 'expectedValue' | 'probabilityAlive'; operator: Comparison; value: number }
  | { field: 'events'; operator: 'atLeast' | 'fewerThan'; value: EventWindow }
  | { field: 'frequency'; operator: '!=' | '='; value: string }
  | {
      field: 'interest'
      operator: 'has'
      value: { interest: Id; minWeight: number; source: 'any' | 'explicit' | 'implicit' }
    }
  | { field: 'paused'; operator: 'is'; value: null | true }
  | { field: 'persona'; operator: 'fitAtLeast'; value: { percent: number; persona: Id } }
  | { field: 'persona'; operator: 'is'; value: Id }
  | { field: 'receivedCampaign'; operator: 'is'; value: string }
  | { field: 'rfm'; operator: Comparison; value: { metric: RfmMetric; value: number } }
  | { field: 'segment'; operator: 'in'; value: Id }
  | { field: 'stage'; operator: 'atLeast' | 'is'; value: Id }
  | { field: 'stage'; operator: 'changedWithin'; value: { days: number; stage: Id } }
  | { field: 'tracking'; operator: 'granted'; value: { channel: string } }
)

export type RuleField = Rule['field']

export const isGroup = (node: Rule | RuleGroup): node is RuleGroup => Array.isArray((node as RuleGroup).rules)

/**
 * Where a problem is, e.g. "rules[1].rules[0]", and what it is: `message` in English for the API, `code`
 * (the segments translation `problem<Code>`) with its `vars` and the condition's `field` for the admin's
 * language (rules/problems.ts). Errors name the place.
 */
export type RuleProblem = {
  code?: string
  field?: string
  message: string
  path: string
  vars?: Record<string, number | string>
}

import type { SegmentsTranslationKey } from '../translations'
import type { RuleField } from './types'

/**
 * What each rule field accepts. The same table drives the admin builder (labels, operators, value
 * editors) and the server-side check of every stored tree, so they cannot disagree.
 */
export type ValueKind =
  | 'attribute'
  | 'channel'
  | 'consent'
  | 'contacted'
  | 'events'
  | 'frequency'
  | 'interest'
  | 'none'
  | 'number'
  | 'persona'
  | 'personaFit'
  | 'rfm'
  | 'segment'
  | 'stage'
  | 'stageChange'
  | 'text'
  | 'tracking'

/**
 * `personal`: the condition reads personal data (email domain, custom attributes) or a value
 * computed from it (fit and total score, persona fit: profile rules and persona traits test the
 * email domain and custom attributes), which only admins may see, so only admins may use it. A
 * field can be personal as a whole or in one operator ("persona is primary" is a label editors
 * see anyway; "persona fit at least" is not).
 */
export type OperatorSpec = { label: SegmentsTranslationKey; name: string; personal?: true; value: ValueKind }
export type FieldSpec = {
  group: SegmentsTranslationKey
  label: SegmentsTranslationKey
  name: RuleField
  operators: OperatorSpec[]
  personal?: true
}

const op = (name: string, value: ValueKind, label: SegmentsTranslationKey): OperatorSpec => ({ label, name, value })
const comparisons = (value: ValueKind): OperatorSpec[] => [
  op('>=', value, 'kontorwerk-segments:ruleOperatorAtLeast'),
  op('>', value, 'kontorwerk-segments:ruleOperatorMoreThan'),
  op('<=', value, 'kontorwerk-segments:ruleOperatorAtMost'),
  op('<', value, 'kontorwerk-segments:ruleOperatorLessThan'),
  op('=', value, 'kontorwerk-segments:ruleOperatorEquals'),
  op('!=', value, 'kontorwerk-segments:ruleOperatorDoesNotEqual'),
]
const equality = (value: ValueKind) => [
  op('=', value, 'kontorwerk-segments:ruleOperatorIs'),
  op('!=', value, 'kontorwerk-segments:ruleOperatorIsNot'),
]

const PROFILE = 'kontorwerk-segments:ruleGroupProfile'
const SCORE = 'kontorwerk-segments:ruleGroupScore'
const PREDICTION = 'kontorwerk-segments:ruleGroupPrediction'
const CONSENT = 'kontorwerk-segments:ruleGroupConsent'
const BEHAVIOUR = 'kontorwerk-segments:ruleGroupBehaviour'
const CONTACT = 'kontorwerk-segments:ruleGroupContact'

export const FIELDS: FieldSpec[] = [
  { group: PROFILE, label: 'kontorwerk-segments:ruleFieldLocale', name: 'locale', operators: equality('text') },
  { group: PROFILE, label: 'kontorwerk-segments:ruleFieldRegion', name: 'region', operators: equality('text') },
  {
    group: PROFILE,
    label: 'kontorwerk-segments:ruleFieldAddressForm',
    name: 'addressForm',
    operators: equality('text'),
  },
  {
    group: PROFILE,
    label: 'kontorwerk-segments:ruleFieldEmailDomain',
    name: 'emailDomain',
    operators: equality('text'),
    personal: true,
  },
  {
    group: PROFILE,
    label: 'kontorwerk-segments:ruleFieldAttribute',
    name: 'attribute',
    personal: true,
    operators: [
      ...comparisons('attribute'),
      op('contains', 'attribute', 'kontorwerk-segments:ruleOperatorContains'),
      op('exists', 'attribute', 'kontorwerk-segments:ruleOperatorIsSet'),
      op('notExists', 'attribute', 'kontorwerk-segments:ruleOperatorIsNotSet'),
    ],
  },
  {
    group: PROFILE,
    label: 'kontorwerk-segments:ruleFieldPersona',
    name: 'persona',
    operators: [
      op('is', 'persona', 'kontorwerk-segments:ruleOperatorIsPrimary'),
      { ...op('fitAtLeast', 'personaFit', 'kontorwerk-segments:ruleOperatorFitAtLeast'), personal: true },
    ],
  },
  {
    group: PROFILE,
    label: 'kontorwerk-segments:ruleFieldInterest',
    name: 'interest',
    operators: [op('has', 'interest', 'kontorwerk-segments:ruleOperatorHas')],
  },
  {
    group: PROFILE,
    label: 'kontorwerk-segments:ruleFieldStage',
    name: 'stage',
    operators: [
      op('is', 'stage', 'kontorwerk-segments:ruleOperatorIs'),
      op('atLeast', 'stage', 'kontorwerk-segments:ruleOperatorIsAtLeast'),
      op('changedWithin', 'stageChange', 'kontorwerk-segments:ruleOperatorReachedWithin'),
    ],
  },
  {
    group: SCORE,
    label: 'kontorwerk-segments:ruleFieldFitScore',
    name: 'fitScore',
    operators: comparisons('number'),
    personal: true,
  },
  {
    group: SCORE,
    label: 'kontorwerk-segments:ruleFieldEngagementScore',
    name: 'engagementScore',
    operators: comparisons('number'),
  },
  {
    group: SCORE,
    label: 'kontorwerk-segments:ruleFieldTotalScore',
    name: 'totalScore',
    operators: comparisons('number'),
    personal: true,
  },
  // The scoring plugin's purchase prediction; someone without purchases has none and matches no comparison.
  {
    group: PREDICTION,
    label: 'kontorwerk-segments:ruleFieldProbabilityAlive',
    name: 'probabilityAlive',
    operators: comparisons('number'),
    personal: true,
  },
  {
    group: PREDICTION,
    label: 'kontorwerk-segments:ruleFieldExpectedPurchases',
    name: 'expectedPurchases',
    operators: comparisons('number'),
    personal: true,
  },
  {
    group: PREDICTION,
    label: 'kontorwerk-segments:ruleFieldExpectedValue',
    name: 'expectedValue',
    operators: comparisons('number'),
    personal: true,
  },
  {
    group: CONSENT,
    label: 'kontorwerk-segments:ruleFieldConsent',
    name: 'consent',
    operators: [op('granted', 'consent', 'kontorwerk-segments:ruleOperatorGranted')],
  },
  {
    group: CONSENT,
    label: 'kontorwerk-segments:ruleFieldTracking',
    name: 'tracking',
    operators: [op('granted', 'tracking', 'kontorwerk-segments:ruleOperatorGranted')],
  },
  {
    group: CONSENT,
    label: 'kontorwerk-segments:ruleFieldChannelChosen',
    name: 'channelChosen',
    operators: [op('is', 'channel', 'kontorwerk-segments:ruleOperatorIs')],
  },
  {
    group: CONSENT,
    label: 'kontorwerk-segments:ruleFieldFrequency',
    name: 'frequency',
    operators: equality('frequency'),
  },
  {
    group: CONSENT,
    label: 'kontorwerk-segments:ruleFieldPaused',
    name: 'paused',
    operators: [op('is', 'none', 'kontorwerk-segments:ruleOperatorRightNow')],
  },
  {
    group: BEHAVIOUR,
    label: 'kontorwerk-segments:ruleFieldEvents',
    name: 'events',
    operators: [
      op('atLeast', 'events', 'kontorwerk-segments:ruleOperatorAtLeast'),
      op('fewerThan', 'events', 'kontorwerk-segments:ruleOperatorFewerThan'),
    ],
  },
  { group: BEHAVIOUR, label: 'kontorwerk-segments:ruleFieldRfm', name: 'rfm', operators: comparisons('rfm') },
  {
    group: BEHAVIOUR,
    label: 'kontorwerk-segments:ruleFieldSegment',
    name: 'segment',
    operators: [op('in', 'segment', 'kontorwerk-segments:ruleOperatorIs')],
  },
  {
    group: CONTACT,
    label: 'kontorwerk-segments:ruleFieldReceivedCampaign',
    name: 'receivedCampaign',
    operators: [op('is', 'text', 'kontorwerk-segments:ruleOperatorCampaign')],
  },
  {
    group: CONTACT,
    label: 'kontorwerk-segments:ruleFieldContacted',
    name: 'contacted',
    operators: [
      op('atLeast', 'contacted', 'kontorwerk-segments:ruleOperatorAtLeast'),
      op('fewerThan', 'contacted', 'kontorwerk-segments:ruleOperatorFewerThan'),
    ],
  },
]

export const FIELD_BY_NAME = new Map(FIELDS.map((field) => [field.name, field]))

/** Whether a condition is for admins only (see `personal`). */
export function isPersonalCondition(field: string, operator: string): boolean {
  const spec = FIELD_BY_NAME.get(field as RuleField)
  return Boolean(spec?.personal || spec?.operators.find((candidate) => candidate.name === operator)?.personal)
}

export const RFM_METRICS = [
  'recencyDays',
  'frequency',
  'monetary',
  'recencyScore',
  'frequencyScore',
  'monetaryScore',
] as const
export const INTEREST_SOURCES = ['any', 'explicit', 'implicit'] as const
export const FREQUENCIES = ['weekly', 'monthly', 'important_only'] as const
export const EVENT_CONDITION_OPERATORS = ['equals', 'contains'] as const

/** Windows and counts an editor may ask for; beyond them a query is a mistake, not a segment. */
/** `expanded`: conditions and groups once the segments a tree uses are written out (each use counts). */
export const LIMITS = { conditions: 100, days: 3660, depth: 8, expanded: 1000, textLength: 200 }

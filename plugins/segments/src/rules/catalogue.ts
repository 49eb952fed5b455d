import type { Label } from '@kontorwerk/personalization'
import type { RuleField } from './types'

/**
 * The core's `label`, written here: the rule builder reads this table in the browser, and a runtime
 * import of the core's entry would put all of the server (mail rendering, database) into its bundle.
 */
const label = (de: string, en: string): Label => ({ de, en })

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
export type OperatorSpec = { label: Label; name: string; personal?: true; value: ValueKind }
export type FieldSpec = { group: Label; label: Label; name: RuleField; operators: OperatorSpec[]; personal?: true }

const op = (name: string, value: ValueKind, de: string, en: string): OperatorSpec => ({ label: label(de, en), name, value })
const comparisons = (value: ValueKind): OperatorSpec[] => [
  op('>=', value, 'mindestens', 'at least'),
  op('>', value, 'mehr als', 'more than'),
  op('<=', value, 'höchstens', 'at most'),
  op('<', value, 'weniger als', 'less than'),
  op('=', value, 'gleich', 'equals'),
  op('!=', value, 'ungleich', 'does not equal'),
]
const equality = (value: ValueKind) => [op('=', value, 'ist', 'is'), op('!=', value, 'ist nicht', 'is not')]

const PROFILE = label('Profil', 'Profile')
const SCORE = label('Score', 'Score')
const CONSENT = label('Einwilligung & Präferenzen', 'Consent & preferences')
const BEHAVIOUR = label('Verhalten', 'Behaviour')
const CONTACT = label('Kontaktregeln', 'Contact rules')

export const FIELDS: FieldSpec[] = [
  { group: PROFILE, label: label('Sprache', 'Locale'), name: 'locale', operators: equality('text') },
  { group: PROFILE, label: label('Region', 'Region'), name: 'region', operators: equality('text') },
  { group: PROFILE, label: label('Ansprache', 'Form of address'), name: 'addressForm', operators: equality('text') },
  { group: PROFILE, label: label('E-Mail-Domain', 'Email domain'), name: 'emailDomain', operators: equality('text'), personal: true },
  {
    group: PROFILE,
    label: label('Eigenes Merkmal', 'Custom attribute'),
    name: 'attribute',
    personal: true,
    operators: [
      ...comparisons('attribute'),
      op('contains', 'attribute', 'enthält', 'contains'),
      op('exists', 'attribute', 'ist gesetzt', 'is set'),
      op('notExists', 'attribute', 'ist nicht gesetzt', 'is not set'),
    ],
  },
  {
    group: PROFILE,
    label: label('Persona', 'Persona'),
    name: 'persona',
    operators: [op('is', 'persona', 'ist primär', 'is primary'), { ...op('fitAtLeast', 'personaFit', 'Fit mindestens', 'fit at least'), personal: true }],
  },
  { group: PROFILE, label: label('Interesse', 'Interest'), name: 'interest', operators: [op('has', 'interest', 'hat', 'has')] },
  {
    group: PROFILE,
    label: label('Lebenszyklusphase', 'Lifecycle stage'),
    name: 'stage',
    operators: [
      op('is', 'stage', 'ist', 'is'),
      op('atLeast', 'stage', 'ist mindestens', 'is at least'),
      op('changedWithin', 'stageChange', 'erreicht innerhalb', 'reached within'),
    ],
  },
  { group: SCORE, label: label('Fit-Score', 'Fit score'), name: 'fitScore', operators: comparisons('number'), personal: true },
  { group: SCORE, label: label('Engagement-Score', 'Engagement score'), name: 'engagementScore', operators: comparisons('number') },
  { group: SCORE, label: label('Gesamtscore', 'Total score'), name: 'totalScore', operators: comparisons('number'), personal: true },
  { group: CONSENT, label: label('Einwilligung (Marketing)', 'Consent (marketing)'), name: 'consent', operators: [op('granted', 'consent', 'erteilt', 'granted')] },
  { group: CONSENT, label: label('Einwilligung (Tracking)', 'Consent (tracking)'), name: 'tracking', operators: [op('granted', 'tracking', 'erteilt', 'granted')] },
  { group: CONSENT, label: label('Kanal gewählt', 'Channel chosen'), name: 'channelChosen', operators: [op('is', 'channel', 'ist', 'is')] },
  { group: CONSENT, label: label('Häufigkeit', 'Frequency'), name: 'frequency', operators: equality('frequency') },
  { group: CONSENT, label: label('Pausiert', 'Paused'), name: 'paused', operators: [op('is', 'none', 'gerade', 'right now')] },
  {
    group: BEHAVIOUR,
    label: label('Ereignisse im Zeitraum', 'Events in a window'),
    name: 'events',
    operators: [op('atLeast', 'events', 'mindestens', 'at least'), op('fewerThan', 'events', 'weniger als', 'fewer than')],
  },
  { group: BEHAVIOUR, label: label('RFM (Käufe)', 'RFM (purchases)'), name: 'rfm', operators: comparisons('rfm') },
  { group: BEHAVIOUR, label: label('Mitglied im Segment', 'Member of segment'), name: 'segment', operators: [op('in', 'segment', 'ist', 'is')] },
  { group: CONTACT, label: label('Hat Kampagne erhalten', 'Received campaign'), name: 'receivedCampaign', operators: [op('is', 'text', 'Kampagne', 'campaign')] },
  {
    group: CONTACT,
    label: label('Kontaktiert auf Kanal', 'Contacted on channel'),
    name: 'contacted',
    operators: [op('atLeast', 'contacted', 'mindestens', 'at least'), op('fewerThan', 'contacted', 'weniger als', 'fewer than')],
  },
]

export const FIELD_BY_NAME = new Map(FIELDS.map((field) => [field.name, field]))

/** Whether a condition is for admins only (see `personal`). */
export function isPersonalCondition(field: string, operator: string): boolean {
  const spec = FIELD_BY_NAME.get(field as RuleField)
  return Boolean(spec?.personal || spec?.operators.find((candidate) => candidate.name === operator)?.personal)
}

export const RFM_METRICS = ['recencyDays', 'frequency', 'monetary', 'recencyScore', 'frequencyScore', 'monetaryScore'] as const
export const INTEREST_SOURCES = ['any', 'explicit', 'implicit'] as const
export const FREQUENCIES = ['weekly', 'monthly', 'important_only'] as const

/** Windows and counts an editor may ask for; beyond them a query is a mistake, not a segment. */
/** `expanded`: conditions and groups once the segments a tree uses are written out (each use counts). */
export const LIMITS = { conditions: 100, days: 3660, depth: 8, expanded: 1000, textLength: 200 }

import type { Payload, PayloadRequest } from 'payload'

import { perPayloadCache, relationKey, relationKeys } from '@kontorwerk/personalization'

import type { CapPeriod } from '../collections/ScoringRules'
import type { Condition } from './conditions'
import type { PersonaProfile } from './personaFit'

import { SCORING_RULES } from '../collections/ScoringRules'
import { STAGE_RULES } from '../collections/StageRules'
import { DEFAULT_SETTINGS, type ScoringSettingsValues } from '../defaults'
import { SCORING_SETTINGS } from '../globals/ScoringSettings'

export type Axis = 'engagement' | 'fit'

export type EventRule = {
  axis: Axis
  cap: { count: number; period: CapPeriod } | null
  eventType: string
  filters: Condition[]
  id: string
  name: string
  points: number
}
export type AttributeRule = { axis: Axis; condition: Condition; id: string; name: string; points: number }
export type StageRule = {
  fromStages: string[]
  id: string
  maxDaysWithoutEngagement: null | number
  minDaysWithoutEngagement: null | number
  minEngagement: null | number
  minFit: null | number
  minTotal: null | number
  name: string
  toStage: string
}
export type Stage = { id: string; key: string; order: number }

/** Everything scoring reads besides the subscriber, loaded once and held in memory. */
export type ScoringModel = {
  attributeRules: AttributeRule[]
  eventRules: Map<string, EventRule[]>
  personas: PersonaProfile[]
  settings: ScoringSettingsValues
  stageRules: StageRule[]
  stages: Map<string, Stage>
}

const conditionOf = (row: {
  attribute?: null | string
  operator?: null | string
  values?: null | string[]
}): Condition => ({
  attribute: row.attribute ?? '',
  operator: (row.operator ?? 'in') as Condition['operator'],
  values: row.values ?? [],
})

async function loadModel(payload: Payload, req?: Partial<PayloadRequest>): Promise<ScoringModel> {
  const all = { depth: 0, limit: 0, pagination: false, req } as const
  const [rules, stageRules, stages, personas, settings] = await Promise.all([
    payload.find({ collection: SCORING_RULES as 'scoring-rules', ...all, where: { active: { equals: true } } }),
    payload.find({ collection: STAGE_RULES as 'stage-rules', ...all, where: { active: { equals: true } } }),
    payload.find({ collection: 'lifecycle-stages', ...all }),
    payload.find({ collection: 'personas', ...all }),
    payload.findGlobal({ slug: SCORING_SETTINGS as 'lead-scoring-settings', depth: 0, req }),
  ])
  const eventRules = new Map<string, EventRule[]>()
  const attributeRules: AttributeRule[] = []
  for (const rule of rules.docs) {
    const base = {
      axis: rule.kind === 'attribute' ? ('fit' as const) : (rule.axis ?? 'engagement'),
      id: String(rule.id),
      name: rule.name,
      points: rule.points,
    }
    if (rule.kind === 'attribute') {
      if (rule.condition?.attribute) attributeRules.push({ ...base, condition: conditionOf(rule.condition) })
      continue
    }
    if (!rule.eventType) continue
    const cap = rule.cap?.count ? { count: rule.cap.count, period: (rule.cap.period ?? 'week') as CapPeriod } : null
    const list = eventRules.get(rule.eventType) ?? []
    list.push({ ...base, cap, eventType: rule.eventType, filters: (rule.filters ?? []).map(conditionOf) })
    eventRules.set(rule.eventType, list)
  }
  return {
    attributeRules,
    eventRules,
    personas: personas.docs.map((persona) => ({
      id: String(persona.id),
      profile: (persona.profile ?? []).map((trait) => ({ ...conditionOf(trait), weight: trait.weight })),
    })),
    settings: {
      ...DEFAULT_SETTINGS,
      ...stripNulls(settings as unknown as Record<string, unknown>),
    } as ScoringSettingsValues,
    stageRules: stageRules.docs.map((rule) => ({
      fromStages: relationKeys(rule.fromStages),
      id: String(rule.id),
      maxDaysWithoutEngagement: rule.maxDaysWithoutEngagement ?? null,
      minDaysWithoutEngagement: rule.minDaysWithoutEngagement ?? null,
      minEngagement: rule.minEngagement ?? null,
      minFit: rule.minFit ?? null,
      minTotal: rule.minTotal ?? null,
      name: rule.name,
      toStage: relationKey(rule.toStage) ?? '',
    })),
    stages: new Map(
      stages.docs.map((stage) => [String(stage.id), { id: String(stage.id), key: stage.key, order: stage.order }]),
    ),
  }
}

function stripNulls(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value != null))
}

/** Held for a few seconds; this process's own edits of rules, personas, stages or settings apply at once. */
export const scoringModel = perPayloadCache('leadScoring:model', loadModel, 5_000)

import type { Payload } from 'payload'

import type { StageChangeContext } from '../../../collections/hooks/recordStageChange'
import type { ScoreReading, StoredScore } from './scoreState'
import type { ScoringModel, StageRule } from './model'

import { EVENTS } from '../../../collections/Events'
import { readRows } from '../../../src/database/bulkRead'
import { writeAtomically } from '../../../src/database/bulkWrite'
import { idFromKey } from '../../../src/utilities/relation'
import { STAGE_WEBHOOK_TASK, stageWebhookTarget } from '../jobs/stageWebhook'
import { scoringModel } from './model'
import { readScore } from './scoreState'

const PAGE = 500

/** Whether a threshold rule moves a subscriber now at `current` with this reading. */
export function ruleApplies(rule: StageRule, current: null | string, reading: ScoreReading, model: ScoringModel): boolean {
  const target = model.stages.get(rule.toStage)
  if (!target || rule.toStage === current) return false
  if (rule.fromStages.length > 0) {
    if (!current || !rule.fromStages.includes(current)) return false
  } else if (current && (model.stages.get(current)?.order ?? -Infinity) >= target.order) {
    return false
  }
  return (
    (rule.minFit == null || reading.fit >= rule.minFit) &&
    (rule.minEngagement == null || reading.engagement >= rule.minEngagement) &&
    (rule.minTotal == null || reading.total >= rule.minTotal) &&
    (rule.minDaysWithoutEngagement == null || reading.daysWithoutEngagement >= rule.minDaysWithoutEngagement) &&
    (rule.maxDaysWithoutEngagement == null || reading.daysWithoutEngagement <= rule.maxDaysWithoutEngagement)
  )
}

/** Of all rules that apply, the one reaching furthest into the lifecycle (e.g. inactive beats at_risk). */
export function nextStage(current: null | string, reading: ScoreReading, model: ScoringModel): null | StageRule {
  const applicable = model.stageRules.filter((rule) => ruleApplies(rule, current, reading, model))
  return applicable.sort((a, b) => (model.stages.get(b.toStage)?.order ?? 0) - (model.stages.get(a.toStage)?.order ?? 0))[0] ?? null
}

const describe = (rule: StageRule, reading: ScoreReading) =>
  `${rule.name}: fit ${reading.fit}, engagement ${reading.engagement}, total ${reading.total}, ${reading.daysWithoutEngagement} days without engagement`

type StageSubject = { createdAt: string; id: string; score: StoredScore; stage: null | string }

/**
 * Applies the stage thresholds to the given subscribers, or to everybody (the periodic sweep that
 * catches "N days without engagement"). Idempotent: a subscriber already in the target stage is left alone.
 */
export async function evaluateStages(payload: Payload, { now = new Date(), subscribers }: { now?: Date; subscribers?: string[] } = {}): Promise<number> {
  const model = await scoringModel.get(payload)
  if (model.stageRules.length === 0) return 0
  if (subscribers) return applyStageRules(payload, await stageSubjects(payload, subscribers), model, now)
  let changed = 0
  for (let page = 1; ; page++) {
    const result = await payload.find({ collection: 'subscribers', depth: 0, limit: PAGE, page, select: { createdAt: true }, sort: 'id' })
    changed += await applyStageRules(payload, await stageSubjects(payload, result.docs.map((doc) => String(doc.id))), model, now)
    if (!result.hasNextPage) return changed
  }
}

const SCORE_COLUMNS = ['fitAttributes', 'fitEvents', 'engagementValue', 'engagementAsOf', 'lastEngagedAt'] as const

async function stageSubjects(payload: Payload, subscribers: string[]): Promise<StageSubject[]> {
  const rows = await readRows(payload, 'subscribers', ['id', 'createdAt', 'stage', ...SCORE_COLUMNS.map((column) => `score_${column}`)], [
    { field: 'id', in: subscribers.map((id) => idFromKey(payload, id)) },
  ])
  return rows.map((row) => ({
    createdAt: String(row.createdAt),
    id: String(row.id),
    score: Object.fromEntries(SCORE_COLUMNS.map((column) => [column, row[`score_${column}`] ?? null])) as StoredScore,
    stage: row.stage == null ? null : String(row.stage),
  }))
}

async function applyStageRules(payload: Payload, subjects: StageSubject[], model: ScoringModel, now: Date): Promise<number> {
  let changed = 0
  for (const subject of subjects) {
    const reading = readScore(subject.score, subject.createdAt, now, model)
    const rule = nextStage(subject.stage, reading, model)
    if (!rule) continue
    await moveStage(payload, subject.id, subject.stage, rule, describe(rule, reading), now)
    changed++
  }
  return changed
}

async function moveStage(payload: Payload, subscriber: string, from: null | string, rule: StageRule, reason: string, at: Date) {
  const context: StageChangeContext = { stageChange: { at, reason, source: 'threshold' } }
  await payload.update({ collection: 'subscribers', context, data: { stage: idFromKey(payload, rule.toStage) as number }, depth: 0, id: subscriber })
  const eventId = `stage:${subscriber}:${rule.toStage}:${at.toISOString()}`
  const properties = { from, reason, rule: rule.id, to: rule.toStage }
  // An event that automation can start from (spec §4); stored directly, it scores nothing.
  await writeAtomically(payload, {
    inserts: [{ collection: EVENTS, docs: [{ block: null, eventId, occurredAt: at, properties, source: 'lead-scoring', subscriber, type: 'stage_changed' }], ignoreConflicts: true }],
  })
  if (await stageWebhookTarget(payload)) await payload.jobs.queue({ input: { at: at.toISOString(), eventId, ...properties, subscriber }, task: STAGE_WEBHOOK_TASK })
}

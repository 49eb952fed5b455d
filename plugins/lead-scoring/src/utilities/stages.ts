import type { Payload } from 'payload'

import type { StageChangeContext } from '@kontorwerk/personalization'

import {
  emitWebhookEvent,
  EVENTS,
  idFromKey,
  queuedJob,
  readRows,
  serialized,
  writeAtomically,
} from '@kontorwerk/personalization'

import type { ScoringModel, StageRule } from './model'
import type { ScoreReading, StoredScore } from './scoreState'

import { STAGE_WEBHOOK_TASK, stageWebhookTarget } from '../jobs/stageWebhook'
import { texts } from '../translations'
import { storedBehaviour } from './behaviour'
import { scoringModel } from './model'
import { scoreSnapshot, snapshotChanged } from './scoreSnapshot'
import { readScore, roundScore } from './scoreState'

const PAGE = 500

/** Whether a threshold rule moves a subscriber now at `current` with this reading. */
export function ruleApplies(
  rule: StageRule,
  current: null | string,
  reading: ScoreReading,
  model: ScoringModel,
): boolean {
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
  return (
    applicable.sort(
      (a, b) => (model.stages.get(b.toStage)?.order ?? 0) - (model.stages.get(a.toStage)?.order ?? 0),
    )[0] ?? null
  )
}

/**
 * The stage history's note on a threshold move. Stored once for every reader, so in the product's first
 * language with German numbers ("Fit 12,5"), as the admin shows it to a German team.
 */
const describe = (rule: StageRule, reading: ScoreReading) => {
  const number = (value: number) => roundScore(value).toLocaleString('de-DE')
  return texts('kontorwerk-lead-scoring:stageChangeReason', {
    days: reading.daysWithoutEngagement,
    engagement: number(reading.engagement),
    fit: number(reading.fit),
    rule: rule.name,
    total: number(reading.total),
  }).de
}

type StageSubject = {
  createdAt: string
  id: string
  score: StoredScore
  /** The score stored for the subscriber list (columns `score_fit`, `score_engagement`, `score_total`). */
  snapshot: Record<'engagement' | 'fit' | 'total', unknown>
  stage: null | string
}

/**
 * Applies the stage thresholds to the given subscribers (callers inside the intake's `serialized`
 * turn), or to everybody (the periodic sweep that catches "N days without engagement", taking turns
 * page by page). Idempotent: a subscriber already in the target stage is left alone. On the way it
 * refreshes the score stored for the subscriber list from the same reading (scoreSnapshot.ts).
 */
export async function evaluateStages(
  payload: Payload,
  { now = new Date(), subscribers }: { now?: Date; subscribers?: string[] } = {},
): Promise<number> {
  const model = await scoringModel.get(payload)
  if (subscribers) return applyStageRules(payload, await stageSubjects(payload, subscribers), model, now)
  let changed = 0
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: PAGE,
      page,
      select: { createdAt: true },
      sort: 'id',
    })
    // Each page takes its turn with event intake, which moves stages too: never both from the same reading.
    changed += await serialized(payload, async () =>
      applyStageRules(
        payload,
        await stageSubjects(
          payload,
          result.docs.map((doc) => String(doc.id)),
        ),
        model,
        now,
      ),
    )
    if (!result.hasNextPage) return changed
  }
}

async function stageSubjects(payload: Payload, subscribers: string[]): Promise<StageSubject[]> {
  const ids = subscribers.map((id) => idFromKey(payload, id))
  const [rows, behaviour] = await Promise.all([
    readRows(
      payload,
      'subscribers',
      ['id', 'createdAt', 'stage', 'score_fitAttributes', 'score_fit', 'score_engagement', 'score_total'],
      [{ field: 'id', in: ids }],
    ),
    storedBehaviour(payload, subscribers),
  ])
  return rows.map((row) => ({
    createdAt: String(row.createdAt),
    id: String(row.id),
    score: { ...behaviour.get(String(row.id)), fitAttributes: Number(row.score_fitAttributes ?? 0) },
    snapshot: { engagement: row.score_engagement, fit: row.score_fit, total: row.score_total },
    stage: row.stage == null ? null : String(row.stage),
  }))
}

async function applyStageRules(
  payload: Payload,
  subjects: StageSubject[],
  model: ScoringModel,
  now: Date,
): Promise<number> {
  const readings = subjects.map((subject) => readScore(subject.score, subject.createdAt, now, model))
  const snapshots = subjects
    .map((subject, index) => ({ data: { score: scoreSnapshot(readings[index]) }, subject }))
    .filter(({ data, subject }) => snapshotChanged(subject.snapshot, data.score))
  if (snapshots.length > 0)
    await writeAtomically(payload, {
      updates: snapshots.map(({ data, subject }) => ({ collection: 'subscribers', data, id: subject.id })),
    })
  let changed = 0
  for (const [index, subject] of subjects.entries()) {
    const reading = readings[index]
    const rule = nextStage(subject.stage, reading, model)
    if (!rule) continue
    await moveStage(payload, subject.id, subject.stage, rule, describe(rule, reading), now)
    changed++
  }
  return changed
}

/**
 * The `stage_changed` event and its webhook delivery are written together first, then the stage: a
 * failure in between leaves the rule applying, so the next evaluation repeats the move (the CRM may
 * then get the change twice, with different event ids; never zero times).
 */
async function moveStage(
  payload: Payload,
  subscriber: string,
  from: null | string,
  rule: StageRule,
  reason: string,
  at: Date,
) {
  const eventId = `stage:${subscriber}:${rule.toStage}:${at.toISOString()}`
  const properties = { from, reason, rule: rule.id, to: rule.toStage }
  const webhook = await stageWebhookTarget(payload)
  await writeAtomically(payload, {
    inserts: [
      {
        collection: EVENTS,
        docs: [
          {
            block: null,
            eventId,
            occurredAt: at,
            properties,
            source: 'lead-scoring',
            subscriber,
            type: 'stage_changed',
          },
        ],
        ignoreConflicts: true,
        conflictKey: 'eventId',
      },
      {
        collection: 'payload-jobs',
        docs: webhook
          ? [queuedJob(STAGE_WEBHOOK_TASK, { at: at.toISOString(), eventId, ...properties, subscriber })]
          : [],
      },
    ],
  })
  // The outgoing webhooks subscribed to stage changes (issue 21), under the stage event's id: before the
  // stage is written, so a failure here, as above, makes the next evaluation repeat the move.
  await emitWebhookEvent(payload, {
    data: { subscriber, ...properties },
    id: eventId,
    occurredAt: at.toISOString(),
    type: 'stage_changed',
  })
  const context: StageChangeContext = { stageChange: { at, reason, source: 'threshold' } }
  await payload.update({
    collection: 'subscribers',
    context,
    data: { stage: idFromKey(payload, rule.toStage) as number },
    depth: 0,
    id: subscriber,
  })
}

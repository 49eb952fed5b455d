import type { ScoreReading } from './scoreState'

import { roundScore } from './scoreState'

/**
 * The score as the subscriber list shows and sorts it: fit, engagement and total stored on the subscriber
 * (`score.fit`, `score.engagement`, `score.total`, indexed), rounded as everywhere in the admin. Engagement
 * decays without events, so the stored value is a reading at the time it was written: refreshed with every
 * intake batch and save of the subscriber, and by the hourly stage sweep for everybody else.
 */
export type ScoreSnapshot = { engagement: number; fit: number; total: number }

export function scoreSnapshot(reading: ScoreReading): ScoreSnapshot {
  return { engagement: roundScore(reading.engagement), fit: roundScore(reading.fit), total: roundScore(reading.total) }
}

/** Whether a stored snapshot (columns read raw, possibly null or text) differs from a new one. */
export function snapshotChanged(stored: Partial<Record<keyof ScoreSnapshot, unknown>>, next: ScoreSnapshot): boolean {
  return (Object.keys(next) as (keyof ScoreSnapshot)[]).some(
    (key) => stored[key] == null || Number(stored[key]) !== next[key],
  )
}

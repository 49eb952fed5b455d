import type { Behaviour } from './behaviour'
import type { ScoringModel } from './model'

import { decayedAt } from './decay'

const DAY = 24 * 60 * 60 * 1000

/** A subscriber's score as stored: profile fit (on the subscriber) and behaviour (its `lead-scores` row, if any). */
export type StoredScore = Partial<Behaviour> & { fitAttributes?: null | number }

export type ScoreReading = { daysWithoutEngagement: number; engagement: number; fit: number; total: number }

export const roundScore = (value: number) => Math.round(value * 10) / 10

/** Fit, engagement decayed to `at`, their total (unrounded: thresholds compare these), and the days since the last engagement (or since sign-up). */
export function readScore(
  score: null | StoredScore | undefined,
  createdAt: Date | string,
  at: Date,
  model: Pick<ScoringModel, 'settings'>,
): ScoreReading {
  const fit = (score?.fitAttributes ?? 0) + (score?.fitEvents ?? 0)
  const engagement = decayedAt(
    { asOf: score?.engagementAsOf ?? null, value: score?.engagementValue ?? 0 },
    at,
    model.settings.halfLifeDays,
  )
  const lastActive = score?.lastEngagedAt ?? new Date(createdAt)
  return {
    daysWithoutEngagement: Math.max(0, Math.floor((at.getTime() - lastActive.getTime()) / DAY)),
    engagement,
    fit,
    total: fit + engagement,
  }
}

import type { RfmMetric } from '../rules/types'
import type { Environment } from './environment'
import type { SubscriberFacts } from './facts'

const DAY = 24 * 60 * 60 * 1000

export type Rfm = Record<RfmMetric, number>

/** A 1–5 score: how many of the four band limits the value reaches (recency: stays within). */
export const bandScore = (value: number, limits: readonly number[], lowerIsBetter: boolean) =>
  1 + limits.filter((limit) => (lowerIsBetter ? value <= limit : value >= limit)).length

/**
 * Recency (whole days since the last purchase), frequency and monetary value (purchases in the
 * window) with their scores; null for someone who never bought: no RFM condition matches them.
 */
export function rfmOf(facts: SubscriberFacts, env: Environment): null | Rfm {
  const now = env.now.getTime()
  const purchases = facts.events.filter((event) => event.type === 'purchase' && event.occurredAt <= now)
  if (!purchases.length) return null
  const last = Math.max(...purchases.map((event) => event.occurredAt))
  const inWindow = purchases.filter((event) => event.occurredAt >= now - env.options.rfmWindowDays * DAY)
  const recencyDays = Math.floor((now - last) / DAY)
  const frequency = inWindow.length
  // Summed in whole cents, as in SQL: 5.00 + 29.99 + 15.01 is 50, not 49.99999999999999.
  const cents = inWindow.reduce(
    (sum, event) => sum + (typeof event.properties.amount === 'number' ? Math.round(event.properties.amount * 100) : 0),
    0,
  )
  const monetary = cents / 100
  const bands = env.options.rfmBands
  return {
    frequency,
    frequencyScore: bandScore(frequency, bands.frequency, false),
    monetary,
    monetaryScore: bandScore(monetary, bands.monetary, false),
    recencyDays,
    // Recency limits are listed best-first (30, 90, …): reversed, so "within" counts the same way.
    recencyScore: bandScore(recencyDays, [...bands.recencyDays].reverse(), true),
  }
}

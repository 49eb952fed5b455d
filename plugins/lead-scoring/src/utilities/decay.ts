const DAY = 24 * 60 * 60 * 1000

/** Engagement as a value at a moment; decays exponentially with the half-life (docs/plugins/lead-scoring.md#score-model). */
export type DecayingValue = { asOf: Date | null; value: number }

/** The value at `at`: exact at read time, so no nightly job is needed for correctness. */
export function decayedAt({ asOf, value }: DecayingValue, at: Date, halfLifeDays: number): number {
  if (!asOf || value === 0) return value
  const elapsed = at.getTime() - asOf.getTime()
  return elapsed <= 0 ? value : value * 0.5 ** (elapsed / (halfLifeDays * DAY))
}

/**
 * Adds points earned at `at`. Events may arrive out of order: a late one is decayed to the
 * stored moment instead of moving it back, so the result never depends on arrival order.
 */
export function addPoints(state: DecayingValue, points: number, at: Date, halfLifeDays: number): DecayingValue {
  if (!state.asOf || at.getTime() >= state.asOf.getTime()) {
    return { asOf: at, value: decayedAt(state, at, halfLifeDays) + points }
  }
  return {
    asOf: state.asOf,
    value: state.value + points * 0.5 ** ((state.asOf.getTime() - at.getTime()) / (halfLifeDays * DAY)),
  }
}

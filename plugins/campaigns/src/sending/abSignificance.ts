import { CodedError } from '@kontorwerk/personalization'

/**
 * Whether an A/B test has a winner (docs/decisions.md#sending, docs/plugins/campaigns.md#ab-tests):
 * a two-proportion z-test (pooled standard error, two-sided) of the leader against every other
 * variant, Bonferroni-corrected for those comparisons and for the checks the campaign makes, at 95 %.
 * Pure: counts in, verdict out.
 */

/** One variant's counts: who got it (`n`) and how many of them clicked or converted (`successes`). */
export type VariantCounts = { key: string; n: number; successes: number }

export type AbReason = 'not_significant' | 'sample_too_small' | 'significant'

export type AbVerdict = {
  /** 1 − pValue: "99,2 % Konfidenz"; null when the test cannot be made. */
  confidence: null | number
  /** The variant with the best observed rate; on a tie the earlier one (the first is the control). */
  leader: string
  /** The leader's largest two-sided p against another variant, times the comparisons and the checks (capped at 1). */
  pValue: null | number
  reason: AbReason
  significant: boolean
}

/** The method's name as the campaign stores it with a decision. */
export const AB_METHOD = 'two_proportion_z_bonferroni'
/** At most a 5 % chance, over all comparisons and checks, to name a winner where the variants are equal. */
export const AB_ALPHA = 0.05
/** The normal approximation holds when each group expects at least this many successes and failures (pooled rate). */
export const MIN_EXPECTED = 5

/**
 * The verdict on the variants' counts. `checks`: how many times the campaign looks at the test in
 * all (see abCheckTimes); each look gets AB_ALPHA / checks, so looking again and again does not
 * raise the chance of a false winner. The leader must beat every other variant: its largest p-value,
 * times the number of comparisons (Bonferroni: the leader is picked after the data, which Holm's
 * step-down does not cover) and the checks, must be at most AB_ALPHA.
 */
export function abSignificance(variants: VariantCounts[], { checks = 1 }: { checks?: number } = {}): AbVerdict {
  validate(variants, checks)
  const rate = (variant: VariantCounts) => (variant.n > 0 ? variant.successes / variant.n : 0)
  const leader = variants.reduce((best, variant) => (rate(variant) > rate(best) ? variant : best))
  const others = variants.filter((variant) => variant !== leader)
  const comparisons = others.map((other) => twoProportionTest(leader, other))
  if (comparisons.some((comparison) => comparison === null))
    return { confidence: null, leader: leader.key, pValue: null, reason: 'sample_too_small', significant: false }
  const worst = Math.max(...comparisons.map((comparison) => comparison!.pValue))
  const pValue = Math.min(1, worst * others.length * checks)
  // A tie with the leader has z = 0, p = 1: it never wins.
  const significant = pValue <= AB_ALPHA
  return {
    confidence: 1 - pValue,
    leader: leader.key,
    pValue,
    reason: significant ? 'significant' : 'not_significant',
    significant,
  }
}

/**
 * The two-sided p-value of "both rates are equal" (z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)) with the
 * pooled rate p̄), or null when the normal approximation does not hold: a group expects fewer than
 * MIN_EXPECTED successes or failures at the pooled rate (the 2×2 chi-square rule; z² is that chi-square).
 */
export function twoProportionTest(a: VariantCounts, b: VariantCounts): null | { pValue: number; z: number } {
  if (a.n === 0 || b.n === 0) return null
  const pooled = (a.successes + b.successes) / (a.n + b.n)
  const expected = [a.n, b.n].flatMap((n) => [n * pooled, n * (1 - pooled)])
  if (expected.some((count) => count < MIN_EXPECTED)) return null
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
  const z = (a.successes / a.n - b.successes / b.n) / standardError
  return { pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)), z }
}

/** c₁ … c₉ of `erfcc`, lowest power of t first. */
const ERFC_COEFFICIENTS = [
  1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277,
]

/**
 * The complementary error function, erfc(x) = 1 − erf(x); two-sided normal p = erfc(|z| / √2).
 * Chebyshev fit of Numerical Recipes (2nd ed., §6.2, `erfcc`): relative error below 1.2·10⁻⁷ for every x.
 */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const polynomial = ERFC_COEFFICIENTS.reduceRight((sum, coefficient) => sum * t + coefficient, 0)
  const value = t * Math.exp(-z * z - 1.26551223 + t * polynomial)
  return x >= 0 ? value : 2 - value
}

/** Counts that cannot come from a campaign are a programming error of the caller: refused, nothing decided. */
function validate(variants: VariantCounts[], checks: number) {
  const problems: string[] = []
  if (variants.length < 2) problems.push('an A/B test compares at least two variants')
  if (!Number.isInteger(checks) || checks < 1) problems.push('checks must be a whole number of at least 1')
  for (const { key, n, successes } of variants)
    if (![n, successes].every((count) => Number.isInteger(count) && count >= 0) || successes > n)
      problems.push(`variant "${key}": counts must be whole numbers with 0 ≤ successes ≤ n`)
  if (problems.length) throw new CodedError('BAD_USER_INPUT', `A/B significance: ${problems.join('; ')}`, { problems })
}

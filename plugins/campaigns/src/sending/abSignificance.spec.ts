import { describe, expect, it } from 'vitest'

import { abSignificance, erfc, twoProportionTest, type VariantCounts } from './abSignificance'

// Expected numbers computed by hand with the textbook formula of the pooled two-proportion z-test:
//   p̄ = (x₁ + x₂) / (n₁ + n₂),  SE = √(p̄ (1 − p̄) (1/n₁ + 1/n₂)),  z = (x₁/n₁ − x₂/n₂) / SE,
//   two-sided p = 2 (1 − Φ(|z|)), Φ from a standard normal table (e.g. Φ(2.72) = 0.99674).
// The corrected p multiplies the leader's largest p by the comparisons (k − 1) and the checks.

const variant = (key: string, successes: number, n: number): VariantCounts => ({ key, n, successes })

describe('the normal tail', () => {
  it('matches the table: two-sided p of 1.96 is 0.05, of 2.5758 is 0.01, of 0 is 1', () => {
    expect(erfc(1.959964 / Math.SQRT2)).toBeCloseTo(0.05, 6)
    expect(erfc(2.575829 / Math.SQRT2)).toBeCloseTo(0.01, 6)
    expect(erfc(0)).toBeCloseTo(1, 6)
    expect(erfc(-1)).toBeCloseTo(2 - erfc(1), 9)
  })
})

describe('whether an A/B test has a significant winner', () => {
  it('names a clear winner: 8.0 % against 5.0 % of 1,000 each', () => {
    // p̄ = 130 / 2000 = 0.065; SE = √(0.065 · 0.935 · 0.002) = √0.00012155 = 0.011025;
    // z = (0.080 − 0.050) / 0.011025 = 2.7211; p = 2 (1 − Φ(2.7211)) = 2 · 0.003253 = 0.006507.
    const test = twoProportionTest(variant('B', 80, 1000), variant('A', 50, 1000))!
    expect(test.z).toBeCloseTo(2.7211, 4)
    expect(test.pValue).toBeCloseTo(0.006507, 5)
    const verdict = abSignificance([variant('A', 50, 1000), variant('B', 80, 1000)])
    expect(verdict).toMatchObject({ leader: 'B', reason: 'significant', significant: true })
    expect(verdict.pValue).toBeCloseTo(0.006507, 5)
    expect(verdict.confidence).toBeCloseTo(0.993493, 5)
    // Four checks share the 5 %: 4 · 0.006507 = 0.02603, still below 0.05.
    const checked = abSignificance([variant('A', 50, 1000), variant('B', 80, 1000)], { checks: 4 })
    expect(checked.significant).toBe(true)
    expect(checked.pValue).toBeCloseTo(0.02603, 4)
  })

  it('counts the checks: 7.2 % against 5.0 % wins at one look, not when the test may look four times', () => {
    // p̄ = 122 / 2000 = 0.061; SE = √(0.061 · 0.939 · 0.002) = 0.010703; z = 0.022 / 0.010703 = 2.0555;
    // p = 2 (1 − Φ(2.0555)) = 0.03983 < 0.05 once; 4 · 0.03983 = 0.1593 > 0.05 with four checks.
    const counts = [variant('A', 50, 1000), variant('B', 72, 1000)]
    expect(abSignificance(counts)).toMatchObject({ leader: 'B', significant: true })
    expect(abSignificance(counts).pValue).toBeCloseTo(0.03983, 4)
    const four = abSignificance(counts, { checks: 4 })
    expect(four).toMatchObject({ leader: 'B', reason: 'not_significant', significant: false })
    expect(four.pValue).toBeCloseTo(0.1593, 3)
    expect(four.confidence).toBeCloseTo(0.8407, 3)
  })

  it('calls a tie no winner, and the first variant (the control) the leader', () => {
    // 40 of 500 each: z = 0, p = 1.
    const verdict = abSignificance([variant('A', 40, 500), variant('B', 40, 500)])
    expect(verdict).toEqual({ confidence: 0, leader: 'A', pValue: 1, reason: 'not_significant', significant: false })
  })

  it('does not trust a big difference in a small sample: 30 % against 5 % of 20 each', () => {
    // Naively z = (0.30 − 0.05) / √(0.175 · 0.825 · 0.1) = 0.25 / 0.12016 = 2.0806, p = 0.0375 "significant";
    // but each group expects only 20 · 0.175 = 3.5 successes (< 5): the normal approximation does not hold.
    expect(twoProportionTest(variant('B', 6, 20), variant('A', 1, 20))).toBeNull()
    expect(abSignificance([variant('A', 1, 20), variant('B', 6, 20)])).toEqual({
      confidence: null,
      leader: 'B',
      pValue: null,
      reason: 'sample_too_small',
      significant: false,
    })
    // Nobody clicked, or nobody got a variant yet: nothing to test either.
    expect(abSignificance([variant('A', 0, 300), variant('B', 0, 300)]).reason).toBe('sample_too_small')
    expect(abSignificance([variant('A', 0, 0), variant('B', 0, 0)])).toMatchObject({
      leader: 'A',
      reason: 'sample_too_small',
    })
  })

  it('with three variants the leader must beat both others, corrected for the two comparisons', () => {
    // B 10.0 % vs A 5.0 %: p̄ = 0.075, SE = √(0.075 · 0.925 · 0.002) = 0.011779, z = 4.2448, p = 2.188e-5.
    // B 10.0 % vs C 6.0 %: p̄ = 0.080, SE = √(0.080 · 0.920 · 0.002) = 0.012133, z = 3.2969, p = 0.0009776.
    // Corrected: 2 · 0.0009776 = 0.001955 ≤ 0.05: B wins.
    const clear = abSignificance([variant('A', 50, 1000), variant('B', 100, 1000), variant('C', 60, 1000)])
    expect(clear).toMatchObject({ leader: 'B', reason: 'significant', significant: true })
    expect(clear.pValue).toBeCloseTo(0.001955, 5)
    // B 8.0 % vs C 6.0 %: p̄ = 0.070, SE = √(0.070 · 0.930 · 0.002) = 0.011411, z = 1.7528, p = 0.07964;
    // B beats A (p = 0.006507) but not C: 2 · 0.07964 = 0.1593 > 0.05, no winner.
    const close = abSignificance([variant('A', 50, 1000), variant('B', 80, 1000), variant('C', 60, 1000)])
    expect(close).toMatchObject({ leader: 'B', reason: 'not_significant', significant: false })
    expect(close.pValue).toBeCloseTo(0.1593, 3)
  })

  it('refuses counts no campaign can have, with a coded error', () => {
    const refused = (variants: VariantCounts[], checks?: number) => {
      try {
        abSignificance(variants, { checks })
      } catch (error) {
        return error as { code?: string; message: string }
      }
      throw new Error('accepted')
    }
    expect(refused([variant('A', 1, 10)])).toMatchObject({ code: 'BAD_USER_INPUT' })
    expect(refused([variant('A', 11, 10), variant('B', 1, 10)]).message).toMatch(/variant "A"/)
    expect(refused([variant('A', -1, 10), variant('B', 1, 10)]).code).toBe('BAD_USER_INPUT')
    expect(refused([variant('A', 1.5, 10), variant('B', 1, 10)]).code).toBe('BAD_USER_INPUT')
    expect(refused([variant('A', 1, 10), variant('B', 1, 10)], 0).message).toMatch(/checks/)
  })
})

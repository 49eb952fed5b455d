/**
 * The special functions the purchase models need, in plain TypeScript (no numeric library in the
 * stack has them with the accuracy the published CDNOW estimates are checked to).
 */

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes / Godfrey): relative error below 1e-15.
const LANCZOS_G = 7
const LANCZOS = [
  0.999_999_999_999_809_9, 676.520_368_121_885_1, -1259.139_216_722_402_8, 771.323_428_777_653_13,
  -176.615_029_162_140_59, 12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_571_6e-6,
  1.505_632_735_149_311_6e-7,
]

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN
  // Reflection keeps the series in its accurate range for small arguments.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let sum = LANCZOS[0]
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i)
  const t = z + LANCZOS_G + 0.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export const logBeta = (a: number, b: number): number => logGamma(a) + logGamma(b) - logGamma(a + b)

/**
 * Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series. The purchase
 * models call it with z = t / (α + T + t), well inside the unit disc, where the series converges
 * geometrically; terms are summed until they no longer change the sum.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 needs 0 ≤ z < 1, got ${z}`)
  let term = 1
  let sum = 1
  for (let k = 0; k < 100_000; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1))
    sum += term
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum
  }
  return sum
}

/** ln(eᵃ + eᵇ) without overflow. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b
  if (b === -Infinity) return a
  const high = Math.max(a, b)
  return high + Math.log(Math.exp(a - high) + Math.exp(b - high))
}

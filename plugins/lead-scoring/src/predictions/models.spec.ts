import { describe, expect, it } from 'vitest'

import {
  conditionalExpectedPurchases,
  customerLogLikelihood,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
} from './bgnbd'
import { expectedMeanAmount, spendLogLikelihood } from './gammaGamma'
import { nelderMead } from './nelderMead'
import { hyp2f1, logBeta, logGamma } from './specialFunctions'

describe('special functions', () => {
  it('ln Γ matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13)
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13)
    expect(logGamma(0.1)).toBeCloseTo(2.252_712_651_734_206, 12)
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13)
  })

  it('₂F₁ matches its closed forms', () => {
    for (const z of [0.1, 0.5, 0.9]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12)
      expect(hyp2f1(0.7, 2.5, 2.5, z)).toBeCloseTo((1 - z) ** -0.7, 12)
      expect(hyp2f1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 12)
    }
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError)
  })
})

describe('BG/NBD by hand', () => {
  const unit = { a: 1, alpha: 1, b: 1, r: 1 }

  it('gives a one-time buyer the probability of no purchase since, (α/(α+T))^r', () => {
    expect(customerLogLikelihood(unit, { T: 1, tx: 0, x: 0 })).toBeCloseTo(Math.log(0.5), 12)
  })

  it('sums the "still active" and "dropped out after the last purchase" cases for a repeat buyer', () => {
    // B(1,2)/B(1,1)·1/3² + B(2,1)/B(1,1)·1/2² = 0.5/9 + 0.5/4
    expect(customerLogLikelihood(unit, { T: 2, tx: 1, x: 1 })).toBeCloseTo(Math.log(0.5 / 9 + 0.125), 12)
  })

  it('P(alive) is 1 without repeat purchases and falls with the time since the last one', () => {
    expect(probabilityAlive(unit, { T: 10, tx: 0, x: 0 })).toBe(1)
    // 1 / (1 + a/(b+x−1)·((α+T)/(α+tₓ))^(r+x)) = 1 / (1 + (3/2)²)
    expect(probabilityAlive(unit, { T: 2, tx: 1, x: 1 })).toBeCloseTo(1 / 3.25, 12)
    expect(probabilityAlive(unit, { T: 20, tx: 1, x: 1 })).toBeLessThan(probabilityAlive(unit, { T: 2, tx: 1, x: 1 }))
  })

  it('E[X(t)] by hand, and the conditional expectation of a new customer equals it', () => {
    const parameters = { a: 2, alpha: 1, b: 1, r: 1 }
    // (a+b−1)/(a−1)·(1 − (α/(α+t))^r·₂F₁(1,1;2;½)) = 2·(1 − ½·2 ln 2)
    expect(expectedPurchases(parameters, 1)).toBeCloseTo(2 * (1 - Math.log(2)), 12)
    const published = { a: 0.793, alpha: 4.414, b: 2.426, r: 0.243 }
    for (const t of [1, 39, 78])
      expect(conditionalExpectedPurchases(published, { T: 0, tx: 0, x: 0 }, t)).toBeCloseTo(
        expectedPurchases(published, t),
        12,
      )
  })

  it('expects more from a frequent recent buyer than from a lapsed one', () => {
    const published = { a: 0.793, alpha: 4.414, b: 2.426, r: 0.243 }
    const recent = conditionalExpectedPurchases(published, { T: 38, tx: 37, x: 5 }, 39)
    const lapsed = conditionalExpectedPurchases(published, { T: 38, tx: 5, x: 5 }, 39)
    expect(recent).toBeGreaterThan(2)
    expect(lapsed).toBeLessThan(recent / 5)
  })

  it('recovers the parameters it simulated from', () => {
    // A population drawn from known parameters (a fixed-seed generator), then fitted.
    let seed = 42
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) + 0.5) / 2 ** 31
    const gamma = (shape: number): number => {
      // Marsaglia–Tsang, with the boost for shape < 1.
      if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape)
      const d = shape - 1 / 3
      const c = 1 / Math.sqrt(9 * d)
      for (;;) {
        const u1 = random()
        const u2 = random()
        const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
        const v = (1 + c * z) ** 3
        if (v > 0 && Math.log(random()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v
      }
    }
    const truth = { a: 0.8, alpha: 4, b: 2.5, r: 0.25 }
    const customers = Array.from({ length: 4000 }, () => {
      const rate = gamma(truth.r) / truth.alpha
      const x1 = gamma(truth.a)
      const dropout = x1 / (x1 + gamma(truth.b))
      const T = 39
      let time = 0
      let x = 0
      let tx = 0
      for (;;) {
        time += -Math.log(random()) / rate
        if (time > T) break
        x++
        tx = time
        if (random() < dropout) break
      }
      return { T, tx, x }
    })
    const { parameters } = fitBgNbd(customers)
    expect(parameters.r).toBeCloseTo(truth.r, 1)
    expect(parameters.alpha / truth.alpha).toBeGreaterThan(0.7)
    expect(parameters.alpha / truth.alpha).toBeLessThan(1.4)
  })
})

describe('Gamma-Gamma', () => {
  it('gives someone without repeat purchases the population mean pγ/(q−1), and weighs own spend by its count', () => {
    const parameters = { gamma: 15, p: 6, q: 4 }
    expect(expectedMeanAmount(parameters, { meanAmount: 0, x: 0 })).toBeCloseTo(30, 12)
    const few = expectedMeanAmount(parameters, { meanAmount: 100, x: 1 })
    const many = expectedMeanAmount(parameters, { meanAmount: 100, x: 20 })
    expect(few).toBeGreaterThan(30)
    expect(many).toBeGreaterThan(few)
    expect(many).toBeLessThan(100)
  })

  it('has the log-likelihood of one customer by hand', () => {
    // p = q = γ = 1, x = 1, m = 1: Γ(2)/(Γ(1)Γ(1))·1·1⁰·1¹/(1+1)² = 1/4
    expect(spendLogLikelihood({ gamma: 1, p: 1, q: 1 }, [{ meanAmount: 1, x: 1 }])).toBeCloseTo(Math.log(0.25), 12)
  })
})

describe('Nelder–Mead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const { point } = nelderMead(([x, y]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1])
    expect(point[0]).toBeCloseTo(1, 3)
    expect(point[1]).toBeCloseTo(1, 3)
  })
})

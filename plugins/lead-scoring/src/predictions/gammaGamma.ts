import { minimizeWithRestarts } from './nelderMead'
import { logGamma } from './specialFunctions'

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee, "RFM and CLV", Journal of Marketing
 * Research 42(4), 2005; Colombo & Jiang 1999): the amounts of a customer's transactions are
 * Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on customers with repeat purchases,
 * `x` = their number of repeat transactions and `meanAmount` their mean amount per repeat
 * transaction; spend and purchase frequency are assumed independent, as the model requires.
 */
export type GammaGammaParameters = { gamma: number; p: number; q: number }
export type Spend = { count?: number; meanAmount: number; x: number }

export function spendLogLikelihood({ gamma, p, q }: GammaGammaParameters, customers: Spend[]): number {
  // The gamma terms depend on x alone: once per distinct x.
  const byX = new Map<number, number>()
  const gammaTerms = (x: number) => {
    let value = byX.get(x)
    if (value === undefined) {
      value = logGamma(p * x + q) - logGamma(p * x) - logGamma(q) + q * Math.log(gamma) + p * x * Math.log(x)
      byX.set(x, value)
    }
    return value
  }
  let sum = 0
  for (const { count = 1, meanAmount: m, x } of customers)
    sum += count * (gammaTerms(x) + (p * x - 1) * Math.log(m) - (p * x + q) * Math.log(gamma + m * x))
  return sum
}

export type GammaGammaFit = { logLikelihood: number; parameters: GammaGammaParameters }

export function fitGammaGamma(customers: Spend[]): GammaGammaFit {
  const usable = customers.filter((c) => c.x > 0 && c.meanAmount > 0)
  const parametersOf = ([p, q, gamma]: number[]) => ({ gamma: Math.exp(gamma), p: Math.exp(p), q: Math.exp(q) })
  const negative = (point: number[]) => -spendLogLikelihood(parametersOf(point), usable)
  const best = minimizeWithRestarts(negative, [0, 0, 0], { firstEvaluations: 3_000, restartEvaluations: 1_500 })
  return { logLikelihood: -best.value, parameters: parametersOf(best.point) }
}

/**
 * E[M | x, m̄ₓ], a customer's expected mean amount per transaction: the population mean pγ/(q−1)
 * weighted against their own mean by how many transactions back it.
 */
export const expectedMeanAmount = ({ gamma, p, q }: GammaGammaParameters, { meanAmount, x }: Spend): number =>
  (p * (gamma + x * meanAmount)) / (p * x + q - 1)

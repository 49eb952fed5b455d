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

export const spendLogLikelihood = (parameters: GammaGammaParameters, customers: Spend[]): number =>
  compileSpendLogLikelihood(customers)(parameters)

/**
 * The spend log-likelihood as a function of the parameters. The gamma terms depend on x alone
 * (once per distinct x per evaluation), ln m̄ₓ and the total x·m̄ₓ on the customer alone (once);
 * per customer and evaluation remain one logarithm and a multiply-add over typed arrays.
 */
export function compileSpendLogLikelihood(customers: Spend[]): (parameters: GammaGammaParameters) => number {
  const n = customers.length
  const counts = new Float64Array(n)
  const xs = new Float64Array(n)
  const logMeans = new Float64Array(n)
  const totals = new Float64Array(n)
  const xPosition = new Map<number, number>()
  const xIndex = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const { count = 1, meanAmount, x } = customers[i]
    counts[i] = count
    xs[i] = x
    logMeans[i] = Math.log(meanAmount)
    totals[i] = meanAmount * x
    let position = xPosition.get(x)
    if (position === undefined) xPosition.set(x, (position = xPosition.size))
    xIndex[i] = position
  }
  const distinctX = [...xPosition.keys()]
  const gammaTerms = new Float64Array(distinctX.length)
  return ({ gamma, p, q }) => {
    const shared = -logGamma(q) + q * Math.log(gamma)
    distinctX.forEach((x, k) => (gammaTerms[k] = logGamma(p * x + q) - logGamma(p * x) + shared + p * x * Math.log(x)))
    let sum = 0
    for (let i = 0; i < n; i++) {
      const px = p * xs[i]
      sum += counts[i] * (gammaTerms[xIndex[i]] + (px - 1) * logMeans[i] - (px + q) * Math.log(gamma + totals[i]))
    }
    return sum
  }
}

export type GammaGammaFit = { logLikelihood: number; parameters: GammaGammaParameters }

export function fitGammaGamma(customers: Spend[]): GammaGammaFit {
  const usable = customers.filter((c) => c.x > 0 && c.meanAmount > 0)
  const parametersOf = ([p, q, gamma]: number[]) => ({ gamma: Math.exp(gamma), p: Math.exp(p), q: Math.exp(q) })
  const likelihood = compileSpendLogLikelihood(usable)
  const negative = (point: number[]) => -likelihood(parametersOf(point))
  const best = minimizeWithRestarts(negative, [0, 0, 0], { firstEvaluations: 3_000, restartEvaluations: 1_500 })
  return { logLikelihood: -best.value, parameters: parametersOf(best.point) }
}

/**
 * E[M | x, m̄ₓ], a customer's expected mean amount per transaction: the population mean pγ/(q−1)
 * weighted against their own mean by how many transactions back it.
 */
export const expectedMeanAmount = ({ gamma, p, q }: GammaGammaParameters, { meanAmount, x }: Spend): number =>
  (p * (gamma + x * meanAmount)) / (p * x + q - 1)

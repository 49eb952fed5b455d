import { minimizeWithRestarts } from './nelderMead'
import { hyp2f1, logBeta, logGamma, logSumExp } from './specialFunctions'

/**
 * The BG/NBD model (Fader, Hardie & Lee, "Counting Your Customers the Easy Way", Marketing
 * Science 24(2), 2005). A customer buys at a Poisson rate λ ~ Gamma(r, α) while active and may
 * drop out after each purchase with probability p ~ Beta(a, b). Time is in weeks.
 */
export type BgNbdParameters = { a: number; alpha: number; b: number; r: number }

/**
 * A customer's purchase history as the model sees it: `x` repeat transactions (after the first),
 * `tx` weeks from the first to the last transaction, `T` weeks from the first to the end of the
 * data window. `count` customers share these numbers (the fit works on the distinct triples).
 */
export type Recency = { count?: number; T: number; tx: number; x: number }

/** One customer's log-likelihood, equation (6) of the paper on the log scale. */
export const customerLogLikelihood = (parameters: BgNbdParameters, customer: Recency): number =>
  logLikelihood(parameters, [{ ...customer, count: 1 }])

/** The sample's log-likelihood (see `compileLogLikelihood`). */
export const logLikelihood = (parameters: BgNbdParameters, customers: Recency[]): number =>
  compileLogLikelihood(customers)(parameters)

/** A list's distinct values and, per entry, the index of its value in that list. */
function indexed(values: ArrayLike<number>): { distinct: Float64Array; index: Int32Array } {
  const positions = new Map<number, number>()
  const index = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    let position = positions.get(values[i])
    if (position === undefined) positions.set(values[i], (position = positions.size))
    index[i] = position
  }
  return { distinct: Float64Array.from(positions.keys()), index }
}

/**
 * The sample's log-likelihood as a function of the parameters, for the optimiser's hundreds of
 * evaluations over up to a million customers. Everything that depends on x alone (the gamma and
 * beta terms) or on one time alone (ln(α + T), ln(α + tₓ); times are whole days, so a few hundred
 * distinct values) is computed once per evaluation; per customer remain a multiply-add, one
 * exponential and one logarithm over typed arrays.
 */
export function compileLogLikelihood(customers: Recency[]): (parameters: BgNbdParameters) => number {
  const n = customers.length
  const counts = new Float64Array(n)
  const xs = new Float64Array(n)
  const times = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    const { count = 1, T, tx, x } = customers[i]
    counts[i] = count
    xs[i] = x
    times[2 * i] = T
    times[2 * i + 1] = tx
  }
  const byX = indexed(xs)
  const byTime = indexed(times)
  const xCount = byX.distinct.length
  const common = new Float64Array(xCount)
  const stillActive = new Float64Array(xCount)
  const droppedOut = new Float64Array(xCount)
  const logTime = new Float64Array(byTime.distinct.length)
  return ({ a, alpha, b, r }) => {
    const beta = logBeta(a, b)
    const logGammaR = logGamma(r)
    const rLogAlpha = r * Math.log(alpha)
    for (let k = 0; k < xCount; k++) {
      const x = byX.distinct[k]
      common[k] = logGamma(r + x) - logGammaR + rLogAlpha
      stillActive[k] = logBeta(a, b + x) - beta
      droppedOut[k] = x > 0 ? logBeta(a + 1, b + x - 1) - beta : -Infinity
    }
    for (let k = 0; k < logTime.length; k++) logTime[k] = Math.log(alpha + byTime.distinct[k])
    let sum = 0
    for (let i = 0; i < n; i++) {
      const k = byX.index[i]
      const power = r + xs[i]
      const active = stillActive[k] - power * logTime[byTime.index[2 * i]]
      // A one-time buyer cannot have dropped out after a repeat purchase.
      const value = xs[i] > 0 ? logSumExp(active, droppedOut[k] - power * logTime[byTime.index[2 * i + 1]]) : active
      sum += counts[i] * (common[k] + value)
    }
    return sum
  }
}

const fromLog = ([r, alpha, a, b]: number[]): BgNbdParameters => ({
  a: Math.exp(a),
  alpha: Math.exp(alpha),
  b: Math.exp(b),
  r: Math.exp(r),
})

export type BgNbdFit = {
  /** A parameter ran to the edge of its range: the data do not identify the model (reported as did_not_converge). */
  atBound: boolean
  evaluations: number
  logLikelihood: number
  parameters: BgNbdParameters
}

/** The parameters are searched within e^-12 … e^12 (6e-6 … 1.6e5). */
const LOG_BOUND = 12

/**
 * Maximum likelihood over the log-parameters (Nelder–Mead with restarts); the start (all ones, α at the mean T over ten) is where the likelihood is
 * smooth for purchase data.
 */
export function fitBgNbd(customers: Recency[]): BgNbdFit {
  const total = customers.reduce((sum, c) => sum + (c.count ?? 1), 0)
  const meanT = customers.reduce((sum, c) => sum + (c.count ?? 1) * c.T, 0) / Math.max(total, 1)
  // Outside e^±LOG_BOUND a parameter says the data do not identify it (e.g. no drop-out at all): out of bounds is no fit.
  const likelihood = compileLogLikelihood(customers)
  const negative = (point: number[]) =>
    point.some((value) => Math.abs(value) > LOG_BOUND) ? Infinity : -likelihood(fromLog(point))
  const best = minimizeWithRestarts(negative, [0, Math.log(Math.max(meanT / 10, 0.1)), 0, 0], {
    firstEvaluations: 4_000,
    restartEvaluations: 2_000,
  })
  const atBound = best.point.some((value) => Math.abs(value) > LOG_BOUND - 0.5)
  return { atBound, evaluations: best.evaluations, logLikelihood: -best.value, parameters: fromLog(best.point) }
}

/** The odds part shared by P(alive) and the conditional expectation: a/(b+x−1)·((α+T)/(α+tx))^(r+x). */
function dropOutOdds({ a, alpha, b, r }: BgNbdParameters, { T, tx, x }: Recency): number {
  return x > 0 ? (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 0
}

/** P(alive | x, tx, T), equation (10) of the technical note "Computing P(alive)". */
export const probabilityAlive = (parameters: BgNbdParameters, customer: Recency): number =>
  1 / (1 + dropOutOdds(parameters, customer))

/** E[X(t)], the purchases a new customer makes in t weeks, equation (7). */
export function expectedPurchases({ a, alpha, b, r }: BgNbdParameters, t: number): number {
  const z = t / (alpha + t)
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp2f1(r, b, a + b - 1, z))
}

/** E[Y(t) | x, tx, T], the purchases a customer with this history makes in the next t weeks, equation (10). */
export function conditionalExpectedPurchases(parameters: BgNbdParameters, customer: Recency, t: number): number {
  const { a, alpha, b, r } = parameters
  const { T, x } = customer
  const z = t / (alpha + T + t)
  const hypergeometric = hyp2f1(r + x, b + x, a + b + x - 1, z)
  const numerator =
    ((a + b + x - 1) / (a - 1)) * (1 - Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) * hypergeometric)
  return numerator / (1 + dropOutOdds(parameters, customer))
}

/**
 * Nelder–Mead minimisation (Lagarias et al. 1998 coefficients). The purchase models have three or
 * four parameters and a smooth likelihood, where the simplex method is robust and needs no gradient;
 * it runs on the logarithms of the parameters, so every step stays positive.
 */
export type Minimum = { evaluations: number; point: number[]; value: number }

export function nelderMead(
  f: (point: number[]) => number,
  start: number[],
  { maxEvaluations = 20_000, step = 0.5, tolerance = 1e-10 } = {},
): Minimum {
  const n = start.length
  const value = (point: number[]) => {
    const v = f(point)
    return Number.isFinite(v) ? v : Infinity
  }
  let simplex = [start, ...start.map((_, i) => start.map((x, j) => (i === j ? x + step : x)))].map((point) => ({
    point,
    value: value(point),
  }))
  let evaluations = simplex.length
  while (evaluations < maxEvaluations) {
    simplex.sort((p, q) => p.value - q.value)
    const best = simplex[0]
    const worst = simplex[n]
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + tolerance)) break
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((sum, p) => sum + p.point[j], 0) / n)
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.point[j] - c))
    const reflected = along(-1)
    const reflectedValue = value(reflected)
    evaluations++
    if (reflectedValue < best.value) {
      const expanded = along(-2)
      const expandedValue = value(expanded)
      evaluations++
      simplex[n] =
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue }
    } else if (reflectedValue < simplex[n - 1].value) {
      simplex[n] = { point: reflected, value: reflectedValue }
    } else {
      const outside = reflectedValue < worst.value
      const contracted = along(outside ? -0.5 : 0.5)
      const contractedValue = value(contracted)
      evaluations++
      if (contractedValue < Math.min(reflectedValue, worst.value)) {
        simplex[n] = { point: contracted, value: contractedValue }
      } else {
        // Shrink towards the best point.
        simplex = simplex.map((p, i) => {
          if (i === 0) return p
          const point = p.point.map((x, j) => best.point[j] + 0.5 * (x - best.point[j]))
          return { point, value: value(point) }
        })
        evaluations += n
      }
    }
  }
  simplex.sort((p, q) => p.value - q.value)
  return { evaluations, point: simplex[0].point, value: simplex[0].value }
}

/**
 * Nelder–Mead restarted from its own optimum until a restart no longer improves it (a known cure
 * for the simplex stalling on a ridge), at most five times; evaluations are counted over all runs.
 */
export function minimizeWithRestarts(
  f: (point: number[]) => number,
  start: number[],
  { firstEvaluations, restartEvaluations }: { firstEvaluations: number; restartEvaluations: number },
): Minimum {
  let best = nelderMead(f, start, { maxEvaluations: firstEvaluations })
  let evaluations = best.evaluations
  for (let restart = 0; restart < 5; restart++) {
    const next = nelderMead(f, best.point, { maxEvaluations: restartEvaluations, step: 0.1 })
    evaluations += next.evaluations
    const improved = best.value - next.value > 1e-9
    if (next.value < best.value) best = next
    if (!improved) break
  }
  return { ...best, evaluations }
}

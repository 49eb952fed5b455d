import type { CollectionSlug, Payload } from 'payload'

import { writeAtomically } from '@kontorwerk/personalization'

import type { ResolvedPredictionOptions } from './options'

import { type BgNbdParameters, conditionalExpectedPurchases, fitBgNbd, probabilityAlive, type Recency } from './bgnbd'
import { expectedMeanAmount, fitGammaGamma, type GammaGammaParameters, type Spend } from './gammaGamma'
import { deletePredictionsOf, deleteStalePredictions, writePredictionChunk } from './predictionWrites'
import { dayOf, purchaseHistories, type PurchaseHistory, recencyOf } from './purchaseHistories'
import { PURCHASE_MODELS } from './slugs'

export { PURCHASE_MODELS } from './slugs'

/** A stored fit: what the admin sees, and what scoring and a resumed scoring run read. */
export type PurchaseModel = {
  customers: number
  fittedAt: string
  horizonDays: number
  id: number | string
  logLikelihood: number
  parameters: BgNbdParameters
  repeatCustomers: number
  scoredSubscribers?: null | number
  spend?: (GammaGammaParameters & { customers: number }) | null
  status: 'active' | 'scoring' | 'superseded'
  transactions: number
  windowEnd: string
  windowStart: string
}

/** Why a fit was refused; the previous model stays in use. */
export type RefusalReason = 'did_not_converge' | 'no_repeat_purchases' | 'too_few_customers'
/** Where a refit spent its time (ms), for the bench and the job's log. */
export type RefitTimings = { fit: number; scoring: number; spendFit: number; statistics: number }
export type RefitResult =
  | { model: PurchaseModel; status: 'fitted'; timings: RefitTimings }
  | { customers: number; reason: RefusalReason; repeatCustomers: number; status: 'refused' }

const models = PURCHASE_MODELS as CollectionSlug
const SCORING_CHUNK = 5_000

/** Milliseconds since the previous call (or the start). */
function stopwatch() {
  let last = performance.now()
  return () => {
    const now = performance.now()
    const elapsed = now - last
    last = now
    return Math.round(elapsed)
  }
}

/**
 * Distinct inputs with how many customers share them: the likelihoods' cost grows with these, not
 * with customers (one-time buyers differ only in their age, repeat amounts are often round prices).
 */
function grouped<T extends { count?: number }>(items: T[], keyOf: (item: T) => string): T[] {
  const byKey = new Map<string, T>()
  for (const item of items) {
    const key = keyOf(item)
    const group = byKey.get(key)
    if (group) group.count = (group.count ?? 1) + 1
    else byKey.set(key, { ...item, count: 1 })
  }
  return [...byKey.values()]
}

/** Mean amount of the repeat transactions that carried one; the spend model needs at least one. */
const spendOf = (history: PurchaseHistory): null | Spend =>
  history.repeatDaysWithAmount > 0 && history.repeatAmount > 0
    ? { meanAmount: history.repeatAmount / history.repeatDaysWithAmount, x: history.repeatDaysWithAmount }
    : null

/**
 * Fits BG/NBD (and Gamma-Gamma where amounts are known) on the purchases of the window ending
 * `now`, stores the model and scores every buyer. A refused fit stores nothing and says why.
 */
export async function refitPurchaseModel(
  payload: Payload,
  options: ResolvedPredictionOptions,
  now = new Date(),
): Promise<RefitResult> {
  const windowStart = new Date(now.getTime() - options.windowDays * 86_400_000)
  const clock = stopwatch()
  const histories = await purchaseHistories(payload, windowStart, now)
  const statistics = clock()
  const untilDay = dayOf(now)
  const recencies: Recency[] = histories.map((history) => recencyOf(history, untilDay))
  const repeatCustomers = recencies.filter((recency) => recency.x > 0).length
  const refused = (reason: RefusalReason): RefitResult => ({
    customers: histories.length,
    reason,
    repeatCustomers,
    status: 'refused',
  })
  if (histories.length < options.minimumCustomers) return refused('too_few_customers')
  if (repeatCustomers === 0) return refused('no_repeat_purchases')
  const fit = fitBgNbd(grouped(recencies, ({ T, tx, x }) => `${x}:${tx}:${T}`))
  const fitMs = clock()
  if (fit.atBound || !Object.values(fit.parameters).every(Number.isFinite) || !Number.isFinite(fit.logLikelihood))
    return refused('did_not_converge')
  const spends = histories.map(spendOf).filter((spend): spend is Spend => spend !== null)
  const spendFit =
    spends.length >= options.minimumCustomers
      ? fitGammaGamma(grouped(spends, ({ meanAmount, x }) => `${x}:${meanAmount}`))
      : null
  // A mean spend needs q > 1; a fit without it would promise infinite value.
  const spend = spendFit && spendFit.parameters.q > 1 ? { ...spendFit.parameters, customers: spends.length } : null
  const spendFitMs = clock()
  const model = (await payload.create({
    collection: models,
    data: {
      customers: histories.length,
      fittedAt: now.toISOString(),
      horizonDays: options.horizonDays,
      // Two decimals: the fit's quality as the literature reports it (−9,582.43), not 13 digits of noise in the list.
      logLikelihood: Math.round(fit.logLikelihood * 100) / 100,
      parameters: fit.parameters,
      repeatCustomers,
      scoredSubscribers: 0,
      ...(spend ? { spend } : {}),
      status: 'scoring',
      transactions: histories.reduce((sum, history) => sum + history.transactions, 0),
      windowEnd: now.toISOString(),
      windowStart: windowStart.toISOString(),
    } as never,
  })) as unknown as PurchaseModel
  await scorePurchaseModel(payload, options, model, histories)
  const scoring = clock()
  // As stored after scoring: active, with the number of subscribers scored.
  const scored = (await payload.findByID({ collection: models, depth: 0, id: model.id })) as unknown as PurchaseModel
  return { model: scored, status: 'fitted', timings: { fit: fitMs, scoring, spendFit: spendFitMs, statistics } }
}

/** The predictions of one buyer under a model (null value: no spend model). */
export function predictionOf(model: PurchaseModel, history: PurchaseHistory) {
  const recency = recencyOf(history, dayOf(new Date(model.windowEnd)))
  const expectedPurchases = conditionalExpectedPurchases(model.parameters, recency, model.horizonDays / 7)
  const spend = spendOf(history)
  // A stored model without a spend fit has the group with empty numbers.
  const meanAmount = model.spend?.p != null ? expectedMeanAmount(model.spend, spend ?? { meanAmount: 0, x: 0 }) : null
  return {
    ageWeeks: recency.T,
    expectedPurchases,
    expectedValue: meanAmount === null ? null : expectedPurchases * meanAmount,
    probabilityAlive: probabilityAlive(model.parameters, recency),
    recencyWeeks: recency.tx,
    repeatPurchases: recency.x,
  }
}

/**
 * Writes every buyer's prediction in chunks, counting progress on the model (a crashed run is
 * scored again for the same window without refitting, `resumePurchaseScoring`), then makes the
 * model the active one. Subscribers scored by an older model who bought nothing in this window
 * have no prediction from then on: no data is not a stale number.
 */
async function scorePurchaseModel(
  payload: Payload,
  options: ResolvedPredictionOptions,
  model: PurchaseModel,
  histories: PurchaseHistory[],
): Promise<void> {
  for (let start = 0; start < histories.length; start += SCORING_CHUNK) {
    const chunk = histories.slice(start, start + SCORING_CHUNK)
    // The progress (shown to admins) is written in the same transaction as the chunk.
    await writePredictionChunk(payload, {
      modelId: model.id,
      predictions: chunk.map((history) => ({ numbers: predictionOf(model, history), subscriber: history.subscriber })),
      scoredSubscribers: start + chunk.length,
      subscribersSlug: options.subscribersSlug,
    })
  }
  const replaced = await activate(payload, model.id)
  // Readers take the active model's rows only. The replaced model's stay until the next refit, for
  // a reader that looked the active model up just before the switch; older ones go now.
  await deleteStalePredictions(payload, [model.id, ...replaced], options.subscribersSlug)
}

/**
 * Makes the model the one in use, in one transaction: readers never see two active models or none.
 * The one before it is kept for comparison, marked as replaced; its id is returned.
 */
async function activate(payload: Payload, modelId: number | string): Promise<(number | string)[]> {
  const { docs } = await payload.find({
    collection: models,
    depth: 0,
    limit: 0,
    pagination: false,
    select: {} as never,
    where: { and: [{ status: { equals: 'active' } }, { id: { not_equals: modelId } }] },
  })
  const replaced = (docs as { id: number | string }[]).map(({ id }) => id)
  await writeAtomically(payload, {
    updates: [
      ...replaced.map((id) => ({ collection: models, data: { status: 'superseded' }, id: String(id) })),
      { collection: models, data: { status: 'active' }, id: String(modelId) },
    ],
  })
  return replaced
}

/** Continues the scoring of a model whose run stopped (a crash, a deploy): same window, no refit. */
export async function resumePurchaseScoring(payload: Payload, options: ResolvedPredictionOptions): Promise<boolean> {
  const { docs } = await payload.find({
    collection: models,
    depth: 0,
    limit: 1,
    sort: '-fittedAt',
    where: { status: { equals: 'scoring' } },
  })
  const model = docs[0] as unknown as PurchaseModel | undefined
  if (!model) return false
  // It starts over rather than after its last chunk: a buyer erased since then would shift the
  // list, and the one after the cut would be counted as done but never written.
  await deletePredictionsOf(payload, model.id)
  const histories = await purchaseHistories(payload, new Date(model.windowStart), new Date(model.windowEnd))
  await scorePurchaseModel(payload, options, model, histories)
  return true
}

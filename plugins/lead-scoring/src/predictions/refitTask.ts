import type { Endpoint, Payload, TaskConfig } from 'payload'

import { extensionsOf, hasRole } from '@kontorwerk/personalization'

import type { ResolvedPredictionOptions } from './options'

import { refitPurchaseModel, type RefitResult, resumePurchaseScoring } from './purchaseModel'

export const PURCHASE_REFIT_TASK = 'leadScoringPurchaseRefit' as const

/** Tells the other packages that predictions changed (automations on "P(alive) below x" enrol now). */
async function profilesRecomputed(payload: Payload) {
  const now = new Date()
  for (const listener of extensionsOf(payload).afterProfilesRecomputed)
    await listener(payload, now).catch((error: unknown) =>
      payload.logger.error({ err: error, msg: 'A listener after the purchase-model refit failed' }),
    )
}

/** Resumes an interrupted scoring run, else fits anew; a refused fit is logged with its reason. */
export async function runPurchaseRefit(
  payload: Payload,
  options: ResolvedPredictionOptions,
): Promise<RefitResult | { status: 'resumed' }> {
  if (await resumePurchaseScoring(payload, options)) {
    await profilesRecomputed(payload)
    return { status: 'resumed' }
  }
  const result = await refitPurchaseModel(payload, options)
  if (result.status === 'refused')
    payload.logger.warn({ msg: 'Purchase model not refitted; the previous model stays in use', ...result })
  else await profilesRecomputed(payload)
  return result
}

/** Nightly at 03:00 (server time), and queued on demand; resumable because scoring counts its progress on the model. */
export const purchaseRefitTask = (options: ResolvedPredictionOptions): TaskConfig =>
  ({
    slug: PURCHASE_REFIT_TASK,
    handler: async ({ req }: { req: { payload: Payload } }) => {
      const result = await runPurchaseRefit(req.payload, options)
      return { output: { reason: 'reason' in result ? result.reason : null, status: result.status } }
    },
    outputSchema: [
      { name: 'status', type: 'text' },
      { name: 'reason', type: 'text' },
    ],
    retries: { attempts: 3, backoff: { delay: 60_000, type: 'exponential' } },
    schedule: [{ cron: '0 0 3 * * *', queue: 'default' }],
  }) as unknown as TaskConfig

/**
 * POST /api/purchase-models/refit (admins): fits now and answers with the model or the reason it
 * was refused (`{ status: 'refused', reason: 'too_few_customers' }`, HTTP 422), for an admin who
 * does not want to wait for the night.
 */
export const refitEndpoint = (options: ResolvedPredictionOptions): Endpoint => ({
  handler: async (req) => {
    if (!hasRole(req, 'admin'))
      return Response.json({ errors: [{ code: 'FORBIDDEN', message: 'Admins only' }] }, { status: 403 })
    const result = await runPurchaseRefit(req.payload, options)
    return Response.json(result, { status: result.status === 'refused' ? 422 : 200 })
  },
  method: 'post',
  path: '/refit',
})

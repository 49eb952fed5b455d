import type { Endpoint, Payload, TaskConfig } from 'payload'

import { aloneOnDatabase, extensionsOf, hasRole } from '@kontorwerk/personalization'

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

/**
 * Payloads of this process with a refit under way. On globalThis: Next's route bundles and the
 * express server each load their own copy of this module, and the nightly job and the endpoint
 * must see one another. A second refit would take the running one's `scoring` model for a stopped
 * run and start it over beneath it. Other processes on the same PostgreSQL database (app servers,
 * workers) are kept out by REFIT_LOCK.
 */
const running: WeakSet<Payload> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('kontorwerk.purchaseRefitsRunning')
] ??= new WeakSet<Payload>()) as WeakSet<Payload>

/**
 * Resumes an interrupted scoring run, else fits anew; a refused fit is logged with its reason.
 * While a refit runs in this process another one answers `running` and does nothing.
 */
export async function runPurchaseRefit(
  payload: Payload,
  options: ResolvedPredictionOptions,
): Promise<RefitResult | { status: 'resumed' | 'running' }> {
  if (running.has(payload)) return { status: 'running' }
  running.add(payload)
  try {
    const outcome = await aloneOnDatabase(payload, REFIT_LOCK, () => refitOnce(payload, options))
    return outcome.ran ? outcome.value : { status: 'running' }
  } finally {
    running.delete(payload)
  }
}

/** Any 48-bit number, the same in every process: "refit" in ASCII. */
export const REFIT_LOCK = 0x7265666974

async function refitOnce(
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
 * does not want to wait for the night; 409 `REFIT_RUNNING` while one runs.
 */
export const refitEndpoint = (options: ResolvedPredictionOptions): Endpoint => ({
  handler: async (req) => {
    if (!hasRole(req, 'admin'))
      return Response.json({ errors: [{ code: 'FORBIDDEN', message: 'Admins only' }] }, { status: 403 })
    const result = await runPurchaseRefit(req.payload, options)
    if (result.status === 'running')
      return Response.json(
        { errors: [{ code: 'REFIT_RUNNING', message: 'A refit of the purchase model is already running' }] },
        { status: 409 },
      )
    return Response.json(result, { status: result.status === 'refused' ? 422 : 200 })
  },
  method: 'post',
  path: '/refit',
})

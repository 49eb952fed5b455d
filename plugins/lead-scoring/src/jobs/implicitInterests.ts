import type { TaskConfig } from 'payload'

import { serialized } from '@kontorwerk/personalization'

import { updateImplicitInterests } from '../utilities/interests'

export const IMPLICIT_INTERESTS_TASK = 'leadScoringImplicitInterests' as const

/**
 * Implicit interests are recomputed from the stored events off the request path: a queued job per
 * intake batch (durable, so a crash only delays it), idempotent, so overlapping jobs are harmless.
 */
export const implicitInterestsTask: TaskConfig<'leadScoringImplicitInterests'> = {
  slug: IMPLICIT_INTERESTS_TASK,
  handler: async ({ input, req }) => {
    // In turn with event intake, whose stage moves save the same subscribers: no save undoes another.
    await serialized(req.payload, () => updateImplicitInterests(req.payload, input.subscribers ?? [], new Date()))
    return { output: {} }
  },
  inputSchema: [{ name: 'subscribers', type: 'text', hasMany: true }],
  retries: { attempts: 5, backoff: { delay: 5_000, type: 'exponential' } },
}

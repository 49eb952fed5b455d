import { jobQueueStates } from '../jobQueue'
import { type ReadinessCheck } from './check'

/** A due job waiting longer than this means no process is running jobs (or all are wedged). */
export const DEFAULT_QUEUE_MAX_WAIT_SECONDS = 300

/**
 * No due job has waited longer than `maxWaitSeconds` (READYZ_QUEUE_MAX_WAIT_SECONDS). The queue is
 * shared: every process reports the same answer, which is the point — a stuck queue is
 * everyone's problem, and the failing probe is where an operator looks first.
 */
export function jobQueueCheck(maxWaitSeconds = DEFAULT_QUEUE_MAX_WAIT_SECONDS) {
  return {
    name: 'jobQueue',
    run: async (payload) => {
      const now = new Date()
      const states = await jobQueueStates(payload, now)
      if (!states) return { detail: 'not checked on MongoDB', ok: true }
      const stuck = [...states].flatMap(([queue, { oldestDueSince }]) => {
        const waited = oldestDueSince ? (now.getTime() - oldestDueSince.getTime()) / 1000 : 0
        return waited > maxWaitSeconds ? [`${queue} (${Math.round(waited)} s)`] : []
      })
      if (stuck.length)
        return { detail: `due jobs waiting longer than ${maxWaitSeconds} s: ${stuck.join(', ')}`, ok: false }
      const due = [...states.values()].reduce((sum, state) => sum + state.due, 0)
      return { detail: `${due} due`, ok: true }
    },
  } satisfies ReadinessCheck
}

import type { Payload } from 'payload'

import { type CheckResult, errorSummary, type ReadinessCheck } from './check'

export type ReadinessReport = {
  checks: Record<string, CheckResult>
  /** The names of the failing checks, for the 503 answer's first glance. */
  failing: string[]
  status: 'not ready' | 'ready'
}

const TIMEOUT_MS = 3_000

/** A check that does not answer in time failed: a hanging database is as unready as a stopped one. */
async function runWithTimeout(check: ReadinessCheck, payload: Payload): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ detail: `no answer within ${TIMEOUT_MS / 1000} s`, ok: false }), TIMEOUT_MS)
  })
  try {
    return await Promise.race([
      check.run(payload).catch((error: unknown) => ({ detail: errorSummary(error), ok: false })),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}

/** All checks side by side; ready only when every one passes. */
export async function readiness(payload: Payload, checks: ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (check) => [check.name, await runWithTimeout(check, payload)] as const),
  )
  const failing = results.filter(([, result]) => !result.ok).map(([name]) => name)
  return { checks: Object.fromEntries(results), failing, status: failing.length ? 'not ready' : 'ready' }
}

import type { Payload } from 'payload'

/** One readiness check's answer; `detail` says why, in a few words an operator can act on. */
export type CheckResult = { detail?: string; ok: boolean }

export type ReadinessCheck = {
  /** Named in the 503 answer when it fails (`database`, `migrations`, `jobQueue`, `smtp`). */
  name: string
  run: (payload: Payload) => Promise<CheckResult>
}

const SOCKET_CODES = /\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)\b/

/**
 * An error as a probe may show it: its code (ECONNREFUSED, 57P01) or class, not its message,
 * which can name hosts, users or SQL that an unauthenticated caller has no business seeing.
 */
export function errorSummary(error: unknown): string {
  // Drizzle wraps the driver's error (`cause`): the innermost code says what happened.
  const chain: unknown[] = []
  for (let current = error; current && chain.length < 5; current = (current as { cause?: unknown }).cause)
    chain.push(current)
  for (const link of [...chain].reverse()) {
    const { code, message } = link as { code?: unknown; message?: unknown }
    // nodemailer wraps a refused connection as ESOCKET; the socket's own code is the useful part.
    const socket = typeof message === 'string' ? SOCKET_CODES.exec(message)?.[0] : undefined
    if (socket) return socket
    if (typeof code === 'string' || typeof code === 'number') return String(code)
  }
  const { name } = (error ?? {}) as { name?: unknown }
  return typeof name === 'string' ? name : 'error'
}

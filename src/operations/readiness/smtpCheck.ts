import nodemailer from 'nodemailer'

import type { SmtpSettings } from '../../email/smtpAdapter'

import { type CheckResult, errorSummary, type ReadinessCheck } from './check'

/** How long one answer is reused: probes come every few seconds, an SMTP handshake costs the relay a connection. */
const CACHE_MS = 10_000
const TIMEOUT_MS = 3_000

/**
 * The configured SMTP server accepts a connection (and the login, when SMTP_USER is set):
 * nodemailer's verify on a connection of its own, with short timeouts, its answer cached for 10 s.
 * Without SMTP_HOST mail goes to the log and there is nothing to check.
 */
export function smtpCheck(settings: null | SmtpSettings): ReadinessCheck {
  let cached: { at: number; result: Promise<CheckResult> } | undefined
  const verify = async (): Promise<CheckResult> => {
    if (!settings) return { detail: 'not configured (mail is logged)', ok: true }
    const transport = nodemailer.createTransport({
      auth: settings.user ? { pass: settings.pass ?? '', user: settings.user } : undefined,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      socketTimeout: TIMEOUT_MS,
    })
    try {
      await transport.verify()
      return { ok: true }
    } catch (error) {
      return { detail: errorSummary(error), ok: false }
    } finally {
      transport.close()
    }
  }
  return {
    name: 'smtp',
    run: () => {
      if (!cached || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), result: verify() }
      return cached.result
    },
  }
}

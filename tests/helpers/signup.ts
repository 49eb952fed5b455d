import { expect } from 'vitest'

import { mailTo } from './mailbox'

/**
 * Each sign-up comes from a client address of its own (the test servers trust the loopback proxy's
 * X-Forwarded-For): the per-address sign-up limit is for strangers, not for the other spec files.
 */
const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields),
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'x-forwarded-for': `198.51.100.${1 + Math.floor(Math.random() * 254)}`,
  },
  method: 'POST',
})

/**
 * A stranger's sign-up through the public form and the double-opt-in mail read from the real SMTP
 * server; returns the preference-center token the confirmation page links to.
 */
export async function signUpAndConfirm(
  url: string,
  mailDir: string,
  email: string,
  firstName: string,
  topics = 'wochen-update',
  /** More form fields, e.g. `{ tracking: 'on' }` for the tracking consent beside the topics. */
  extra: Record<string, string> = {},
): Promise<string> {
  expect((await fetch(`${url}/subscribe`, form({ email, firstName, topics, ...extra }))).status).toBe(200)
  const link = /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec((await mailTo(mailDir, email)).text ?? '')![0]
  const token = new URL(link).searchParams.get('token')!
  const confirmed = await (await fetch(`${url}/subscribe/confirm`, form({ token }))).text()
  const preferences = /href="\/preferences\?token=([^"&]+)/.exec(confirmed)![1]
  return decodeURIComponent(preferences)
}

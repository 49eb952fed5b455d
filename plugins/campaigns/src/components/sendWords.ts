'use client'

import type { CampaignsTranslationKey } from '../translations'
import type { Translate } from '../utilities/sendPlanWords'

/** The admin's `t` as the send plan words take it (their keys are campaigns keys). */
export const planTranslator =
  (t: (key: CampaignsTranslationKey, vars?: Record<string, string>) => string): Translate =>
  (key, vars) =>
    t(key, vars)

/** A BCP 47 locale for Intl from the admin language ("de" → "de-DE", so dates read 7.12.2026). */
export const intlLocale = (language: string) => (language === 'en' ? 'en-GB' : language === 'de' ? 'de-DE' : language)

export const formatCount = (value: number, locale: string) => new Intl.NumberFormat(locale).format(value)

/** A date-time in the browser's (the admin's) time zone, with the zone named. */
export const formatDateTime = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso))

export const adminTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

/** The message of a coded error in the admin language, else the server's text. */
export function errorText(
  t: (key: CampaignsTranslationKey, vars?: Record<string, string>) => string,
  error: { code?: string; message?: string } | undefined,
  status: number,
): string {
  const known = [
    'APPROVAL_FORBIDDEN',
    'APPROVAL_OUTDATED',
    'APPROVAL_REQUIRED',
    'APPROVAL_SAME_PERSON',
    'CONFIRMATION_MISMATCH',
    'CONFIRMATION_REQUIRED',
    'CONFIRMATION_TYPED',
    'FORBIDDEN',
    'RATE_LIMITED',
  ] as const
  const code = known.find((candidate) => candidate === error?.code)
  if (code) return t(`kontorwerk-campaigns:error${code}`)
  return t('kontorwerk-campaigns:errorOther', { message: error?.message ?? `HTTP ${status}` })
}

/** POSTs JSON to a campaign endpoint; the answer's body and its first coded error, if any. */
export async function postJson<T>(url: string, body: unknown) {
  const response = await fetch(url, {
    body: JSON.stringify(body),
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  const result = (await response.json().catch(() => ({}))) as T & { errors?: { code?: string; message?: string }[] }
  return {
    error: response.ok ? undefined : (result.errors?.[0] ?? {}),
    ok: response.ok,
    result,
    status: response.status,
  }
}

import { normalizeEmail, sameWallClockIn } from '@kontorwerk/personalization'

import type { ColumnMap, ImportField, SourceSystem } from './columns'

/** Why a row is not imported at all. */
export type RejectCode =
  | 'duplicate_in_file'
  | 'email_invalid'
  | 'email_missing'
  | 'erased'
  | 'external_id_invalid'
  | 'identity_conflict'
  | 'cleaned_in_source'
  | 'name_too_long'

/** Why a row is imported without marketing consent. */
export type NoProofCode =
  | 'confirmation_before_opt_in'
  | 'no_confirmation_time'
  | 'no_opt_in_time'
  | 'not_double_opt_in'
  | 'proof_date_invalid'
  | 'proof_in_future'
  | 'unsubscribed_in_source'

/** The consent proof a row carries over, as the source system recorded it. */
export type ImportedProof = {
  confirmedAt: Date
  confirmIp: null | string
  method: 'double-opt-in' | 'single-opt-in'
  optedInAt: Date | null
  optInIp: null | string
  /** The cells as exported, so the proof can be shown exactly as the old system wrote it. */
  original: Partial<Record<ImportField, string>>
}

export type ImportRow = {
  email: string
  externalId: null | string
  firstName: null | string
  lastName: null | string
  line: number
  noProof: NoProofCode | null
  proof: ImportedProof | null
  /** Unsubscribed in the source system: carried over as a withdrawal at that time. */
  unsubscribedAt: Date | null
}

export type ReadRow = { code: RejectCode; line: number; ok: false; value?: string } | { ok: true; row: ImportRow }

const MAX_NAME = 100
const MAX_EXTERNAL_ID = 100

/**
 * The time formats of the exports: ISO 8601, "YYYY-MM-DD HH:MM:SS" (Mailchimp, UTC; an offset may
 * follow after a space, "+0100"), German "DD.MM.YYYY HH:MM[:SS]" and Unix seconds (CleverReach's API
 * form; 0 means "never"). An ISO time without zone is read as UTC, as Mailchimp documents it; a
 * German one as Europe/Berlin local time, as German Excel and CleverReach (a German tool) write it.
 * The original text stays in the proof. Returns null for an empty or "never" cell, undefined for
 * text that is no time at all.
 */
export function parseImportTime(text: string): Date | null | undefined {
  const value = text.trim()
  if (!value || value === '0' || value === '0000-00-00 00:00:00') return null
  if (/^\d{9,10}$/.test(value)) return new Date(Number(value) * 1000)
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value)
  if (german) {
    const [, day, month, year, hour = '0', minute = '0', second = '0'] = german
    const wall = validDate(new Date(Date.UTC(+year!, +month! - 1, +day!, +hour, +minute, +second)), +day!, +month!)
    // The wall clock as if it were UTC, moved to the instant Berlin shows it.
    return wall && sameWallClockIn(wall, GERMAN_EXPORT_TIME_ZONE, 'UTC')
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)? ?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    value,
  )
  if (!iso) return undefined
  const [, year, month, day, hour = '00', minute = '00', second = '00', zone] = iso
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone ? normalZone(zone) : 'Z'}`)
  return validDate(date, +day!, +month!)
}

/** German-written exports (German Excel, CleverReach) write local time. */
const GERMAN_EXPORT_TIME_ZONE = 'Europe/Berlin'

const normalZone = (zone: string) =>
  zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`

/** 31.02. is no date (Date would roll it over to March). */
function validDate(date: Date, day: number, month: number): Date | undefined {
  if (Number.isNaN(date.getTime())) return undefined
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : undefined
}

const YES = new Set(['1', 'true', 'yes', 'ja', 'x', 'wahr', 'y'])
const NO = new Set(['false', 'no', 'nein', 'falsch', 'n'])

const cell = (cells: string[], columns: ColumnMap, field: ImportField) => {
  const at = columns[field]
  return at === undefined ? '' : (cells[at] ?? '').trim()
}

/** One line of text, no control characters (a name goes into mail headers and salutations). */
const singleLine = (value: string) =>
  value
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || null

export type RowOptions = {
  now: Date
  /** Only a double opt-in (opt-in and confirmation time) counts as proof; the German standard, and the default. */
  requireDoubleOptIn: boolean
  sourceSystem: SourceSystem
}

/** A row read into what the import stores, or the reason it cannot be imported. */
export function readImportRow(cells: string[], line: number, columns: ColumnMap, options: RowOptions): ReadRow {
  const rawEmail = cell(cells, columns, 'email')
  if (!rawEmail) return { code: 'email_missing', line, ok: false }
  const email = normalizeEmail(rawEmail)
  if (!email) return { code: 'email_invalid', line, ok: false, value: rawEmail.slice(0, 100) }
  const externalId = singleLine(cell(cells, columns, 'externalId'))
  if (externalId && externalId.length > MAX_EXTERNAL_ID) return { code: 'external_id_invalid', line, ok: false }
  const firstName = singleLine(cell(cells, columns, 'firstName'))
  const lastName = singleLine(cell(cells, columns, 'lastName'))
  if ((firstName?.length ?? 0) > MAX_NAME || (lastName?.length ?? 0) > MAX_NAME)
    return { code: 'name_too_long', line, ok: false }

  // Mailchimp's "cleaned" file: the address hard-bounced there. See docs/plugins/consent.md#import.
  const cleaned = cell(cells, columns, 'cleanedAt')
  if (cleaned && cleaned !== '0' && !NO.has(cleaned.toLowerCase()))
    return { code: 'cleaned_in_source', line, ok: false }

  const { noProof, proof, unsubscribedAt } = readProof(cells, columns, options)
  return {
    ok: true,
    row: { email, externalId, firstName, lastName, line, noProof: proof ? null : noProof, proof, unsubscribedAt },
  }
}

/**
 * The unsubscribe cell: a time (withdrawn then), a yes-flag such as Brevo's blocklist column or an
 * own "abgemeldet: ja" (withdrawn, at import time: the file says no more), empty, 0 or a no-flag
 * (not withdrawn). Anything else is undefined: the import cannot tell, so it grants nothing.
 */
function readUnsubscribe(text: string, now: Date): Date | null | undefined {
  const value = text.trim().toLowerCase()
  if (YES.has(value)) return now
  if (NO.has(value)) return null
  return parseImportTime(text)
}

function readProof(
  cells: string[],
  columns: ColumnMap,
  options: RowOptions,
): { noProof: NoProofCode; proof: ImportedProof | null; unsubscribedAt: Date | null } {
  const original: ImportedProof['original'] = {}
  for (const field of ['optedInAt', 'optInIp', 'confirmedAt', 'confirmIp', 'unsubscribedAt', 'doubleOptIn'] as const) {
    const value = cell(cells, columns, field)
    if (value) original[field] = value
  }
  const unsubscribed = readUnsubscribe(original.unsubscribedAt ?? '', options.now)
  const unsubscribedAt = unsubscribed instanceof Date ? unsubscribed : null
  const none = (noProof: NoProofCode) => ({ noProof, proof: null, unsubscribedAt })
  if (unsubscribedAt) return none('unsubscribed_in_source')
  // A withdrawal the import cannot read must not let an older proof grant consent.
  if (unsubscribed === undefined) return none('proof_date_invalid')

  const optedInAt = parseImportTime(original.optedInAt ?? '')
  const confirmedAt = parseImportTime(original.confirmedAt ?? '')
  if (optedInAt === undefined || confirmedAt === undefined) return none('proof_date_invalid')
  // Brevo writes no confirmation time: its double-opt-in forms add the contact on confirmation,
  // so ADDED_TIME is that moment, but only for contacts the form marked as double opt-in.
  if (options.sourceSystem === 'brevo') {
    if (!YES.has((original.doubleOptIn ?? '').toLowerCase())) return none('not_double_opt_in')
  }
  if (!confirmedAt) return none('no_confirmation_time')
  if (confirmedAt.getTime() > options.now.getTime() || (optedInAt && optedInAt.getTime() > options.now.getTime()))
    return none('proof_in_future')
  // A confirmation in the same second as the sign-up is no confirmation by the person (a tool's
  // import date or a single opt-in written twice): a double opt-in needs the click afterwards.
  if (optedInAt && optedInAt.getTime() >= confirmedAt.getTime()) return none('confirmation_before_opt_in')
  const doubleOptIn = Boolean(optedInAt) || options.sourceSystem === 'brevo'
  if (options.requireDoubleOptIn && !doubleOptIn) return none('no_opt_in_time')
  return {
    noProof: 'no_confirmation_time',
    proof: {
      confirmedAt,
      confirmIp: original.confirmIp ?? null,
      method: doubleOptIn ? 'double-opt-in' : 'single-opt-in',
      optedInAt: optedInAt ?? null,
      optInIp: original.optInIp ?? null,
      original,
    },
    unsubscribedAt,
  }
}

import { ImportFileError } from './fileTable'

/** What the import reads from a row. */
export const IMPORT_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'externalId',
  'optedInAt',
  'optInIp',
  'confirmedAt',
  'confirmIp',
  'unsubscribedAt',
  'doubleOptIn',
  'cleanedAt',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

export const SOURCE_SYSTEMS = ['mailchimp', 'cleverreach', 'brevo', 'other'] as const
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number]

/** Which column holds which field (column index). */
export type ColumnMap = Partial<Record<ImportField, number>>

type Profile = {
  /** Columns by field, as the tool names them (compared case-insensitively, German account variants included). */
  columns: Partial<Record<ImportField, string[]>>
  /** Columns only this tool's export has: all must be present to recognise it. */
  signature: string[][]
}

/**
 * The export column sets of the three tools German teams move from (sources in
 * docs/plugins/consent.md#import):
 * - Mailchimp "Export Audience": merge fields by their label, then OPTIN_TIME, OPTIN_IP,
 *   CONFIRM_TIME, CONFIRM_IP (UTC), UNSUB_TIME in the unsubscribed file, CLEAN_TIME in the cleaned
 *   (hard-bounced) file, LEID/EUID.
 * - CleverReach receiver export: the receiver object's fields email, registered (sign-up),
 *   activated (double-opt-in confirmation), deactivated, source, plus the group's attributes.
 * - Brevo contact export: EMAIL, FIRSTNAME/LASTNAME (VORNAME/NACHNAME in German accounts), EXT_ID,
 *   ADDED_TIME, MODIFIED_TIME, the DOUBLE_OPT-IN attribute its double-opt-in forms set, and the
 *   email blocklist flag (API: emailBlacklisted; a yes counts as unsubscribed at import time).
 */
const PROFILES: Record<Exclude<SourceSystem, 'other'>, Profile> = {
  brevo: {
    columns: {
      confirmedAt: ['ADDED_TIME'],
      doubleOptIn: ['DOUBLE_OPT-IN', 'DOUBLE_OPT_IN'],
      // The blocklist flag: the API calls it emailBlacklisted, the export's column name varies by account age.
      unsubscribedAt: ['EMAIL_BLACKLISTED', 'BLACKLISTED', 'EMAIL_BLOCKLISTED', 'BLOCKLISTED', 'emailBlacklisted'],
      email: ['EMAIL'],
      externalId: ['EXT_ID'],
      firstName: ['FIRSTNAME', 'VORNAME', 'PRENOM'],
      lastName: ['LASTNAME', 'NACHNAME', 'NOM'],
    },
    signature: [
      ['EMAIL', 'ADDED_TIME'],
      ['EMAIL', 'DOUBLE_OPT-IN'],
      ['EMAIL', 'EXT_ID'],
    ],
  },
  cleverreach: {
    columns: {
      confirmedAt: ['activated'],
      email: ['email'],
      firstName: ['firstname', 'vorname'],
      lastName: ['lastname', 'nachname', 'name'],
      optedInAt: ['registered'],
      unsubscribedAt: ['deactivated'],
    },
    signature: [['email', 'activated', 'registered']],
  },
  mailchimp: {
    columns: {
      confirmIp: ['CONFIRM_IP'],
      confirmedAt: ['CONFIRM_TIME'],
      email: ['Email Address', 'E-Mail-Adresse', 'E-Mail Adresse'],
      firstName: ['First Name', 'Vorname'],
      lastName: ['Last Name', 'Nachname'],
      optInIp: ['OPTIN_IP'],
      optedInAt: ['OPTIN_TIME'],
      unsubscribedAt: ['UNSUB_TIME'],
      cleanedAt: ['CLEAN_TIME'],
    },
    signature: [
      ['OPTIN_TIME', 'CONFIRM_TIME'],
      ['MEMBER_RATING', 'LEID'],
    ],
  },
}

/** Names a team's own spreadsheet or CRM export is likely to use (a mapping covers the rest). */
const GENERIC: Partial<Record<ImportField, string[]>> = {
  confirmedAt: ['confirmed_at', 'confirmedAt', 'bestätigt am', 'bestaetigt am', 'opt-in bestätigt'],
  email: ['email', 'e-mail', 'e-mail-adresse', 'email address', 'mail', 'emailadresse'],
  externalId: ['external_id', 'externalId', 'externe id', 'crm-id', 'crm id', 'kundennummer'],
  firstName: ['first name', 'firstname', 'first_name', 'vorname'],
  lastName: ['last name', 'lastname', 'last_name', 'nachname'],
  optedInAt: ['opted_in_at', 'optedInAt', 'angemeldet am', 'opt-in am'],
  optInIp: ['optin_ip', 'opt-in ip'],
}

const key = (name: string) => name.trim().toLowerCase()

function columnsBy(header: string[], columns: Partial<Record<ImportField, string[]>>): ColumnMap {
  const index = new Map(header.map((name, i) => [key(name), i]))
  const map: ColumnMap = {}
  for (const field of IMPORT_FIELDS) {
    const found = columns[field]?.map((name) => index.get(key(name))).find((i) => i !== undefined)
    if (found !== undefined) map[field] = found
  }
  return map
}

/** The tool whose export this header is, or `other`. */
export function recogniseSource(header: string[]): SourceSystem {
  const names = new Set(header.map(key))
  for (const [system, profile] of Object.entries(PROFILES))
    if (profile.signature.some((columns) => columns.every((name) => names.has(key(name)))))
      return system as SourceSystem
  return 'other'
}

/** A mapping the admin gave: column name → field (or empty to ignore the column). */
export type ColumnMapping = Record<string, string>

export type MappingProblem = { code: 'mapping_unknown_column' | 'mapping_unknown_field'; value: string }

/** What is wrong with a mapping for this header, if anything. */
export function mappingProblem(header: string[], mapping: ColumnMapping): MappingProblem | null {
  const names = new Set(header.map(key))
  for (const [column, field] of Object.entries(mapping)) {
    if (!names.has(key(column))) return { code: 'mapping_unknown_column', value: column }
    if (field && !IMPORT_FIELDS.includes(field as ImportField)) return { code: 'mapping_unknown_field', value: field }
  }
  return null
}

/**
 * The columns to read: the recognised tool's (or the common names), then the admin's mapping on
 * top. A file with no email column cannot be imported at all.
 */
export function resolveColumns(
  header: string[],
  mapping: ColumnMapping = {},
): { columns: ColumnMap; sourceSystem: SourceSystem } {
  const sourceSystem = recogniseSource(header)
  const columns = columnsBy(header, sourceSystem === 'other' ? GENERIC : PROFILES[sourceSystem].columns)
  const index = new Map(header.map((name, i) => [key(name), i]))
  for (const [column, field] of Object.entries(mapping)) {
    const at = index.get(key(column))
    if (at === undefined) continue
    // A column mapped to nothing is ignored, even if its name was recognised.
    for (const known of IMPORT_FIELDS) if (columns[known] === at) delete columns[known]
    if (field) columns[field as ImportField] = at
  }
  // The columns found, so the admin can write the mapping without opening the file again.
  if (columns.email === undefined)
    throw new ImportFileError('no_email_column', { columns: header.filter(Boolean).slice(0, 30).join(', ') })
  return { columns, sourceSystem }
}

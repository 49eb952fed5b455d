import ExcelJS from 'exceljs'

/**
 * Subscriber exports as the tools write them, built from their documented column sets
 * (docs/plugins/consent.md#import lists the sources): Mailchimp's audience export (UTF-8, comma),
 * a CleverReach receiver export re-saved by German Excel (semicolon, Windows-1252) and a Brevo
 * contact export as XLSX.
 */

const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '„': 0x84, '–': 0x96, '“': 0x93, '”': 0x94 }

/** Text as Windows-1252 bytes (Latin-1 plus the typographic characters Excel writes). */
export function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      if (CP1252_EXTRA[char]) return CP1252_EXTRA[char]
      const code = char.charCodeAt(0)
      if (code > 0xff) throw new Error(`not in Windows-1252: ${char}`)
      return code
    }),
  )
}

const quoted = (cells: string[], delimiter: string) =>
  cells.map((cell) => (/["\n;,]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter)

export const csv = (rows: string[][], delimiter = ',') =>
  rows.map((row) => quoted(row, delimiter)).join('\r\n') + '\r\n'

export const MAILCHIMP_HEADER = [
  'Email Address',
  'First Name',
  'Last Name',
  'Address',
  'Phone Number',
  'MEMBER_RATING',
  'OPTIN_TIME',
  'OPTIN_IP',
  'CONFIRM_TIME',
  'CONFIRM_IP',
  'LATITUDE',
  'LONGITUDE',
  'GMTOFF',
  'DSTOFF',
  'TIMEZONE',
  'CC',
  'REGION',
  'LAST_CHANGED',
  'LEID',
  'EUID',
  'NOTES',
  'TAGS',
]

type MailchimpRow = {
  confirm?: string
  confirmIp?: string
  email: string
  first?: string
  last?: string
  optin?: string
  optinIp?: string
}

export function mailchimpCsv(rows: MailchimpRow[]): Buffer {
  return Buffer.from(
    csv([
      MAILCHIMP_HEADER,
      ...rows.map((row, i) => [
        row.email,
        row.first ?? '',
        row.last ?? '',
        '',
        '',
        '2',
        row.optin ?? '',
        row.optinIp ?? '',
        row.confirm ?? '',
        row.confirmIp ?? '',
        '',
        '',
        '',
        '',
        '',
        'DE',
        '',
        '2024-05-01 10:00:00',
        String(100000 + i),
        `a1b2c3${i}`,
        '',
        '"Newsletter"',
      ]),
    ]),
    'utf8',
  )
}

export const CLEVERREACH_HEADER = ['email', 'activated', 'registered', 'deactivated', 'source', 'vorname', 'nachname']

/** A CleverReach export opened and saved again in German Excel: semicolons, Windows-1252, German dates. */
export function cleverReachGermanExcel(rows: string[][]): Buffer {
  return windows1252(csv([CLEVERREACH_HEADER, ...rows], ';'))
}

export const BREVO_HEADER = [
  'EMAIL',
  'VORNAME',
  'NACHNAME',
  'SMS',
  'EXT_ID',
  'DOUBLE_OPT-IN',
  'ADDED_TIME',
  'MODIFIED_TIME',
]

/** A Brevo contact export as XLSX; times as real Excel date cells. */
export async function brevoXlsx(rows: (Date | string)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Contacts')
  sheet.addRow(BREVO_HEADER)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

import type { Payload } from 'payload'

import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

import { normalizeEmail } from '@kontorwerk/personalization'

export type RowError = { message: string; row: number }

export const MAX_IMPORT_ROWS = 100_000

/**
 * A list of members from CSV: a header row with an `email` column (other columns are ignored).
 * Every row is checked before anything is stored; rows are numbered by their line in the file.
 */
export async function subscribersFromCsv(
  payload: Payload,
  text: string,
): Promise<{ errors: RowError[]; ids: string[] }> {
  let records: { info: { lines: number }; record: string[] }[]
  try {
    // `info` gives each record's line in the file, so row numbers stay right after blank lines.
    // Commas, or semicolons and tabs as German spreadsheets write them.
    records = parse(text, {
      bom: true,
      delimiter: [',', ';', '\t'],
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records
  } catch (error) {
    return { errors: [{ message: `Not readable as CSV: ${(error as Error).message}`, row: 0 }], ids: [] }
  }
  const [header, ...rows] = records
  const column =
    header?.record.findIndex((name) => name.toLowerCase() === 'email' || name.toLowerCase() === 'e-mail') ?? -1
  if (column < 0)
    return { errors: [{ message: 'The first row needs an "email" column', row: header?.info.lines ?? 1 }], ids: [] }
  if (rows.length === 0)
    return { errors: [{ message: 'The file has no rows below the header', row: header.info.lines + 1 }], ids: [] }
  if (rows.length > MAX_IMPORT_ROWS)
    return {
      errors: [{ message: `At most ${MAX_IMPORT_ROWS} rows per import`, row: rows[MAX_IMPORT_ROWS].info.lines }],
      ids: [],
    }

  const errors: RowError[] = []
  const wanted = new Map<string, number>()
  for (const { info, record } of rows) {
    const email = normalizeEmail(withoutFormulaGuard(record[column]))
    if (!email) errors.push({ message: `"${record[column] ?? ''}" is not a valid email address`, row: info.lines })
    else if (!wanted.has(email)) wanted.set(email, info.lines)
  }
  const found = new Map<string, string>()
  const emails = [...wanted.keys()]
  for (let start = 0; start < emails.length; start += 1000) {
    const { docs } = await payload.find({
      collection: 'subscribers',
      depth: 0,
      limit: 0,
      pagination: false,
      select: { email: true },
      where: { email: { in: emails.slice(start, start + 1000) } },
    })
    for (const doc of docs) found.set(doc.email, String(doc.id))
  }
  for (const [email, row] of wanted)
    if (!found.has(email)) errors.push({ message: `No subscriber with the email ${email}`, row })
  errors.sort((a, b) => a.row - b.row)
  return { errors, ids: errors.length ? [] : [...found.values()] }
}

/**
 * Members as CSV (`id,email`). A cell that starts with =, +, -, @, a tab or a carriage return
 * would run as a formula when the file is opened in a spreadsheet (an address like
 * `=1+1@firma.example` is valid), so such cells get a leading apostrophe (csv-stringify's
 * `escape_formulas`, which also knows the full-width forms).
 */
export function membersCsv(members: { email: string; id: number | string }[]): string {
  return stringify([['id', 'email'], ...members.map(({ email, id }) => [String(id), email])], { escape_formulas: true })
}

/** The apostrophe `membersCsv` put before a formula character comes off again, so an exported list imports as it was. */
function withoutFormulaGuard(cell: string | undefined): string | undefined {
  return cell?.replace(/^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/, '')
}

import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { Readable } from 'node:stream'

/** Why a whole file cannot be imported; nothing of it is stored. */
export type FileErrorCode =
  | 'csv_malformed'
  | 'file_empty'
  | 'file_unreadable'
  | 'header_duplicate'
  | 'header_missing'
  | 'mapping_unknown_column'
  | 'mapping_unknown_field'
  | 'no_email_column'
  | 'xlsx_unreadable'

export class ImportFileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    readonly details: Record<string, number | string> = {},
  ) {
    super(code)
  }
}

export type FileKind = 'csv' | 'xlsx'
export type Encoding = 'utf-8' | 'windows-1252'

/** One data row: its cells and its line in the file (the header is line 1, as a spreadsheet numbers it). */
export type TableRow = { cells: string[]; line: number }

export type FileTable = {
  delimiter: null | string
  encoding: Encoding | null
  header: string[]
  kind: FileKind
  /** Every data row, read anew on each call (streamed: a file is never held as a whole table). */
  rows: () => AsyncIterable<TableRow>
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/** XLSX is a zip container; anything else is read as delimited text. */
export const fileKind = (data: Uint8Array): FileKind =>
  ZIP_MAGIC.every((byte, i) => data[i] === byte) ? 'xlsx' : 'csv'

/**
 * UTF-8 when the bytes are valid UTF-8 (a BOM or not), else Windows-1252: what German Excel writes
 * for "CSV (Trennzeichen-getrennt)". Valid UTF-8 is almost never accidental for text with umlauts,
 * so the check is exact rather than a guess from letter frequencies.
 */
export function detectEncoding(data: Uint8Array): Encoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data)
    return 'utf-8'
  } catch {
    return 'windows-1252'
  }
}

/**
 * Binary data (an image, a PDF, a file in UTF-16 or a compressed archive other than XLSX) decodes
 * into control characters in either encoding; a text export has none besides tab and line breaks.
 */
function looksLikeText(sample: string): boolean {
  if (!sample.length) return true
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) control++
  }
  return control / sample.length < 0.001
}

/** The delimiter the header line uses most, outside quotes: semicolon (German Excel), comma, or tab. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ])
  let quoted = false
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1)
  }
  const [best, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!
  return count > 0 ? best : ','
}

const SLICE = 1 << 20

/** The file as text, decoded slice by slice (a 200 MB export never becomes one 400 MB string). */
function* decodedSlices(data: Uint8Array, encoding: Encoding): Generator<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false })
  for (let offset = 0; offset < data.length; offset += SLICE)
    yield decoder.decode(data.subarray(offset, offset + SLICE), { stream: true })
  yield decoder.decode()
}

/** The rows of a delimited text file, header included; a quote that never closes is a structural error. */
async function* csvRecords(data: Uint8Array, encoding: Encoding, delimiter: string): AsyncGenerator<TableRow> {
  const parser = Readable.from(decodedSlices(data, encoding)).pipe(
    parse({ bom: true, delimiter, info: true, relax_column_count: true, skip_empty_lines: true }),
  )
  try {
    for await (const { info, record } of parser as AsyncIterable<{ info: { lines: number }; record: string[] }>)
      yield { cells: record, line: info.lines }
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    throw new ImportFileError('csv_malformed', lines ? { line: lines } : {})
  }
}

/** A cell as text: dates as ISO time, hyperlinks (Excel turns addresses into mailto links) and formulas by their shown value. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('error' in value) return ''
  }
  return String(value)
}

/** The rows of the first worksheet (the export tools write one), header included; blank rows skipped. */
async function* xlsxRecords(data: Uint8Array): AsyncGenerator<TableRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(data)]), {
    hyperlinks: 'ignore',
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
  })
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText)
        if (cells.some((cell) => cell.trim())) yield { cells, line: row.number }
      }
      return
    }
  } catch {
    throw new ImportFileError('xlsx_unreadable')
  }
}

/** Data rows only: every record after the header. */
async function* afterHeader(records: AsyncIterable<TableRow>): AsyncGenerator<TableRow> {
  let header = true
  for await (const row of records) {
    if (header) header = false
    else yield row
  }
}

/** Opens an export: its kind, encoding and delimiter detected, the header read; a file that cannot be read throws ImportFileError. */
export async function openTable(data: Uint8Array): Promise<FileTable> {
  if (!data.length) throw new ImportFileError('file_empty')
  const kind = fileKind(data)
  let encoding: Encoding | null = null
  let delimiter: null | string = null
  if (kind === 'csv') {
    encoding = detectEncoding(data)
    const head = new TextDecoder(encoding).decode(data.subarray(0, 64 * 1024)).replace(/^\uFEFF/, '')
    if (!looksLikeText(head)) throw new ImportFileError('file_unreadable')
    if (!head.trim()) throw new ImportFileError('file_empty')
    delimiter = detectDelimiter(head.split(/\r?\n/, 1)[0]!)
  }
  const records = () => (kind === 'xlsx' ? xlsxRecords(data) : csvRecords(data, encoding!, delimiter!))
  let header: string[] = []
  for await (const row of records()) {
    header = row.cells.map((cell) => cell.replace(/^\uFEFF/, '').trim())
    break
  }
  if (!header.some(Boolean)) throw new ImportFileError(header.length ? 'header_missing' : 'file_empty')
  const seen = new Set<string>()
  for (const name of header) {
    const key = name.toLowerCase()
    if (key && seen.has(key)) throw new ImportFileError('header_duplicate', { column: name })
    seen.add(key)
  }
  return { delimiter, encoding, header, kind, rows: () => afterHeader(records()) }
}

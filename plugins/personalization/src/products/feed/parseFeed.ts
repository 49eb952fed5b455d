import { parse } from 'csv-parse/sync'

/** A feed row as read: its number in the file (CSV line, or 1-based index in a JSON array) and its raw values. */
export type FeedRow = { row: number; values: Record<string, unknown> }

export type FeedFormat = 'csv' | 'json'

/** Why a whole feed is refused before any row is looked at. */
export type FeedStructureProblem =
  'FEED_COLUMNS_MISSING' | 'FEED_EMPTY' | 'FEED_TOO_LARGE' | 'FEED_TOO_MANY_ROWS' | 'FEED_UNREADABLE'

export class FeedStructureError extends Error {
  constructor(
    readonly code: FeedStructureProblem,
    message: string,
  ) {
    super(message)
    this.name = 'FeedStructureError'
  }
}

export const MAX_FEED_ROWS = 50_000
/** The columns every feed has; the others (categories, url, image_url, availability, promoted, locale) are optional. */
export const REQUIRED_COLUMNS = ['sku', 'name', 'price', 'currency'] as const

/** Column names as spreadsheets write them: `Image URL`, `image-url` and `image_url` are one column. */
const columnName = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

/**
 * The rows of a CSV (header row; comma, semicolon or tab as German spreadsheets write them) or JSON
 * feed (an array of objects, or `{ "products": [...] }`). A feed that is not readable as a whole, has
 * no rows or lacks a required column throws FeedStructureError: nothing of it is used.
 */
export function parseFeed(text: string, format: FeedFormat): FeedRow[] {
  const { columns, rows } = format === 'csv' ? csvRows(text) : jsonRows(text)
  if (rows.length === 0) throw new FeedStructureError('FEED_EMPTY', 'The feed has no products')
  if (rows.length > MAX_FEED_ROWS)
    throw new FeedStructureError('FEED_TOO_MANY_ROWS', `At most ${MAX_FEED_ROWS} products per feed`)
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column))
  if (missing.length)
    throw new FeedStructureError('FEED_COLUMNS_MISSING', `The feed lacks the column(s) ${missing.join(', ')}`)
  return rows
}

/** The format a feed is in, from its media type or file name; JSON when it starts like JSON. */
export function feedFormatOf(contentType: null | string, name: string, text: string): FeedFormat {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase()
  if (type.endsWith('/json') || /\.json$/i.test(name)) return 'json'
  if (type === 'text/csv' || /\.csv$/i.test(name)) return 'csv'
  return /^\s*[[{]/.test(text) ? 'json' : 'csv'
}

/**
 * The delimiter the header row uses: comma, or semicolon or tab as German spreadsheets write them. One
 * per file, so a decimal comma ("249,00") in a semicolon file stays one cell.
 */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? ''
  const count = (delimiter: string) => header.split(delimiter).length
  return [';', '\t', ','].reduce((best, delimiter) => (count(delimiter) > count(best) ? delimiter : best), ',')
}

/** The rows, and the columns the feed has: a CSV's header (an empty cell is a missing value, not a missing column), a JSON feed's keys. */
type ReadFeed = { columns: Set<string>; rows: FeedRow[] }

function csvRows(text: string): ReadFeed {
  let records: { info: { lines: number }; record: string[] }[]
  try {
    // `info` gives each record's line in the file, so row numbers are what a spreadsheet shows.
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records
  } catch (error) {
    throw new FeedStructureError('FEED_UNREADABLE', `Not readable as CSV: ${(error as Error).message}`)
  }
  const [header, ...body] = records
  if (!header) return { columns: new Set(), rows: [] }
  const names = header.record.map(columnName)
  const rows = body.map(({ info, record }) => ({
    row: info.lines,
    values: Object.fromEntries(
      names.map((name, index) => [name, record[index]] as const).filter(([, value]) => value !== ''),
    ),
  }))
  return { columns: new Set(names), rows }
}

function jsonRows(text: string): ReadFeed {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new FeedStructureError('FEED_UNREADABLE', `Not readable as JSON: ${(error as Error).message}`)
  }
  const list = Array.isArray(data) ? data : (data as { products?: unknown } | null)?.products
  if (!Array.isArray(list))
    throw new FeedStructureError('FEED_UNREADABLE', 'A JSON feed is an array of products or {"products": [...]}')
  const bad = list.findIndex((item) => item === null || typeof item !== 'object' || Array.isArray(item))
  if (bad >= 0) throw new FeedStructureError('FEED_UNREADABLE', `Entry ${bad + 1} of the feed is not an object`)
  const rows = list.map((item, index) => ({
    row: index + 1,
    values: Object.fromEntries(
      Object.entries(item as Record<string, unknown>).map(([name, value]) => [columnName(name), value]),
    ),
  }))
  return { columns: new Set(rows.flatMap((row) => Object.keys(row.values))), rows }
}

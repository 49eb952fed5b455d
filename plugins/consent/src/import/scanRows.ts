import type { ColumnMap, ColumnMapping, SourceSystem } from './columns'
import type { FileTable } from './fileTable'
import type { ImportRow } from './importRow'
import type { RowOutcome, RowPlan } from './planRows'

import { mappingProblem, resolveColumns } from './columns'
import { ImportFileError, openTable } from './fileTable'
import { readImportRow } from './importRow'

/** What the admin chose for an import. */
export type ImportSettings = {
  mapping?: ColumnMapping | null
  requireDoubleOptIn: boolean
  /** Topic ids the carried-over consent is for. */
  topics: string[]
}

/** A readable file: the table, the columns it is read by, the tool that wrote it. */
export type OpenedImport = { columns: ColumnMap; sourceSystem: SourceSystem; table: FileTable }

/** Structural checks before any row: readable, a header, an email column, a mapping that fits. */
export async function openImport(data: Uint8Array, settings: ImportSettings): Promise<OpenedImport> {
  const table = await openTable(data)
  const problem = settings.mapping ? mappingProblem(table.header, settings.mapping) : null
  if (problem) throw new ImportFileError(problem.code, { value: problem.value })
  return { ...resolveColumns(table.header, settings.mapping ?? {}), table }
}

/** A chunk of consecutive data rows: those that passed the row checks, and the plans of those rejected already. */
export type RowChunk = { rejected: RowPlan[]; rows: ImportRow[]; rowsRead: number }

const rejected = (line: number, code: RowPlan['code'], email?: string): RowPlan => ({
  changes: {},
  code,
  email,
  ledger: { confirm: [], withdraw: [] },
  line,
  outcome: 'rejected',
})

/**
 * The file's data rows in chunks, checked row by row; the first row of an address or external id
 * wins, later ones are duplicates. `skip` rows (already imported) are read for the duplicate check only.
 */
export async function* chunksOf(
  opened: OpenedImport,
  settings: ImportSettings,
  { chunkSize, now, skip = 0 }: { chunkSize: number; now: Date; skip?: number },
): AsyncGenerator<RowChunk> {
  const seenEmails = new Set<string>()
  const seenExternalIds = new Set<string>()
  let chunk: RowChunk = { rejected: [], rows: [], rowsRead: 0 }
  let index = 0
  for await (const { cells, line } of opened.table.rows()) {
    const read = readImportRow(cells, line, opened.columns, {
      now,
      requireDoubleOptIn: settings.requireDoubleOptIn,
      sourceSystem: opened.sourceSystem,
    })
    let plan: RowPlan | undefined
    if (!read.ok) plan = rejected(line, read.code, read.value)
    else if (seenEmails.has(read.row.email) || (read.row.externalId && seenExternalIds.has(read.row.externalId)))
      plan = rejected(line, 'duplicate_in_file', read.row.email)
    else {
      seenEmails.add(read.row.email)
      if (read.row.externalId) seenExternalIds.add(read.row.externalId)
    }
    if (index++ < skip) continue
    if (plan) chunk.rejected.push(plan)
    else if (read.ok) chunk.rows.push(read.row)
    chunk.rowsRead++
    if (chunk.rowsRead === chunkSize) {
      yield chunk
      chunk = { rejected: [], rows: [], rowsRead: 0 }
    }
  }
  if (chunk.rowsRead) yield chunk
}

/** One row in an import's result list. */
export type RowResult = {
  code?: string
  email?: string
  line: number
  noProof?: null | string
  outcome: RowOutcome
}

export type ImportCounts = Record<RowOutcome | 'total' | 'withoutProof' | 'withProof', number>

/** Counts of every row; the row list keeps the first rows of every outcome and, up to a bound, every row that needs a look. */
export type ImportSummary = { counts: ImportCounts; rows: RowResult[]; truncated: boolean }

const LISTED = 500
const NOTABLE = 5000

export const emptySummary = (): ImportSummary => ({
  counts: { new: 0, rejected: 0, total: 0, unchanged: 0, updated: 0, withoutProof: 0, withProof: 0 },
  rows: [],
  truncated: false,
})

/** Adds planned rows to a summary (in place). */
export function summarise(summary: ImportSummary, plans: RowPlan[]): ImportSummary {
  for (const plan of plans) {
    summary.counts.total++
    summary.counts[plan.outcome]++
    if (plan.outcome !== 'rejected') summary.counts[plan.row?.proof ? 'withProof' : 'withoutProof']++
    const notable = plan.outcome === 'rejected' || Boolean(plan.noProof)
    if (summary.rows.length < LISTED || (notable && summary.rows.length < NOTABLE)) {
      const result: RowResult = { line: plan.line, outcome: plan.outcome }
      if (plan.email) result.email = plan.email
      if (plan.code) result.code = plan.code
      if (plan.noProof && plan.outcome !== 'rejected') result.noProof = plan.noProof
      summary.rows.push(result)
    } else summary.truncated = true
  }
  return summary
}

/** The plans of a chunk in file order. */
export const inFileOrder = (plans: RowPlan[]) => plans.sort((a, b) => a.line - b.line)

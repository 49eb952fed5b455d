import type { Payload, PayloadRequest } from 'payload'

import type { PersonalDataContributor } from '@kontorwerk/personalization'

import type { ImportSummary } from './scanRows'
import type { SubscriberImport } from './SubscriberImports'

import { SUBSCRIBER_IMPORTS } from './importRecords'

type StoredImport = Pick<SubscriberImport, 'createdAt' | 'filename' | 'id' | 'status'> & {
  dryRun?: ImportSummary | null
  result?: ImportSummary | null
}

const SUMMARIES = ['dryRun', 'result'] as const

/** Every import with its per-row lists (a handful of records: imports are a move, not a daily feed). */
async function storedImports(payload: Payload, req?: PayloadRequest): Promise<StoredImport[]> {
  const { docs } = await (payload.find as unknown as (args: Record<string, unknown>) => Promise<{ docs: unknown[] }>)({
    collection: SUBSCRIBER_IMPORTS,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { createdAt: true, dryRun: true, filename: true, result: true, status: true },
  })
  return docs as StoredImport[]
}

const rowsOf = (summary: ImportSummary | null | undefined, email: string) =>
  (summary?.rows ?? []).filter((row) => row.email === email)

/**
 * The import records' per-row lists (dry run and result) name people by email. The export lists
 * the person's rows with the import they came from; erasure takes them out of the lists (the
 * counts stay: they name nobody). The uploaded file itself is deleted when the run is done.
 */
export const importsPersonalData: PersonalDataContributor = {
  erase: async ({ payload, req, subscriber }) => {
    const updates = []
    for (const stored of await storedImports(payload, req)) {
      const data: Record<string, ImportSummary> = {}
      for (const key of SUMMARIES) {
        const summary = stored[key]
        if (summary && rowsOf(summary, subscriber.email).length)
          data[key] = { ...summary, rows: summary.rows.filter((row) => row.email !== subscriber.email) }
      }
      if (Object.keys(data).length) updates.push({ collection: SUBSCRIBER_IMPORTS, data, id: String(stored.id) })
    }
    return { updates }
  },
  export: async ({ payload, req, subscriber }) =>
    (await storedImports(payload, req)).flatMap((stored) => {
      const rows = [...rowsOf(stored.result, subscriber.email), ...rowsOf(stored.dryRun, subscriber.email)]
      // The run's row where there is one, else the dry run's: one line of the file, listed once.
      const lines = [...new Map(rows.reverse().map((row) => [row.line, row])).values()]
      return lines.map(({ code, line, noProof, outcome }) => ({
        code: code ?? null,
        file: stored.filename ?? null,
        importedAt: stored.createdAt,
        line,
        noProof: noProof ?? null,
        outcome,
      }))
    }),
  key: 'subscriberImports',
  label: { de: 'Importe (Zeilen aus hochgeladenen Listen)', en: 'Imports (rows of uploaded lists)' },
}

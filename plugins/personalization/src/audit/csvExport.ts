import type { Endpoint, Where } from 'payload'

import { stringify } from 'csv-stringify/sync'

import type { FieldChange } from './diff'

import { hasRole } from '../access/roles'
import { AUDIT_LOG } from './auditEntry'

const HEADER = ['at', 'user', 'action', 'resource', 'documentId', 'title', 'field', 'before', 'after']
const PAGE = 500

const text = (value: unknown) => (value == null ? '' : typeof value === 'string' ? value : JSON.stringify(value))

type Entry = {
  action: string
  at: string
  changes?: FieldChange[] | null
  documentId?: null | string
  resource: string
  title?: null | string
  userEmail?: null | string
}

/** One row per changed field (an entry without changes, e.g. a deletion, is one row): what a spreadsheet filters on. */
const rowsOf = (entry: Entry) =>
  (entry.changes?.length ? entry.changes : [null]).map((change) =>
    [
      entry.at,
      entry.userEmail,
      entry.action,
      entry.resource,
      entry.documentId,
      entry.title,
      change?.field,
      change?.before,
      change?.after,
    ].map(text),
  )

/**
 * Every cell quoted, and a leading =, +, - or @ (also their full-width forms, which spreadsheets read
 * as the same) defused by csv-stringify, as the segments' member export does, so a spreadsheet never
 * runs a value as a formula.
 */
const csvLines = (rows: string[][]) =>
  stringify(rows, { delimiter: ';', escape_formulas: true, quoted: true, quoted_empty: true, record_delimiter: '\r\n' })

/**
 * GET /api/audit-log/csv?where[...]: the log as the admin list filters it, oldest first, as CSV
 * with semicolons and a byte-order mark, which German Excel opens as it is. Admins only.
 */
export const auditCsvEndpoint: Endpoint = {
  handler: async (req) => {
    if (!hasRole(req, 'admin'))
      return Response.json({ errors: [{ code: 'FORBIDDEN', message: 'Admins only' }] }, { status: 403 })
    const where = (req.query?.where ?? {}) as Where
    const rows: string[][] = []
    for (let page = 1; ; page++) {
      const result = await req.payload.find({
        collection: AUDIT_LOG as never,
        depth: 0,
        limit: PAGE,
        overrideAccess: false,
        page,
        req,
        // Ids grow with every insert: their order is the order things happened, ties of one millisecond included.
        sort: 'id',
        where,
      })
      for (const entry of result.docs as unknown as Entry[]) rows.push(...rowsOf(entry))
      if (!result.hasNextPage) break
    }
    return new Response(`\uFEFF${HEADER.join(';')}\r\n${csvLines(rows)}`, {
      headers: {
        'content-disposition': `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
        'content-type': 'text/csv; charset=utf-8',
      },
    })
  },
  method: 'get',
  path: '/csv',
}

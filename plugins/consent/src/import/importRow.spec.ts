import { describe, expect, it } from 'vitest'

import { windows1252 } from '../../../../tests/helpers/importFixtures'
import { recogniseSource, resolveColumns } from './columns'
import { detectDelimiter, detectEncoding, ImportFileError, openTable } from './fileTable'
import { type ImportRow, parseImportTime, readImportRow } from './importRow'
import { ledgerAdditions } from './planRows'

describe('reading export files', () => {
  it('reads the time formats of the exports, and refuses what is no time', () => {
    expect(parseImportTime('2024-03-01 09:12:03')).toEqual(new Date('2024-03-01T09:12:03Z'))
    expect(parseImportTime('2024-03-01T09:12:03+01:00')).toEqual(new Date('2024-03-01T08:12:03Z'))
    expect(parseImportTime('2024-03-05 10:00:00 +0100')).toEqual(new Date('2024-03-05T09:00:00Z'))
    // German times are Berlin local time: CET in winter, CEST in summer.
    expect(parseImportTime('01.02.2024 10:05')).toEqual(new Date('2024-02-01T09:05:00Z'))
    expect(parseImportTime('01.07.2024 10:05:30')).toEqual(new Date('2024-07-01T08:05:30Z'))
    expect(parseImportTime('31.03.2024 03:30')).toEqual(new Date('2024-03-31T01:30:00Z'))
    expect(parseImportTime('1706781900')).toEqual(new Date('2024-02-01T10:05:00Z'))
    expect(parseImportTime('0')).toBeNull()
    expect(parseImportTime('')).toBeNull()
    expect(parseImportTime('31.02.2024')).toBeUndefined()
    expect(parseImportTime('gestern')).toBeUndefined()
  })

  it('tells UTF-8 from Windows-1252 and finds the delimiter outside quotes', async () => {
    expect(detectEncoding(Buffer.from('Vorname;Müller\n', 'utf8'))).toBe('utf-8')
    expect(detectEncoding(windows1252('Vorname;Müller „Kontor“\n'))).toBe('windows-1252')
    expect(detectDelimiter('"Nachname, Vorname";E-Mail;Ort')).toBe(';')
    expect(detectDelimiter('email,first,last')).toBe(',')
    const table = await openTable(windows1252('E-Mail;Vorname\r\njürgen@example.de;Jürgen „Jo“\r\n'))
    const rows = []
    for await (const row of table.rows()) rows.push(row)
    expect(rows).toEqual([{ cells: ['jürgen@example.de', 'Jürgen „Jo“'], line: 2 }])
  })

  it('recognises the tools by their own columns only', () => {
    expect(recogniseSource(['Email Address', 'OPTIN_TIME', 'CONFIRM_TIME'])).toBe('mailchimp')
    expect(recogniseSource(['email', 'activated', 'registered', 'deactivated'])).toBe('cleverreach')
    expect(recogniseSource(['EMAIL', 'ADDED_TIME'])).toBe('brevo')
    expect(recogniseSource(['email', 'vorname'])).toBe('other')
  })

  it('refuses a file with a duplicate column name', async () => {
    await expect(openTable(Buffer.from('email;Email\na@example.de;b\n'))).rejects.toEqual(
      new ImportFileError('header_duplicate', { column: 'Email' }),
    )
  })
})

const now = new Date('2026-12-06T12:00:00Z')
const read = (header: string[], cells: string[], mapping: Record<string, string> = {}) => {
  const { columns, sourceSystem } = resolveColumns(header, mapping)
  return readImportRow(cells, 2, columns, { now, requireDoubleOptIn: true, sourceSystem })
}
const rowOf = (result: ReturnType<typeof read>): ImportRow => {
  if (!result.ok) throw new Error(`row rejected: ${result.code}`)
  return result.row
}
const MAILCHIMP_UNSUBSCRIBED = ['Email Address', 'OPTIN_TIME', 'CONFIRM_TIME', 'UNSUB_TIME']
const PROOF = ['2020-01-01 10:00:00', '2020-01-01 10:05:00']

describe('the consent a row carries over', () => {
  it('carries a withdrawal written with an offset after a space, so the old proof grants nothing', () => {
    const row = rowOf(read(MAILCHIMP_UNSUBSCRIBED, ['a@example.de', ...PROOF, '2024-03-05 10:00:00 +0100']))
    expect(row).toMatchObject({ noProof: 'unsubscribed_in_source', proof: null })
    expect(row.unsubscribedAt).toEqual(new Date('2024-03-05T09:00:00Z'))
  })

  it('grants nothing when the unsubscribe cell says something the import cannot read', () => {
    const row = rowOf(read(MAILCHIMP_UNSUBSCRIBED, ['a@example.de', ...PROOF, 'seit März']))
    expect(row).toMatchObject({ noProof: 'proof_date_invalid', proof: null, unsubscribedAt: null })
    expect(ledgerAdditions(row, [], ['1'])).toEqual({ confirm: [], withdraw: [] })
  })

  it('reads a yes-flag mapped to unsubscribedAt as a withdrawal at import time, a no-flag as none', () => {
    const header = ['E-Mail', 'opted_in_at', 'confirmed_at', 'abgemeldet']
    const mapping = { abgemeldet: 'unsubscribedAt' }
    const gone = rowOf(read(header, ['b@example.de', ...PROOF, 'ja'], mapping))
    expect(gone).toMatchObject({ noProof: 'unsubscribed_in_source', proof: null, unsubscribedAt: now })
    expect(ledgerAdditions(gone, [], ['1']).confirm).toEqual([])
    const staying = rowOf(read(header, ['c@example.de', ...PROOF, 'nein'], mapping))
    expect(staying).toMatchObject({ noProof: null, unsubscribedAt: null })
    expect(staying.proof?.method).toBe('double-opt-in')
  })

  it("reads Brevo's blocklist column: a blocklisted contact is unsubscribed, whatever its double opt-in", () => {
    const header = ['EMAIL', 'DOUBLE_OPT-IN', 'ADDED_TIME', 'EMAIL_BLACKLISTED']
    const blocked = rowOf(read(header, ['d@example.de', 'Yes', '2024-06-01 08:00:00', 'true']))
    expect(blocked).toMatchObject({ noProof: 'unsubscribed_in_source', proof: null, unsubscribedAt: now })
    const open = rowOf(read(header, ['e@example.de', 'Yes', '2024-06-01 08:00:00', 'false']))
    expect(open.proof?.confirmedAt).toEqual(new Date('2024-06-01T08:00:00Z'))
    expect(recogniseSource(['EMAIL', 'BLACKLISTED'])).toBe('other')
  })

  it('does not let an older proof undo an unsubscribe-from-all recorded here', () => {
    const row = rowOf(read(['Email Address', 'OPTIN_TIME', 'CONFIRM_TIME'], ['f@example.de', ...PROOF]))
    const ledger = [
      {
        action: 'confirmed' as const,
        channel: 'email',
        occurredAt: '2019-05-01T00:00:00Z',
        purpose: 'marketing' as const,
        topic: '1',
      },
      {
        action: 'withdrawn' as const,
        channel: 'email',
        occurredAt: '2024-05-01T00:00:00Z',
        purpose: 'marketing' as const,
        topic: null,
      },
    ]
    expect(ledgerAdditions(row, ledger, ['1', '2'])).toEqual({ confirm: [], withdraw: [] })
  })

  it("refuses a member of Mailchimp's cleaned file (hard-bounced there)", () => {
    const header = ['Email Address', 'OPTIN_TIME', 'CONFIRM_TIME', 'CLEAN_TIME', 'CLEAN_CAMPAIGN_TITLE']
    expect(read(header, ['g@example.de', ...PROOF, '2023-02-02 08:00:00', 'Newsletter 02/23'])).toEqual({
      code: 'cleaned_in_source',
      line: 2,
      ok: false,
    })
    expect(read(header, ['h@example.de', ...PROOF, '', '']).ok).toBe(true)
  })

  it('needs the confirmation after the opt-in: the same second is no double opt-in', () => {
    const header = ['Email Address', 'OPTIN_TIME', 'CONFIRM_TIME']
    const same = rowOf(read(header, ['i@example.de', '2020-01-01 10:00:00', '2020-01-01 10:00:00']))
    expect(same).toMatchObject({ noProof: 'confirmation_before_opt_in', proof: null })
    expect(rowOf(read(header, ['j@example.de', '2020-01-01 10:00:00', '2020-01-01 10:00:01'])).proof).not.toBeNull()
  })

  it('reads CleverReach times as Berlin time and keeps the text as exported in the proof', () => {
    const header = ['email', 'activated', 'registered', 'deactivated']
    const row = rowOf(read(header, ['k@example.de', '01.07.2024 10:05', '01.07.2024 10:00', '0']))
    expect(row.proof).toMatchObject({
      confirmedAt: new Date('2024-07-01T08:05:00Z'),
      optedInAt: new Date('2024-07-01T08:00:00Z'),
      original: { confirmedAt: '01.07.2024 10:05', optedInAt: '01.07.2024 10:00', unsubscribedAt: '0' },
    })
  })
})

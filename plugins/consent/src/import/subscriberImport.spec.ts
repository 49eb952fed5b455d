import type { Payload } from 'payload'

import fs from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AUDIT_LOG, exportPersonalData } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import {
  brevoXlsx,
  cleverReachGermanExcel,
  csv,
  mailchimpCsv,
  windows1252,
} from '../../../../tests/helpers/importFixtures'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { type SmtpSink, startSmtpSinkForApp } from '../../../../tests/helpers/smtp'
import { runQueuedImport } from '../../../../tests/helpers/subscriberImports'
import { canContactSubscriber } from '../utilities/contactProfile'
import { confirmSubscription, subscribe, withdrawAll } from '../utilities/flows'
import { consentOptions } from '../utilities/options'
import { SUBSCRIBER_IMPORT_QUEUE, SUBSCRIBER_IMPORTS } from './importRecords'
import { startImport } from './runImportEndpoint'
import { runImportSlice } from './subscriberImportTask'

type ImportDoc = {
  createdAt: string
  createdBy?: null | number | string
  detected?: unknown
  dryRun: {
    counts: Record<string, number>
    rows: { code?: string; email?: string; line: number; noProof?: string; outcome: string }[]
  }
  filename: string
  id: number | string
  result: ImportDoc['dryRun']
  rowsDone: number
  sourceSystem: string
  status: string
}

describe.each(testedDatabases())('subscriber import with consent proof on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let smtp: SmtpSink
  let admin: Awaited<ReturnType<typeof createStaff>>
  let editor: Awaited<ReturnType<typeof createStaff>>
  let newsletter: string
  let newsletterId: number | string
  let webinars: string

  beforeAll(async () => {
    smtp = await startSmtpSinkForApp()
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    admin = await createStaff(payload, 'admin')
    editor = await createStaff(payload, 'editor')
    newsletterId = (
      await payload.create({ collection: 'topics', data: { name: 'Newsletter', slug: 'newsletter' } as never })
    ).id
    newsletter = String(newsletterId)
    webinars = String(
      (await payload.create({ collection: 'topics', data: { name: 'Webinare', slug: 'webinare' } as never })).id,
    )
  }, 120_000)
  afterAll(async () => {
    await local?.close()
    await smtp?.close()
  })

  const upload = async (name: string, data: Buffer, settings: Record<string, unknown> = {}) =>
    (await payload.create({
      collection: SUBSCRIBER_IMPORTS as never,
      data: { topics: [newsletterId], ...settings } as never,
      file: {
        data,
        mimetype: name.endsWith('.xlsx') ? 'application/octet-stream' : 'text/csv',
        name,
        size: data.length,
      },
      overrideAccess: false,
      user: admin,
    })) as unknown as ImportDoc

  const reload = async (id: number | string) =>
    (await payload.findByID({ id, collection: SUBSCRIBER_IMPORTS as never, depth: 0 })) as unknown as ImportDoc

  /** What the admin's "Import ausführen" does, and the worker running the queued slices. */
  const runToEnd = async (id: number | string) => {
    expect(await startImport(payload, id)).toBe('started')
    expect(await startImport(payload, id)).toBe('queued')
    return runQueuedImport<ImportDoc>(payload, id)
  }

  const subscriberBy = async (email: string) =>
    (await payload.find({ collection: 'subscribers', depth: 0, where: { email: { equals: email } } })).docs[0] as
      undefined | { email: string; externalId?: string; firstName?: string; id: number | string; lastName?: string }

  const ledgerOf = async (subscriber: number | string) =>
    (
      await payload.find({
        collection: 'consent-records',
        depth: 0,
        limit: 0,
        pagination: false,
        sort: 'occurredAt',
        where: { subscriber: { equals: subscriber } },
      })
    ).docs

  const gate = (subscriber: number | string, topic: string) =>
    canContactSubscriber(payload, subscriber, { at: new Date(), channel: 'email', topic })

  const outcomeOf = (doc: ImportDoc['dryRun'], email: string) => doc.rows.find((row) => row.email === email)

  it('reads a Mailchimp export: a dry run first that writes nothing, then the run carries the proof over', async () => {
    const file = mailchimpCsv([
      {
        confirm: '2024-03-01 09:15:44',
        confirmIp: '198.51.100.7',
        email: 'anna.berger@example.de',
        first: 'Anna',
        last: 'Berger',
        optin: '2024-03-01 09:12:03',
        optinIp: '198.51.100.7',
      },
      // Added by the account owner: a confirmation time, but no opt-in of the person's own.
      { confirm: '2024-04-02 11:00:00', email: 'ben.kraus@example.de', first: 'Ben' },
      { confirm: '2024-03-05 08:00:00', email: 'ANNA.Berger@Example.DE', optin: '2024-03-05 07:59:00' },
      { email: 'kein-gueltiger-eintrag' },
      { email: '', first: 'Niemand' },
    ])
    const checked = await upload('mailchimp_subscribed.csv', file)
    expect(checked.status).toBe('checked')
    expect(checked.sourceSystem).toBe('mailchimp')
    expect(checked.dryRun.counts).toMatchObject({ new: 2, rejected: 3, total: 5, withoutProof: 1, withProof: 1 })
    expect(checked.dryRun.rows).toEqual([
      { email: 'anna.berger@example.de', line: 2, outcome: 'new' },
      { email: 'ben.kraus@example.de', line: 3, noProof: 'no_opt_in_time', outcome: 'new' },
      { code: 'duplicate_in_file', email: 'anna.berger@example.de', line: 4, outcome: 'rejected' },
      { code: 'email_invalid', email: 'kein-gueltiger-eintrag', line: 5, outcome: 'rejected' },
      { code: 'email_missing', line: 6, outcome: 'rejected' },
    ])
    // The dry run wrote nothing.
    expect(await subscriberBy('anna.berger@example.de')).toBeUndefined()

    const done = await runToEnd(checked.id)
    expect(done.result.counts).toEqual(checked.dryRun.counts)
    expect(done.result.rows).toEqual(checked.dryRun.rows)

    const anna = (await subscriberBy('anna.berger@example.de'))!
    expect(anna).toMatchObject({ firstName: 'Anna', lastName: 'Berger' })
    const ledger = await ledgerOf(anna.id)
    expect(ledger.map((record) => [record.action, record.source, record.occurredAt, String(record.topic)])).toEqual([
      ['requested', 'import', '2024-03-01T09:12:03.000Z', newsletter],
      ['confirmed', 'import', '2024-03-01T09:15:44.000Z', newsletter],
    ])
    expect(ledger[1]!.proof).toMatchObject({
      importId: String(checked.id),
      kind: 'imported',
      method: 'double-opt-in',
      original: { confirmedAt: '2024-03-01 09:15:44', optedInAt: '2024-03-01 09:12:03' },
      sourceSystem: 'mailchimp',
    })
    // The address is in the ledger as the plugin stores addresses (hashed), not copied raw into the proof.
    expect(ledger[1]!.ipAddress).toMatch(/^sha256:/)
    expect(JSON.stringify(ledger[1]!.proof)).not.toContain('198.51.100.7')
    expect(ledger[0]!.requestId).toBe(ledger[1]!.requestId)
    expect(await gate(anna.id, newsletter)).toEqual({ allowed: true, reason: 'ok' })
    expect((await gate(anna.id, webinars)).reason).toBe('no_consent')

    const ben = (await subscriberBy('ben.kraus@example.de'))!
    expect(await ledgerOf(ben.id)).toEqual([])
    expect((await gate(ben.id, newsletter)).reason).toBe('no_consent')
  })

  it('answers canContact for an imported double opt-in exactly as for one signed up here', async () => {
    await subscribe(payload, { email: 'doi.hier@example.de', topics: ['newsletter'] }, { ip: '203.0.113.5' })
    const mail = await waitForMail('doi.hier@example.de')
    const token = new URL(/https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(mail)![0]).searchParams.get('token')!
    expect((await confirmSubscription(payload, token, { ip: '203.0.113.5' })).status).toBe('confirmed')
    const signedUp = (await subscriberBy('doi.hier@example.de'))!

    const now = Date.now()
    const iso = (msAgo: number) => new Date(now - msAgo).toISOString().replace('T', ' ').slice(0, 19)
    const done = await runToEnd(
      (
        await upload(
          'mailchimp_side_by_side.csv',
          mailchimpCsv([{ confirm: iso(60_000), email: 'doi.import@example.de', optin: iso(120_000) }]),
        )
      ).id,
    )
    expect(done.result.counts.withProof).toBe(1)
    const imported = (await subscriberBy('doi.import@example.de'))!

    const both = async (topic: string) => [await gate(signedUp.id, topic), await gate(imported.id, topic)]
    const [signedUpNews, importedNews] = await both(newsletter)
    expect(importedNews).toEqual(signedUpNews)
    expect(importedNews).toEqual({ allowed: true, reason: 'ok' })
    const [signedUpWebinars, importedWebinars] = await both(webinars)
    expect(importedWebinars).toEqual(signedUpWebinars)
    expect(importedWebinars.reason).toBe('no_consent')

    // The same unsubscribe ends both the same way.
    for (const id of [signedUp.id, imported.id]) await withdrawAll(payload, id, { source: 'one_click' })
    const [signedUpAfter, importedAfter] = await both(newsletter)
    expect(importedAfter).toEqual(signedUpAfter)
    expect(importedAfter.reason).toBe('withdrawn')
  })

  const waitForMail = async (to: string) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const found = smtp.messages.find((message) => JSON.stringify(message.to).includes(to))
      if (found) return found.text ?? ''
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`no mail to ${to}`)
  }

  it('reads a CleverReach export saved by German Excel (semicolon, Windows-1252) with umlauts, withdrawals and unconfirmed rows', async () => {
    const file = cleverReachGermanExcel([
      ['jürgen.müller@example.de', '01.02.2024 10:05', '01.02.2024 10:00', '0', 'Anmeldeformular', 'Jürgen', 'Müller'],
      ['bjoern@example.de', '1706781900', '1706781600', '0', 'Anmeldeformular', 'Björn', 'Weiß'],
      ['offen@example.de', '0', '03.02.2024 09:00', '0', 'Anmeldeformular', 'Grete', 'Schäfer'],
      ['weg@example.de', '01.01.2024 10:05', '01.01.2024 10:00', '15.03.2024 12:00', 'Messe „Kontor“', 'Max', 'Weg'],
    ])
    const checked = await upload('cleverreach_export.csv', file)
    expect(checked.sourceSystem).toBe('cleverreach')
    expect(checked.dryRun.counts).toMatchObject({ new: 4, rejected: 0, withoutProof: 2, withProof: 2 })
    expect(outcomeOf(checked.dryRun, 'offen@example.de')?.noProof).toBe('no_confirmation_time')
    expect(outcomeOf(checked.dryRun, 'weg@example.de')?.noProof).toBe('unsubscribed_in_source')
    await runToEnd(checked.id)

    const juergen = (await subscriberBy('jürgen.müller@example.de'))!
    expect(juergen).toMatchObject({ firstName: 'Jürgen', lastName: 'Müller' })
    expect((await subscriberBy('bjoern@example.de'))!).toMatchObject({ firstName: 'Björn', lastName: 'Weiß' })
    // German Excel's times are Berlin time (CET in February).
    expect((await ledgerOf(juergen.id)).map((record) => record.occurredAt)).toEqual([
      '2024-02-01T09:00:00.000Z',
      '2024-02-01T09:05:00.000Z',
    ])
    expect(await gate(juergen.id, newsletter)).toEqual({ allowed: true, reason: 'ok' })
    expect((await gate((await subscriberBy('offen@example.de'))!.id, newsletter)).reason).toBe('no_consent')
    // Unsubscribed before the move: the withdrawal comes along, at its original time.
    const gone = (await subscriberBy('weg@example.de'))!
    expect((await ledgerOf(gone.id)).map((record) => [record.action, record.occurredAt])).toEqual([
      ['withdrawn', '2024-03-15T11:00:00.000Z'],
    ])
    expect((await gate(gone.id, newsletter)).reason).toBe('withdrawn')
  })

  it('reads a Brevo XLSX export, matches by external id first, and a second identical run changes nothing', async () => {
    const crm = await payload.create({
      collection: 'subscribers',
      data: { email: 'alt.adresse@example.de', externalId: 'CRM-7', firstName: 'Clara' } as never,
    })
    const rows = [
      ['clara.neu@example.de', 'Clara', 'Vogel', '', 'CRM-7', 'Yes', new Date('2024-06-01T08:00:00Z'), ''],
      ['ohne.doi@example.de', 'Dora', 'Ohne', '', 'CRM-8', 'No', new Date('2024-06-02T08:00:00Z'), ''],
      ['andere@example.de', 'Emil', 'Doppelt', '', 'CRM-8', 'Yes', new Date('2024-06-03T08:00:00Z'), ''],
    ]
    const checked = await upload('brevo_contacts.xlsx', await brevoXlsx(rows))
    expect(checked.sourceSystem).toBe('brevo')
    expect(checked.dryRun.rows).toEqual([
      { email: 'clara.neu@example.de', line: 2, outcome: 'updated' },
      { email: 'ohne.doi@example.de', line: 3, noProof: 'not_double_opt_in', outcome: 'new' },
      { code: 'duplicate_in_file', email: 'andere@example.de', line: 4, outcome: 'rejected' },
    ])
    await runToEnd(checked.id)
    const clara = await payload.findByID({ id: crm.id, collection: 'subscribers', depth: 0 })
    expect(clara).toMatchObject({ email: 'clara.neu@example.de', externalId: 'CRM-7', lastName: 'Vogel' })
    expect(await gate(crm.id, newsletter)).toEqual({ allowed: true, reason: 'ok' })

    const again = await upload('brevo_contacts_again.xlsx', await brevoXlsx(rows))
    expect(again.dryRun.counts).toMatchObject({ new: 0, rejected: 1, unchanged: 2, updated: 0 })
    const done = await runToEnd(again.id)
    expect((await ledgerOf(crm.id)).length).toBe(1)
    expect(done.result.counts.unchanged).toBe(2)
  })

  it('refuses a CRM row that moves a consenting subscriber to a new address without a proof of its own', async () => {
    const crmList = (...rows: string[][]) =>
      Buffer.from(csv([['email', 'external_id', 'opted_in_at', 'confirmed_at'], ...rows], ';'))
    const webinarsId = (await payload.findByID({ id: webinars, collection: 'topics', depth: 0 })).id
    const first = await upload(
      'crm_1.csv',
      crmList(['alt@firma.de', 'K-1001', '2025-01-01T10:00:00Z', '2025-01-01T10:05:00Z']),
      { topics: [newsletterId, webinarsId] },
    )
    await runToEnd(first.id)
    const eva = (await subscriberBy('alt@firma.de'))!
    expect(await gate(eva.id, newsletter)).toEqual({ allowed: true, reason: 'ok' })

    // Same CRM id, another address, no proof: the consent given for alt@firma.de must not reach neu@privat.de.
    const moved = await upload('crm_2.csv', crmList(['neu@privat.de', 'K-1001', '', '']))
    expect(moved.dryRun.rows).toEqual([
      {
        code: 'identity_conflict',
        email: 'neu@privat.de',
        line: 2,
        outcome: 'rejected',
      },
    ])
    await runToEnd(moved.id)
    expect((await payload.findByID({ id: eva.id, collection: 'subscribers', depth: 0 })).email).toBe('alt@firma.de')
    expect(await subscriberBy('neu@privat.de')).toBeUndefined()

    // With its own double opt-in the new address is taken, and its proof is recorded although a consent stood.
    const proven = await upload(
      'crm_3.csv',
      crmList(['neu@privat.de', 'K-1001', '2026-02-01T10:00:00Z', '2026-02-01T10:05:00Z']),
    )
    expect(proven.dryRun.rows).toEqual([{ email: 'neu@privat.de', line: 2, outcome: 'updated' }])
    await runToEnd(proven.id)
    expect((await payload.findByID({ id: eva.id, collection: 'subscribers', depth: 0 })).email).toBe('neu@privat.de')
    const ledger = await ledgerOf(eva.id)
    const ofTopic = (topic: string) =>
      ledger
        .filter((record) => String(record.topic) === topic)
        .map((record) => [record.action, record.occurredAt, (record.proof as { reason?: string }).reason])
    expect(ofTopic(newsletter)).toEqual([
      ['requested', '2025-01-01T10:00:00.000Z', undefined],
      ['confirmed', '2025-01-01T10:05:00.000Z', undefined],
      ['requested', '2026-02-01T10:00:00.000Z', undefined],
      ['confirmed', '2026-02-01T10:05:00.000Z', undefined],
    ])
    // The webinars consent was given for alt@firma.de, and this proof does not cover it: it ends with the move.
    expect(ofTopic(webinars)).toEqual([
      ['requested', '2025-01-01T10:00:00.000Z', undefined],
      ['confirmed', '2025-01-01T10:05:00.000Z', undefined],
      ['withdrawn', new Date(proven.createdAt).toISOString(), 'address_changed'],
    ])
    expect(await gate(eva.id, newsletter)).toEqual({ allowed: true, reason: 'ok' })
    expect((await gate(eva.id, webinars)).reason).toBe('withdrawn')
  })

  it('names the uploader, audits the upload without its row lists, deletes the file once done, and covers the rows in the export and erasure', async () => {
    const file = mailchimpCsv([
      {
        confirm: '2024-01-01 10:05:00',
        email: 'loesch.mich@example.de',
        optin: '2024-01-01 10:00:00',
        optinIp: '203.0.113.9',
      },
      { confirm: '2024-01-01 11:05:00', email: 'bleib@example.de', optin: '2024-01-01 11:00:00' },
    ])
    // createdBy is the server's to set: a value sent along is ignored.
    const checked = await upload('mailchimp_dsgvo.csv', file, { createdBy: editor.id })
    expect((await reload(checked.id)).createdBy).toBe(admin.id)
    const uploaded = `${consentOptions(payload).importDir}/${checked.filename}`
    await expect(fs.stat(uploaded)).resolves.toBeTruthy()
    const [audited] = (
      await payload.find({
        collection: AUDIT_LOG as never,
        depth: 0,
        where: { documentId: { equals: String(checked.id) }, resource: { equals: SUBSCRIBER_IMPORTS } } as never,
      })
    ).docs as unknown as { action: string; changes: { field: string }[]; userEmail: string }[]
    expect(audited).toMatchObject({ action: 'create', userEmail: admin.email })
    const fields = audited!.changes.map((change) => change.field)
    expect(fields).toContain('filename')
    expect(fields.filter((field) => /^(dryRun|result|detected)/.test(field))).toEqual([])

    const done = await runToEnd(checked.id)
    // The file (raw IPs, every column of the old tool) is gone; the record keeps its counts and lists.
    await expect(fs.stat(uploaded)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(done.result.counts).toMatchObject({ new: 2, withProof: 2 })

    const person = (await subscriberBy('loesch.mich@example.de'))!
    const exported = await exportPersonalData(payload, person as never)
    expect(exported.subscriberImports).toEqual([
      {
        code: null,
        file: checked.filename,
        importedAt: done.createdAt,
        line: 2,
        noProof: null,
        outcome: 'new',
      },
    ])

    await payload.delete({ id: person.id, collection: 'subscribers' })
    const after = await reload(checked.id)
    for (const summary of [after.dryRun, after.result]) {
      expect(summary.rows.map((row) => row.email)).toEqual(['bleib@example.de'])
      expect(summary.counts.total).toBe(2)
    }
    // The record, its file already gone, can still be deleted.
    await payload.delete({ id: checked.id, collection: SUBSCRIBER_IMPORTS as never })
  })

  it('reads an own list through a column mapping', async () => {
    const file = Buffer.from(
      csv(
        [
          ['Mail', 'Kd-Nr', 'Angemeldet', 'Bestätigt'],
          ['kundin@example.de', 'K-1', '2024-01-01T10:00:00Z', '2024-01-01T10:03:00Z'],
        ],
        ';',
      ),
    )
    const checked = await upload('crm.csv', file, {
      mapping: { Angemeldet: 'optedInAt', Bestätigt: 'confirmedAt', 'Kd-Nr': 'externalId', Mail: 'email' },
    })
    expect(checked.sourceSystem).toBe('other')
    expect(checked.dryRun.counts).toMatchObject({ new: 1, withProof: 1 })
    await runToEnd(checked.id)
    expect((await subscriberBy('kundin@example.de'))?.externalId).toBe('K-1')
  })

  it('refuses a file with structural errors with a coded field error and stores nothing of it', async () => {
    const before = (await payload.count({ collection: 'subscribers' })).totalDocs
    const imports = (await payload.count({ collection: SUBSCRIBER_IMPORTS as never })).totalDocs
    const refused = async (name: string, data: Buffer, settings?: Record<string, unknown>) => {
      const error = await upload(name, data, settings).then(
        () => null,
        (caught: { data?: { errors?: { message: string; path: string }[] } }) => caught,
      )
      return error?.data?.errors?.[0]
    }
    expect(await refused('ohne_email.csv', Buffer.from('Vorname;Nachname\nAnna;Berger\n'))).toMatchObject({
      message: expect.stringMatching(/gefunden: Vorname, Nachname.*\(no_email_column\)/),
      path: 'file',
    })
    expect(
      await refused('bild.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0, 4])),
    ).toMatchObject({
      message: expect.stringContaining('(file_unreadable)'),
    })
    // A quote that never closes, after good rows: the good rows are not stored either.
    const broken = windows1252('E-Mail;Vorname\r\ngut@example.de;Anna\r\nauch.gut@example.de;"Jürgen\r\n')
    expect(await refused('kaputt.csv', broken)).toMatchObject({ message: expect.stringContaining('(csv_malformed)') })
    expect(
      await refused('mapping.csv', Buffer.from('Mail\nx@example.de\n'), { mapping: { Mail: 'telefon' } }),
    ).toMatchObject({
      message: expect.stringContaining('(mapping_unknown_field)'),
    })
    expect((await payload.count({ collection: 'subscribers' })).totalDocs).toBe(before)
    expect((await payload.count({ collection: SUBSCRIBER_IMPORTS as never })).totalDocs).toBe(imports)
    expect(await subscriberBy('gut@example.de')).toBeUndefined()
  })

  it('is for admins only', async () => {
    const file = Buffer.from('email\nredakteur@example.de\n')
    await expect(
      payload.create({
        collection: SUBSCRIBER_IMPORTS as never,
        data: { topics: [newsletterId] } as never,
        file: { data: file, mimetype: 'text/csv', name: 'r.csv', size: file.length },
        overrideAccess: false,
        user: editor,
      }),
    ).rejects.toThrow()
    const list = await payload
      .find({ collection: SUBSCRIBER_IMPORTS as never, overrideAccess: false, user: editor })
      .then(
        () => 'read',
        () => 'refused',
      )
    expect(list).toBe('refused')
  })

  it('resumes after a crash at the last committed chunk, without writing a row twice', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      confirm: '2024-02-01 10:05:00',
      email: `viele-${i}@example.de`,
      optin: '2024-02-01 10:00:00',
    }))
    const checked = await upload('gross.csv', mailchimpCsv(rows))
    expect(checked.dryRun.counts.new).toBe(1_200)
    expect(await startImport(payload, checked.id)).toBe('started')
    // The worker commits one chunk and dies before it hands over to the next slice.
    await runImportSlice(payload, String(checked.id), { maxChunks: 1 })
    await payload.delete({ collection: 'payload-jobs', where: { completedAt: { exists: false } } })
    const crashed = await reload(checked.id)
    expect(crashed).toMatchObject({ rowsDone: 500, status: 'running' })
    const count = async () =>
      (await payload.count({ collection: 'subscribers', where: { email: { like: 'viele-' } } })).totalDocs
    expect(await count()).toBe(500)
    // A running import is not started twice; one that stalled is resumed.
    expect(await startImport(payload, checked.id)).toBe('running')
    expect(await startImport(payload, checked.id, new Date(Date.now() + 5 * 60_000))).toBe('started')
    for (let round = 0; round < 10 && (await reload(checked.id)).status !== 'done'; round++)
      await payload.jobs.run({ limit: 10, queue: SUBSCRIBER_IMPORT_QUEUE })
    const done = await reload(checked.id)
    expect(done).toMatchObject({ rowsDone: 1_200, status: 'done' })
    expect(done.result.counts).toMatchObject({ new: 1_200, total: 1_200 })
    expect(await count()).toBe(1_200)
    const confirmations = await payload.count({
      collection: 'consent-records',
      where: { and: [{ action: { equals: 'confirmed' } }, { requestId: { like: `import:${checked.id}:` } }] },
    })
    expect(confirmations.totalDocs).toBe(1_200)
  }, 180_000)
})

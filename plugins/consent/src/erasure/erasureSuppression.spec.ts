import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { csv } from '../../../../tests/helpers/importFixtures'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { type SmtpSink, startSmtpSinkForApp } from '../../../../tests/helpers/smtp'
import { runQueuedImport } from '../../../../tests/helpers/subscriberImports'
import { SUBSCRIBER_IMPORTS } from '../import/importRecords'
import { startImport } from '../import/runImportEndpoint'
import { canContactSubscriber } from '../utilities/contactProfile'
import { confirmSubscription, subscribe } from '../utilities/flows'
import { ERASURE_SUPPRESSIONS } from './ErasureSuppressions'

type Summary = { counts: Record<string, number>; rows: { code?: string; email?: string; outcome: string }[] }
type ImportDoc = { dryRun: Summary; id: number | string; result: Summary; status: string }

/** An own CRM export: address, customer number, a double opt-in. */
const crmExport = Buffer.from(
  csv(
    [
      ['Mail', 'Kd-Nr', 'Angemeldet', 'Bestätigt'],
      ['erika.loesch@example.de', 'K-77', '2024-02-01T10:00:00Z', '2024-02-01T10:04:00Z'],
      ['bleibt@example.de', 'K-78', '2024-02-02T10:00:00Z', '2024-02-02T10:04:00Z'],
    ],
    ';',
  ),
)
const mapping = { Angemeldet: 'optedInAt', Bestätigt: 'confirmedAt', 'Kd-Nr': 'externalId', Mail: 'email' }

describe.each(testedDatabases())('erasure suppression on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let smtp: SmtpSink
  let admin: Awaited<ReturnType<typeof createStaff>>
  let editor: Awaited<ReturnType<typeof createStaff>>
  let newsletterId: number | string

  beforeAll(async () => {
    smtp = await startSmtpSinkForApp()
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    admin = await createStaff(payload, 'admin')
    editor = await createStaff(payload, 'editor')
    newsletterId = (
      await payload.create({ collection: 'topics', data: { name: 'Newsletter', slug: 'newsletter' } as never })
    ).id
  }, 120_000)
  afterAll(async () => {
    await local?.close()
    await smtp?.close()
  })

  const upload = async (data = crmExport, name = 'crm-export.csv') =>
    (await payload.create({
      collection: SUBSCRIBER_IMPORTS as never,
      data: { mapping, topics: [newsletterId] } as never,
      file: { data, mimetype: 'text/csv', name, size: data.length },
      overrideAccess: false,
      user: admin,
    })) as unknown as ImportDoc

  const runToEnd = async (id: number | string) => {
    expect(await startImport(payload, id)).toBe('started')
    return runQueuedImport<ImportDoc>(payload, id)
  }

  const subscriberBy = async (email: string) =>
    (await payload.find({ collection: 'subscribers', depth: 0, where: { email: { equals: email } } })).docs[0]

  const suppressions = async () =>
    (await payload.find({ collection: ERASURE_SUPPRESSIONS as never, depth: 0, limit: 0, pagination: false }))
      .docs as unknown as Record<string, unknown>[]

  const outcomes = (summary: Summary) => summary.rows.map(({ code, email, outcome }) => ({ code, email, outcome }))

  it('refuses an erased person in the re-import of an old export, by address and by CRM id, and stores nothing for them', async () => {
    await runToEnd((await upload()).id)
    const erika = (await subscriberBy('erika.loesch@example.de'))!
    await payload.delete({ id: erika.id, collection: 'subscribers', overrideAccess: false, user: admin })

    // One entry, keyed hashes only: nothing in it names the person.
    const entries = await suppressions()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      emailHash: expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/),
      externalIdHash: expect.stringMatching(/^hmac-sha256:[0-9a-f]{64}$/),
    })
    expect(JSON.stringify(entries)).not.toMatch(/erika|loesch|K-77/i)

    const again = await upload()
    expect(outcomes(again.dryRun)).toEqual([
      { code: 'erased', email: 'erika.loesch@example.de', outcome: 'rejected' },
      { code: undefined, email: 'bleibt@example.de', outcome: 'unchanged' },
    ])
    const done = await runToEnd(again.id)
    expect(outcomes(done.result)).toEqual(outcomes(again.dryRun))
    expect(await subscriberBy('erika.loesch@example.de')).toBeUndefined()

    // The same CRM id under another address is the same person.
    const moved = Buffer.from(
      csv(
        [
          ['Mail', 'Kd-Nr', 'Angemeldet', 'Bestätigt'],
          ['erika.neu@example.de', 'K-77', '2024-02-01T10:00:00Z', '2024-02-01T10:04:00Z'],
        ],
        ';',
      ),
    )
    const byId = await upload(moved, 'crm-neu.csv')
    expect(outcomes(byId.dryRun)).toEqual([{ code: 'erased', email: 'erika.neu@example.de', outcome: 'rejected' }])
  })

  it('refuses creating or re-pointing a subscriber to an erased address with a coded field error', async () => {
    const refused = { data: { errors: [expect.objectContaining({ message: expect.stringContaining('(erased)') })] } }
    await expect(
      payload.create({
        collection: 'subscribers',
        data: { email: 'Erika.Loesch@Example.de' } as never,
        overrideAccess: false,
        user: admin,
      }),
    ).rejects.toMatchObject(refused)
    await expect(
      payload.create({
        collection: 'subscribers',
        data: { email: 'jemand@example.de', externalId: 'K-77' } as never,
        overrideAccess: false,
        user: admin,
      }),
    ).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'externalId' })] } })
    expect(await subscriberBy('jemand@example.de')).toBeUndefined()
    const other = (await subscriberBy('bleibt@example.de'))!
    await expect(
      payload.update({
        id: other.id,
        collection: 'subscribers',
        data: { email: 'erika.loesch@example.de' } as never,
        overrideAccess: false,
        user: admin,
      }),
    ).rejects.toMatchObject(refused)
    expect((await subscriberBy('bleibt@example.de'))?.id).toBe(other.id)
  })

  it('is readable by admins only and changed by nobody', async () => {
    const [entry] = await suppressions()
    await expect(
      payload.find({ collection: ERASURE_SUPPRESSIONS as never, overrideAccess: false, user: editor }),
    ).rejects.toMatchObject({ status: 403 })
    expect(
      (await payload.find({ collection: ERASURE_SUPPRESSIONS as never, overrideAccess: false, user: admin })).docs,
    ).toHaveLength(1)
    await expect(
      payload.delete({
        id: entry!.id as string,
        collection: ERASURE_SUPPRESSIONS as never,
        overrideAccess: false,
        user: admin,
      }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      payload.update({
        id: entry!.id as string,
        collection: ERASURE_SUPPRESSIONS as never,
        data: { emailHash: 'x' } as never,
        overrideAccess: false,
        user: admin,
      }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      payload.create({
        collection: ERASURE_SUPPRESSIONS as never,
        data: { emailHash: 'x' } as never,
        overrideAccess: false,
        user: admin,
      }),
    ).rejects.toMatchObject({ status: 403 })
    expect(await suppressions()).toHaveLength(1)
  })

  it('lets the person come back through their own double opt-in, which lifts the suppression once confirmed', async () => {
    await subscribe(payload, { email: 'erika.loesch@example.de', topics: ['newsletter'] }, { ip: '203.0.113.5' })
    // Signed up, not yet confirmed: still suppressed for imports and integrations.
    expect(await suppressions()).toHaveLength(1)
    const mail = await smtp.waitFor((message) => JSON.stringify(message.to).includes('erika.loesch@example.de'))
    const link = /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(mail.text ?? '')![0]
    const token = new URL(link).searchParams.get('token')!
    expect((await confirmSubscription(payload, token, { ip: '203.0.113.5' })).status).toBe('confirmed')
    expect(await suppressions()).toEqual([])

    const erika = (await subscriberBy('erika.loesch@example.de'))!
    const gate = await canContactSubscriber(payload, erika.id, {
      at: new Date(),
      channel: 'email',
      topic: String(newsletterId),
    })
    expect(gate).toEqual({ allowed: true, reason: 'ok' })
    // The CRM may sync her again: the old export's row is no longer refused.
    const dry = await upload()
    expect(dry.dryRun.rows.find((row) => row.email === 'erika.loesch@example.de')?.outcome).toBe('updated')
  })
})

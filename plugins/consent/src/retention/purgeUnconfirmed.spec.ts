import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { type SmtpSink, startSmtpSinkForApp } from '../../../../tests/helpers/smtp'
import { CONSENT_RECORDS } from '../collections/ConsentRecords'
import { ERASURE_SUPPRESSIONS } from '../erasure/ErasureSuppressions'
import { confirmSubscription, subscribe } from '../utilities/flows'
import { consentOptions } from '../utilities/options'
import { recordConsent } from '../utilities/recordConsent'
import { purgeUnconfirmed } from './purgeUnconfirmed'
import { PURGE_UNCONFIRMED_TASK } from './purgeUnconfirmedTask'

const DAY = 24 * 3600_000
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY)

describe.each(testedDatabases())('purge of unconfirmed sign-ups on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let smtp: SmtpSink

  beforeAll(async () => {
    smtp = await startSmtpSinkForApp()
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    await payload.create({ collection: 'topics', data: { name: 'Newsletter', slug: 'newsletter' } as never })
  }, 120_000)
  afterAll(async () => {
    await local?.close()
    await smtp?.close()
  })

  const signUp = (email: string) =>
    subscribe(payload, { email, firstName: 'Test', topics: ['newsletter'] }, { ip: '203.0.113.9', source: 'form' })
  const subscriberBy = async (email: string) =>
    (await payload.find({ collection: 'subscribers', depth: 0, where: { email: { equals: email } } })).docs[0]
  const confirm = async (email: string) => {
    const mail = await smtp.waitFor((message) => JSON.stringify(message.to).includes(`"${email}"`))
    const link = /https?:\/\/\S+\/subscribe\/confirm\?token=\S+/.exec(mail.text ?? '')![0]
    expect((await confirmSubscription(payload, new URL(link).searchParams.get('token')!, {})).status).toBe('confirmed')
  }

  it('deletes a profile its unconfirmed sign-up created once the retention has passed, and only then', async () => {
    await signUp('nie.bestaetigt@example.de')
    const id = (await subscriberBy('nie.bestaetigt@example.de'))!.id

    expect(await purgeUnconfirmed(payload, { now: daysFromNow(29), retentionDays: 30 })).toMatchObject({ purged: 0 })
    expect(await subscriberBy('nie.bestaetigt@example.de')).toBeDefined()

    expect(await purgeUnconfirmed(payload, { now: daysFromNow(31), retentionDays: 30 })).toMatchObject({ purged: 1 })
    expect(await subscriberBy('nie.bestaetigt@example.de')).toBeUndefined()
    // The ledger keeps only the anonymous note that, and why, records went; the address is on no suppression list.
    const { docs: left } = await payload.find({
      collection: CONSENT_RECORDS as 'consent-records',
      depth: 0,
      pagination: false,
      where: { subscriber: { equals: id } },
    })
    expect(left).toEqual([])
    const { docs: notes } = await payload.find({
      collection: CONSENT_RECORDS as 'consent-records',
      depth: 0,
      pagination: false,
      where: { action: { equals: 'erased' } },
    })
    expect(notes.map((note) => note.proof)).toContainEqual({ reason: 'unconfirmed_signup_expired', recordsRemoved: 1 })
    const { totalDocs: suppressed } = await payload.count({ collection: ERASURE_SUPPRESSIONS as never })
    expect(suppressed).toBe(0)

    // The person may sign up again later, and confirm.
    await signUp('nie.bestaetigt@example.de')
    expect(await subscriberBy('nie.bestaetigt@example.de')).toBeDefined()
  })

  it('keeps whoever confirmed, whom others knew before or added to (events, a CRM id, attributes), and restarts the clock when asked again; a bounce alone keeps nobody', async () => {
    await signUp('hat.bestaetigt@example.de')
    await confirm('hat.bestaetigt@example.de')

    // A profile the shop created before the same person used the form without confirming.
    const known = await payload.create({
      collection: 'subscribers',
      data: { email: 'kundin@example.de', firstName: 'Kundin' } as never,
    })
    await signUp('kundin@example.de')

    await signUp('kaeufer@example.de')
    const buyer = (await subscriberBy('kaeufer@example.de'))!
    await payload.create({
      collection: 'events',
      data: {
        eventId: 'order-1001',
        occurredAt: new Date().toISOString(),
        properties: { product: 'lohn-modul' },
        subscriber: buyer.id,
        type: 'purchase',
      } as never,
    })

    await signUp('crm@example.de')
    const crm = (await subscriberBy('crm@example.de'))!
    await payload.update({ id: crm.id, collection: 'subscribers', data: { externalId: 'K-4711' } as never })

    // A shop sync (no CRM id) added what it knows; a mistyped address only bounced the confirmation mail.
    await signUp('shop-sync@example.de')
    await payload.update({
      collection: 'subscribers',
      data: { attributes: { kundennummer: 'S-17' } } as never,
      where: { email: { equals: 'shop-sync@example.de' } },
    })
    await signUp('tippfehler@example.de')
    await payload.create({
      collection: 'events',
      data: {
        eventId: 'bounce-1',
        occurredAt: new Date().toISOString(),
        properties: { kind: 'hard' },
        subscriber: (await subscriberBy('tippfehler@example.de'))!.id,
        type: 'bounce',
      } as never,
    })

    await signUp('nochmal@example.de')
    const again = (await subscriberBy('nochmal@example.de'))!
    // Asked again 20 days later (the form answers alike; the ledger gets a new request).
    await recordConsent(
      payload,
      {
        action: 'requested',
        channel: 'email',
        occurredAt: daysFromNow(20),
        purpose: 'marketing',
        source: 'form',
        subscriber: again.id,
      },
      consentOptions(payload),
    )

    await purgeUnconfirmed(payload, { now: daysFromNow(31), retentionDays: 30 })
    for (const email of [
      'hat.bestaetigt@example.de',
      'kundin@example.de',
      'kaeufer@example.de',
      'crm@example.de',
      'shop-sync@example.de',
    ])
      expect(await subscriberBy(email), email).toBeDefined()
    expect(await subscriberBy('tippfehler@example.de')).toBeUndefined()
    expect(String((await subscriberBy('kundin@example.de'))!.id)).toBe(String(known.id))
    expect(await subscriberBy('nochmal@example.de')).toBeDefined()

    await purgeUnconfirmed(payload, { now: daysFromNow(51), retentionDays: 30 })
    expect(await subscriberBy('nochmal@example.de')).toBeUndefined()
    expect(await subscriberBy('kaeufer@example.de')).toBeDefined()
  })

  it('runs nightly as a Payload job', () => {
    const task = payload.config.jobs.tasks?.find((candidate) => candidate.slug === PURGE_UNCONFIRMED_TASK)
    expect(task?.schedule?.[0]?.cron).toBe('0 15 4 * * *')
  })
})

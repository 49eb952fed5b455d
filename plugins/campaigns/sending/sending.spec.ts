import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemoData } from '../../../src/seed'
import { createAudience } from '../../../tests/helpers/audience'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { type SmtpSink, startSmtpSink } from '../../../tests/helpers/smtp'
import { runCampaignJobs, scheduleCampaign, staffRequest } from '../testing/runCampaign'

describe('sending a campaign (Local API, SQLite, real SMTP server)', () => {
  let local: LocalPayload
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest
  let newsletter: number | string

  beforeAll(async () => {
    sink = await startSmtpSink()
    process.env.SMTP_HOST = '127.0.0.1'
    process.env.SMTP_PORT = String(sink.port)
    local = await startLocalPayload('sqlite')
    payload = local.payload
    await seedDemoData(payload)
    editor = await staffRequest(payload)
    newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } })).docs[0].id
  })
  afterAll(async () => {
    await local?.close()
    await sink?.close()
  })

  it('sends one personalized mail per consenting recipient, with unsubscribe headers and links', async () => {
    const audience = await createAudience(payload, { count: 30, prefix: 'a', withoutConsent: (index) => index % 10 === 9 })
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter })
    const done = await runCampaignJobs(payload, campaign.id)
    expect(done.status).toBe('done')
    const mails = sink.messages.filter((mail) => mail.messageId?.startsWith(`<campaign-${campaign.id}.`))
    expect(mails).toHaveLength(27)
    expect(new Set(mails.map((mail) => mail.to && 'text' in mail.to ? mail.to.text : '')).size).toBe(27)
    const first = mails.find((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === 'a0@empfang.example')!
    expect(first.subject).toContain('Person0')
    const header = (name: string) => (first.headerLines.find((line) => line.key === name)?.line ?? '').replace(/\r\n\s+/g, ' ')
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <http.*\/unsubscribe\?token=.*>, <mailto:/)
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(first.text).toMatch(/Abmelden: http.*\/unsubscribe\?token=/)
    expect(first.html).toContain('Abmelden</a>')
  })
})

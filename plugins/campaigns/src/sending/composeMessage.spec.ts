import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { writeAtomically } from '@kontorwerk/personalization'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { bilingualNewsletter } from '../../../../tests/helpers/languages'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'

describe('mail headers of a campaign (Local API, SQLite, real SMTP server)', () => {
  let world: CampaignWorld

  beforeAll(async () => {
    world = await startCampaignWorld()
  })
  afterAll(() => world?.close())

  it('keeps a name with a line break on the subject line: one recipient, no header of its own', async () => {
    const { editor, payload, sink } = world
    // An ASCII subject goes out unencoded: a line break in it would start a header of the subscriber's choosing.
    const newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
    await payload.update({
      collection: 'newsletters',
      data: { subject: 'Hello {{ subscriber.first_name }}, your update' },
      id: newsletter.id,
    })
    const audience = await createAudience(payload, { count: 2, prefix: 'kopf' })
    // Written past the collection's hooks, as rows saved before names were cleaned on save are.
    await writeAtomically(payload, {
      updates: [
        { collection: 'subscribers', data: { firstName: 'Anna\r\nBcc: evil@example.net' }, id: audience.ids[0] },
        { collection: 'subscribers', data: { firstName: 'Jörg\r\nBcc: evil@example.net' }, id: audience.ids[1] },
      ],
    })

    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter: newsletter.id })
    expect((await runCampaignJobs(payload, campaign.id)).status).toBe('done')

    const mine = (messageId: string | undefined) => messageId?.startsWith(`<campaign-${campaign.id}.`)
    expect(
      sink.deliveries
        .filter((delivery) => mine(delivery.messageId))
        .map((delivery) => delivery.recipients)
        .sort(),
    ).toEqual([['kopf0@empfang.example'], ['kopf1@empfang.example']])
    const mails = sink.messages.filter((mail) => mine(mail.messageId))
    expect(mails.map((mail) => mail.subject).sort()).toEqual([
      'Hello Anna Bcc: evil@example.net, your update',
      'Hello Jörg Bcc: evil@example.net, your update',
    ])
    for (const mail of mails) {
      expect(mail.headers.has('bcc')).toBe(false)
      expect(mail.headerLines.filter((line) => line.key === 'subject')).toHaveLength(1)
    }
    expect(sink.deliveries.some((delivery) => delivery.recipients.includes('evil@example.net'))).toBe(false)
  })
})

describe('the language of a campaign mail (Local API, SQLite, real SMTP server)', () => {
  let world: CampaignWorld

  beforeAll(async () => {
    world = await startCampaignWorld()
  })
  afterAll(() => world?.close())

  it('writes each recipient one language: subject, blocks, footer and lang of their chain', async () => {
    const { editor, payload, sink } = world
    const { blocks, newsletter } = await bilingualNewsletter(payload, 'sprachen-kampagne', { english: true })
    const audience = await createAudience(payload, { count: 3, prefix: 'sprache' })
    const locales = ['de-AT', 'en-GB', 'en-US']
    await Promise.all(
      audience.ids.map((id, index) =>
        payload.update({ collection: 'subscribers', data: { locale: locales[index] } as never, id }),
      ),
    )

    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter: newsletter.id })
    expect((await runCampaignJobs(payload, campaign.id)).status).toBe('done')
    const mailTo = (email: string) =>
      sink.messages.find(
        (mail) =>
          mail.messageId?.startsWith(`<campaign-${campaign.id}.`) &&
          (mail.to && 'text' in mail.to ? mail.to.text : '') === email,
      )!

    const austrian = mailTo(audience.emails[0])
    expect(austrian.subject).toBe('Ihre Steuertermine')
    expect(austrian.html).toContain('<html lang="de"')
    expect(austrian.html).toContain(blocks.de.title)
    expect(austrian.html).toMatch(/Einstellungen ändern<\/a> · <a [^>]*>Abmelden<\/a>/)
    expect(austrian.text).toMatch(/Abmelden: http\S*\/unsubscribe\?token=\S+&lang=de/)

    for (const email of audience.emails.slice(1)) {
      const english = mailTo(email)
      expect(english.subject).toBe('Your tax deadlines')
      expect(english.html).toContain('<html lang="en"')
      expect(english.html).toContain(blocks.en.title)
      expect(english.html).toMatch(/Change preferences<\/a> · <a [^>]*>Unsubscribe<\/a>/)
      expect(english.text).toMatch(/^Dear Person\d+,|^Dear Sir or Madam,/)
      expect(english.text).toMatch(/Unsubscribe: http\S*\/unsubscribe\?token=\S+&lang=en/)
      expect(`${english.html}${english.text}`).not.toMatch(/Abmelden|Einstellungen|Steuertermine|Sehr geehrte/)
      // The mailbox provider's one-click button stays as it was.
      const header = english.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? ''
      expect(header.replace(/\r\n\s+/g, ' ')).toMatch(/^List-Unsubscribe: <http\S*\/unsubscribe\?token=[^>&]+>/)
    }
  })
})

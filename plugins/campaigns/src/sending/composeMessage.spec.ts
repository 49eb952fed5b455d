import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { writeAtomically } from '@kontorwerk/personalization'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
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

import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordEvents, writeAtomically } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Automation, Newsletter } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { advanceAutomations } from '../automation/advance'
import { sweepAutomations } from '../automation/triggers'
import { CAMPAIGN_QUEUE } from '../defaults'
import { runCampaignJobs, scheduleCampaign } from '../testing/runCampaign'
import { campaignReport } from './campaignReport'

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('report and automation SQL on %s', (kind) => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest
  let newsletter: Newsletter

  beforeAll(async () => {
    world = await startCampaignWorld(kind)
    ;({ editor, payload, sink } = world)
    newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0] as Newsletter
  }, 180_000)
  afterAll(() => world?.close())

  it('reports a campaign with a conversion and an unsubscribe', async () => {
    const audience = await createAudience(payload, { count: 4, prefix: `rep-${kind}-` })
    const campaign = await scheduleCampaign(payload, editor, { audience: audience.segment, newsletter: newsletter.id })
    expect((await runCampaignJobs(payload, campaign.id)).status).toBe('done')
    await recordEvents(payload, [
      {
        id: `rep-buy-${kind}-${Date.now()}`,
        properties: { amount: 10, product: 'kontorwerk-start' },
        subscriber: audience.ids[0],
        type: 'purchase',
      },
    ])
    const report = await campaignReport(payload, String(campaign.id))
    expect(report).toMatchObject({ conversions: 1, recipients: 4, sent: 4 })
  }, 120_000)

  it('sends a birthday automation mail', async () => {
    const { id: _id, slots, ...rest } = newsletter
    const birthdayNewsletter = await payload.create({
      collection: 'newsletters',
      data: {
        ...rest,
        name: 'bday',
        slots: slots.map(({ id: _slot, ...slot }) => slot),
        slug: `bday-${kind}`,
        subject: 'Alles Gute {{ subscriber.first_name }}',
      } as never,
    })
    // The birthday SQL is under test here, not the timing: no cool-down, no quiet hours (sendTiming.spec.ts).
    await payload.updateGlobal({
      data: { quietHours: { from: '00:00', until: '00:00' } } as never,
      slug: 'contact-budget' as never,
    })
    ;(await payload.create({
      collection: 'automations',
      data: {
        active: true,
        cooldownMinutes: 0,
        name: 'Geburtstag',
        steps: [{ newsletter: birthdayNewsletter.id, type: 'send' }],
        trigger: 'birthday',
      } as never,
    })) as Automation
    const audience = await createAudience(payload, { count: 1, prefix: `bday-${kind}-` })
    const today = new Date()
    await writeAtomically(payload, {
      updates: [
        {
          collection: 'subscribers',
          data: {
            attributes: {
              birthday: `1990-${String(today.getUTCMonth() + 1).padStart(2, '0')}-${String(today.getUTCDate()).padStart(2, '0')}`,
            },
          },
          id: audience.ids[0],
        },
      ],
    })
    await sweepAutomations(payload, today)
    await advanceAutomations(payload, today)
    for (let round = 0; round < 20; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    expect(
      sink.messages.filter(
        (mail) =>
          mail.subject === `Alles Gute Person0` &&
          (mail.to && 'text' in mail.to ? mail.to.text : '') === audience.emails[0],
      ),
    ).toHaveLength(1)
  }, 120_000)
})

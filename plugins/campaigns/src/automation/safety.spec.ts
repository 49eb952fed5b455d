import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CodedError } from '@kontorwerk/personalization'
import { writeMembers } from '@kontorwerk/segments'

import type { SmtpSink } from '../../../../tests/helpers/smtp'
import type { Automation, Campaign, Newsletter } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { CAMPAIGN_QUEUE } from '../defaults'
import { campaignAction } from '../utilities/actions'
import { advanceAutomations } from './advance'
import { enroll } from './enroll'

describe('automations guard their segments and their step campaigns', () => {
  let world: CampaignWorld
  let payload: Payload
  let sink: SmtpSink
  let editor: PayloadRequest
  let newsletter: Newsletter

  beforeAll(async () => {
    world = await startCampaignWorld()
    ;({ editor, payload, sink } = world)
    newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0] as Newsletter
  }, 120_000)
  afterAll(() => world?.close())

  it('a segment an automation check step still needs cannot be deleted (its members would be mailed)', async () => {
    const audience = await createAudience(payload, { count: 2, prefix: 'chk-' })
    // Customers are kept out of this series: "continue if NOT a member of Kunden".
    const customers = await payload.create({
      collection: 'segments',
      data: { kind: 'static', name: 'Kunden' } as never,
    })
    await writeMembers(payload, String(customers.id), [audience.ids[0]], { replace: true })
    const automation = (await payload.create({
      collection: 'automations',
      data: {
        active: true,
        name: 'Nur Interessenten',
        steps: [
          { expect: 'not_member', segment: customers.id, type: 'check' },
          { newsletter: newsletter.id, type: 'send' },
        ],
        trigger: 'first_purchase',
      } as never,
    })) as Automation
    await enroll(payload, automation, audience.ids, 'test')
    let refused = false
    try {
      await payload.delete({ collection: 'segments', id: customers.id, overrideAccess: false, user: editor.user })
    } catch {
      refused = true
    }
    await advanceAutomations(payload, new Date())
    for (let round = 0; round < 10; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    const toCustomer = sink.messages.filter(
      (mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === audience.emails[0],
    )
    expect({ deletionRefused: refused, mailsToCustomer: toCustomer.length }).toEqual({
      deletionRefused: true,
      mailsToCustomer: 0,
    })
  })

  it("resuming an inactive automation's step campaign answers with a coded error and leaves it paused", async () => {
    const automation = (await payload.create({
      collection: 'automations',
      data: {
        active: false,
        name: 'Inaktiv',
        steps: [{ newsletter: newsletter.id, type: 'send' }],
        trigger: 'first_purchase',
      } as never,
    })) as Automation
    const [step] = (
      await payload.find({ collection: 'campaigns', depth: 0, where: { automation: { equals: automation.id } } })
    ).docs as Campaign[]
    expect(step.status).toBe('paused')
    const outcome = await campaignAction(editor, String(step.id), 'resume').then(
      () => 'resumed',
      (error: unknown) => (error instanceof CodedError ? `coded ${error.code}` : `uncoded ${String(error)}`),
    )
    const after = (await payload.findByID({ collection: 'campaigns', depth: 0, id: step.id })) as Campaign
    expect({ outcome, status: after.status }).toEqual({ outcome: 'coded FAILED_PRECONDITION', status: 'paused' })
  })
})

import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AUDIT_LOG, CodedError } from '@kontorwerk/personalization'

import type { Automation, Campaign } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { staffRequest } from '../testing/runCampaign'
import { campaignAction } from '../utilities/actions'
import { sendPlan } from '../utilities/sendPlan'
import { approveAutomation, approveCampaign } from './approve'

type Entry = { action: string; changes: { after?: unknown; before?: unknown; field: string }[]; userEmail: string }

/**
 * Issue 21, four-eyes principle: a campaign (or an automation being switched on) with more than
 * 1,000 recipients needs a second person's approval; the approval names who and when, is voided
 * by any later edit, and the last editor cannot approve their own work. Every step is audited.
 */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('four-eyes approval (Local API, %s)', (kind) => {
  let world: CampaignWorld
  let payload: Payload
  let editor: PayloadRequest
  let approver: PayloadRequest
  let secondApprover: PayloadRequest
  let newsletter: number | string
  let largeSegment: string

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ code: 'no error', status: 0 }),
      (error: unknown) =>
        error instanceof CodedError ? { code: error.code, status: error.status } : { code: String(error), status: 500 },
    )
  const read = async (id: number | string) =>
    (await payload.findByID({ collection: 'campaigns', depth: 0, id })) as unknown as Campaign
  const edit = (id: number | string, data: Record<string, unknown>, as: PayloadRequest) =>
    payload.update({ collection: 'campaigns', data: data as never, id, overrideAccess: false, req: as })
  const auditOf = async (id: number | string, resource = 'campaigns') =>
    (
      await payload.find({
        collection: AUDIT_LOG as never,
        limit: 100,
        sort: 'id',
        where: { and: [{ resource: { equals: resource } }, { documentId: { equals: String(id) } }] } as never,
      })
    ).docs as unknown as Entry[]

  beforeAll(async () => {
    world = await startCampaignWorld(kind, { pushSchema: true })
    ;({ editor, payload } = world)
    approver = await staffRequest(payload, 'approver')
    secondApprover = await staffRequest(payload, 'approver')
    newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0].id
    largeSegment = (await createAudience(payload, { count: 1_001, prefix: `gross-${kind}-` })).segment
  }, 120_000)
  afterAll(() => world?.close())

  it('keeps a large campaign from being scheduled until a second person approves; the last editor cannot approve; an edit voids it', async () => {
    const campaign = await payload.create({
      collection: 'campaigns',
      data: { audience: Number(largeSegment), channel: 'email', name: 'Großer Versand', newsletter } as never,
      overrideAccess: false,
      req: editor,
    })
    const id = String(campaign.id)
    expect(String((await read(id)).lastEditedBy)).toBe(String(editor.user!.id))

    const plan = await sendPlan(editor, id)
    expect(plan.recipients).toBe(1_001)
    expect(plan.approval).toMatchObject({ canApprove: false, needed: true, problem: { code: 'APPROVAL_REQUIRED' } })
    expect(await failure(campaignAction(editor, id, 'schedule'))).toEqual({ code: 'APPROVAL_REQUIRED', status: 409 })
    expect(await failure(approveCampaign(editor, id))).toEqual({ code: 'APPROVAL_FORBIDDEN', status: 403 })

    // The approver edits it themself: now they are the last editor and may not approve their own change.
    await edit(id, { throttlePerMinute: 500 }, approver)
    expect(await failure(approveCampaign(approver, id))).toEqual({ code: 'APPROVAL_SAME_PERSON', status: 403 })
    expect((await read(id)).approval?.approvedAt ?? null).toBeNull()

    // A second approver approves the count they confirmed.
    const overHttp = { ...secondApprover, payloadAPI: 'REST' } as PayloadRequest
    expect(await failure(approveCampaign(overHttp, id, { recipients: 900 }))).toMatchObject({
      code: 'CONFIRMATION_MISMATCH',
    })
    await approveCampaign(overHttp, id, { recipients: 1_001 })
    const approved = await read(id)
    expect(String(approved.approval?.approvedBy)).toBe(String(secondApprover.user!.id))
    expect(approved.approval?.recipients).toBe(1_001)
    expect(String(approved.lastEditedBy)).toBe(String(approver.user!.id))

    // Any later edit voids it.
    await edit(id, { name: 'Großer Versand (neu)' }, editor)
    expect((await read(id)).approval?.approvedAt ?? null).toBeNull()
    expect(await failure(campaignAction(editor, id, 'schedule'))).toEqual({ code: 'APPROVAL_REQUIRED', status: 409 })

    await approveCampaign(approver, id)
    const scheduled = await campaignAction(editor, id, 'schedule')
    expect(scheduled.status).toBe('scheduled')

    const log = await auditOf(id)
    expect(log.map((entry) => [entry.action, entry.userEmail])).toEqual([
      ['create', editor.user!.email],
      ['approvalRefused', editor.user!.email],
      ['update', approver.user!.email],
      ['approvalRefused', approver.user!.email],
      ['approve', secondApprover.user!.email],
      ['approvalVoided', editor.user!.email],
      ['update', editor.user!.email],
      ['approve', approver.user!.email],
      ['update', editor.user!.email],
    ])
    expect(log[3].changes).toEqual([{ after: 'APPROVAL_SAME_PERSON', before: null, field: 'approval' }])
    expect(log[4].changes).toContainEqual({ after: 1_001, before: null, field: 'approval.recipients' })
    expect(log[6].changes).toEqual(
      expect.arrayContaining([
        { after: 'Großer Versand (neu)', before: 'Großer Versand', field: 'name' },
        {
          after: null,
          before: Number.isNaN(Number(secondApprover.user!.id))
            ? secondApprover.user!.id
            : Number(secondApprover.user!.id),
          field: 'approval.approvedBy',
        },
      ]),
    )
    expect(log[8].changes).toContainEqual({ after: 'scheduled', before: 'draft', field: 'status' })
  })

  it('voids an approval when the newsletter changes afterwards, and needs none for a small audience', async () => {
    const campaign = await payload.create({
      collection: 'campaigns',
      data: {
        audience: Number(largeSegment),
        channel: 'email',
        name: 'Newsletter danach geändert',
        newsletter,
      } as never,
      overrideAccess: false,
      req: editor,
    })
    await approveCampaign(approver, String(campaign.id))
    await new Promise((resolve) => setTimeout(resolve, 5))
    await payload.update({
      collection: 'newsletters',
      data: { name: `Wochen-Update (${kind})` } as never,
      id: newsletter,
      overrideAccess: false,
      req: editor,
    })
    expect(await failure(campaignAction(editor, String(campaign.id), 'schedule'))).toEqual({
      code: 'APPROVAL_OUTDATED',
      status: 409,
    })

    const small = (await createAudience(payload, { count: 5, prefix: `klein-${kind}-` })).segment
    const smallCampaign = await payload.create({
      collection: 'campaigns',
      data: { audience: Number(small), channel: 'email', name: 'Kleiner Versand', newsletter } as never,
      overrideAccess: false,
      req: editor,
    })
    expect((await campaignAction(editor, String(smallCampaign.id), 'schedule')).status).toBe('scheduled')
  })

  it('switches an automation for a large segment on only with a second person’s approval', async () => {
    const automation = (await payload.create({
      collection: 'automations',
      data: {
        name: 'Reaktivierung',
        segment: Number(largeSegment),
        steps: [{ newsletter, type: 'send' }],
        trigger: 'segment_entry',
      } as never,
      overrideAccess: false,
      req: editor,
    })) as unknown as Automation
    const switchOn = () =>
      payload.update({
        collection: 'automations',
        data: { active: true } as never,
        id: automation.id,
        overrideAccess: false,
        req: editor,
      })
    expect(await failure(switchOn())).toEqual({ code: 'APPROVAL_REQUIRED', status: 409 })
    expect(await failure(approveAutomation(editor, String(automation.id)))).toEqual({
      code: 'APPROVAL_FORBIDDEN',
      status: 403,
    })
    await approveAutomation(approver, String(automation.id))
    expect(((await switchOn()) as unknown as Automation).active).toBe(true)
    const log = await auditOf(automation.id, 'automations')
    expect(log.map((entry) => entry.action)).toEqual(['create', 'approvalRefused', 'approve', 'update'])
    expect(log[3].changes).toContainEqual({ after: true, before: false, field: 'active' })
  })
})

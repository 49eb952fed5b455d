import type { Payload, PayloadRequest } from 'payload'

import { configToSchema } from '@payloadcms/graphql'
import { createRequire } from 'node:module'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AUDIT_LOG, CodedError } from '@kontorwerk/personalization'

import type { Automation, Campaign } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { CAMPAIGN_QUEUE } from '../defaults'
import { staffRequest } from '../testing/runCampaign'
import { campaignAction } from '../utilities/actions'
import { sendPlan } from '../utilities/sendPlan'
import { approveAutomation, approveCampaign } from './approve'

// The graphql copy Payload builds its schema with.
const { execute, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql')

/**
 * Security review of the four-eyes approval (docs/governance.md): an approval holds only for what
 * the approver saw. Pausing and editing a started campaign, editing the content blocks or segments
 * it sends, editing a running automation, or two operations in one GraphQL request must not let
 * unapproved content or reach out.
 */
describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'an approval holds only for what was approved (%s)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let editor: PayloadRequest
    let approver: PayloadRequest
    let newsletter: number | string
    let otherNewsletter: number | string | null
    let largeSegment: string

    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        (value) => `ok:${(value as { status?: string })?.status}`,
        (error: unknown) => (error instanceof CodedError ? error.code : String(error)),
      )
    const read = async (id: number | string) =>
      (await payload.findByID({ collection: 'campaigns', depth: 0, id })) as unknown as Campaign
    /** A fresh request per call, as each HTTP request is. */
    const fresh = (as: PayloadRequest) => createLocalReq({ user: as.user! }, payload)
    const edit = async (
      collection: 'automations' | 'campaigns' | 'content-blocks' | 'newsletters' | 'segments',
      id: number | string,
      data: object,
    ) => payload.update({ collection, data: data as never, id, overrideAccess: false, req: await fresh(editor) })
    const act = async (id: string, action: 'pause' | 'resume' | 'schedule') =>
      campaignAction(await fresh(editor), id, action)
    const auditActions = async (id: number | string) =>
      (
        (
          await payload.find({
            collection: AUDIT_LOG as never,
            limit: 100,
            sort: 'id',
            where: { and: [{ resource: { equals: 'campaigns' } }, { documentId: { equals: String(id) } }] } as never,
          })
        ).docs as unknown as { action: string }[]
      ).map((entry) => entry.action)
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5))
    /** An automation the editor built for the large segment, sending this newsletter, approved by the approver (not yet on). */
    const approvedAutomation = async (name: string, stepNewsletter: number | string) => {
      const automation = (await payload.create({
        collection: 'automations',
        data: {
          name,
          segment: Number(largeSegment),
          steps: [{ newsletter: stepNewsletter, type: 'send' }],
          trigger: 'segment_entry',
        } as never,
        overrideAccess: false,
        req: await fresh(editor),
      })) as unknown as Automation
      await approveAutomation(await fresh(approver), String(automation.id))
      return automation
    }

    beforeAll(async () => {
      world = await startCampaignWorld(kind, { pushSchema: true })
      ;({ editor, payload } = world)
      approver = await staffRequest(payload, 'approver')
      const newsletters = (await payload.find({ collection: 'newsletters', limit: 10 })).docs
      newsletter = newsletters.find((doc) => doc.slug === 'wochen-update')!.id
      otherNewsletter = newsletters.find((doc) => doc.id !== newsletter)?.id ?? null
      largeSegment = (await createAudience(payload, { count: 1_001, prefix: `haelt-${kind}-` })).segment
    }, 180_000)
    afterAll(() => world?.close())

    const approvedLargeCampaign = async (name: string, audience = largeSegment) => {
      const campaign = await payload.create({
        collection: 'campaigns',
        data: { audience: Number(audience), channel: 'email', name, newsletter, throttlePerMinute: 1 } as never,
        overrideAccess: false,
        req: await fresh(editor),
      })
      await approveCampaign(await fresh(approver), String(campaign.id))
      await tick()
      return String(campaign.id)
    }

    it('a started campaign that was paused and edited resumes only after a new approval for the recipients still waiting', async () => {
      const id = await approvedLargeCampaign('Pause, Änderung, Fortsetzen')
      expect(await outcome(act(id, 'schedule'))).toBe('ok:scheduled')
      // The start job writes the recipients and sets startedAt (one job only: no mail goes out yet).
      await payload.jobs.run({ limit: 1, queue: CAMPAIGN_QUEUE })
      expect((await read(id)).startedAt).toBeTruthy()
      expect(await outcome(act(id, 'pause'))).toBe('ok:paused')
      // Resuming without an edit needs nothing new.
      expect(await outcome(act(id, 'resume'))).toBe('ok:sending')
      expect(await outcome(act(id, 'pause'))).toBe('ok:paused')

      // The editor alone swaps the content while paused: the approval is voided, the resume refused.
      await edit('campaigns', id, {
        name: 'Pause, Änderung, Fortsetzen (anderer Inhalt)',
        ...(otherNewsletter ? { newsletter: otherNewsletter } : {}),
      })
      expect((await read(id)).approval?.approvedAt ?? null).toBeNull()
      expect(await outcome(act(id, 'resume'))).toBe('APPROVAL_REQUIRED')
      expect((await read(id)).status).toBe('paused')
      // The sidebar offers the approver the count still waiting (no mail went out yet: all 1,001).
      expect((await sendPlan(await fresh(approver), id)).approval).toMatchObject({
        canApprove: true,
        count: 1_001,
        problem: { code: 'APPROVAL_REQUIRED' },
      })

      // A second person approves the recipients still waiting; then it resumes.
      await approveCampaign(await fresh(approver), id)
      expect((await read(id)).approval?.recipients).toBe(1_001)
      expect(await outcome(act(id, 'resume'))).toBe('ok:sending')
    })

    it('an approved campaign is not scheduled once a content block its newsletter can show was edited', async () => {
      const id = await approvedLargeCampaign('Baustein nach Freigabe geändert')
      const [block] = (
        await payload.find({
          collection: 'content-blocks',
          limit: 1,
          where: { and: [{ _status: { equals: 'published' } }, { channels: { in: ['email'] } }] },
        })
      ).docs
      await edit('content-blocks', block.id, { _status: 'published', title: `${block.title} (geändert nach Freigabe)` })
      expect(await outcome(act(id, 'schedule'))).toBe('APPROVAL_OUTDATED')
      // A new approval covers the changed block.
      await approveCampaign(await fresh(approver), id)
      expect(await outcome(act(id, 'schedule'))).toBe('ok:scheduled')
    })

    it('an approved campaign is not scheduled once its audience segment was edited', async () => {
      const audience = (await createAudience(payload, { count: 1_001, prefix: `segment-${kind}-` })).segment
      const id = await approvedLargeCampaign('Segment nach Freigabe geändert', audience)
      await edit('segments', audience, { name: `Geändertes Segment ${kind}` })
      expect(await outcome(act(id, 'schedule'))).toBe('APPROVAL_OUTDATED')
    })

    it('a campaign action in a GraphQL request does not switch off the schedule lock, approval voiding or audit for the next mutation', async () => {
      const id = await approvedLargeCampaign('Kontext-Leck')
      expect(await outcome(act(id, 'schedule'))).toBe('ok:scheduled')
      const throwaway = await payload.create({
        collection: 'campaigns',
        data: { audience: Number(largeSegment), channel: 'email', name: 'Wegwerf', newsletter } as never,
      })
      const { schema } = configToSchema(payload.config)
      const graphQL = async (as: PayloadRequest, mutations: string) => {
        const req = await fresh(as)
        req.payloadAPI = 'GraphQL'
        return execute({ contextValue: { headers: {}, req }, document: parse(`mutation { ${mutations} }`), schema })
      }
      // One request of the editor alone: a cancel, then an edit of the scheduled, approved campaign.
      const cancelThenEdit = await graphQL(
        editor,
        `c: cancelCampaign(id: "${throwaway.id}") { status }
       u: updateCampaign(id: ${id}, data: { name: "Nach Freigabe ausgetauscht", throttlePerMinute: 1000000 }) { id name }`,
      )
      const after = await read(id)
      expect({ errors: cancelThenEdit.errors?.length ?? 0, name: after.name, status: after.status }).toEqual({
        errors: 1,
        name: 'Kontext-Leck',
        status: 'scheduled',
      })

      // One request of the approver: an approval, then an edit of the same campaign, which voids it and is audited.
      const draft = await payload.create({
        collection: 'campaigns',
        data: { audience: Number(largeSegment), channel: 'email', name: 'Freigabe und Änderung', newsletter } as never,
        overrideAccess: false,
        req: await fresh(editor),
      })
      const approveThenEdit = await graphQL(
        approver,
        `a: approveCampaign(id: "${draft.id}", confirmation: { recipients: 1001 }) { id }
       u: updateCampaign(id: ${draft.id}, data: { name: "Vom Freigebenden geändert" }) { id name }`,
      )
      expect(approveThenEdit.errors ?? []).toEqual([])
      const edited = await read(draft.id)
      expect(edited.approval?.approvedAt ?? null).toBeNull()
      expect(String(edited.lastEditedBy)).toBe(String(approver.user!.id))
      expect(await auditActions(draft.id)).toEqual(['create', 'approve', 'approvalVoided', 'update'])
    })

    it('an active, approved automation refuses an edit until it is switched off and approved again', async () => {
      const automation = await approvedAutomation(`Laufende Automation ${kind}`, newsletter)
      const update = (data: object) =>
        outcome(
          edit('automations', automation.id, data).then((doc) => ({ status: `active=${(doc as Automation).active}` })),
        )
      expect(await update({ active: true })).toBe('ok:active=true')

      // The editor alone points the running automation at a segment three times the approved size: refused.
      const bigger = (await createAudience(payload, { count: 3_000, prefix: `gross-${kind}-` })).segment
      expect(await update({ segment: Number(bigger) })).toBe('APPROVAL_REQUIRED')
      const unchanged = (await payload.findByID({
        collection: 'automations',
        depth: 0,
        id: automation.id,
      })) as Automation
      expect({ active: unchanged.active, approved: Boolean(unchanged.approval?.approvedAt) }).toEqual({
        active: true,
        approved: true,
      })
      expect(String(unchanged.segment)).toBe(String(largeSegment))

      // The way that works: switch off, edit, have it approved again, switch on.
      expect(await update({ active: false })).toBe('ok:active=false')
      expect(await update({ segment: Number(bigger) })).toBe('ok:active=false')
      expect(await update({ active: true })).toBe('APPROVAL_REQUIRED')
      await approveAutomation(await fresh(approver), String(automation.id))
      expect(await update({ active: true })).toBe('ok:active=true')
    })

    it("an active, approved automation's newsletter and the fallback blocks it names cannot be changed behind the approval", async () => {
      const fallback = (
        await payload.create({
          collection: 'content-blocks',
          data: { _status: 'published', channels: ['email'], title: `Ersatzblock der Automation ${kind}` } as never,
        })
      ).id
      const own = (await payload.findByID({ collection: 'newsletters', depth: 0, id: newsletter })) as unknown as {
        slots: Record<string, unknown>[]
      }
      const stepNewsletter = (
        await payload.create({
          collection: 'newsletters',
          data: {
            name: `Automationsmail ${kind}`,
            slots: [{ ...own.slots[0], fallback, id: undefined, key: 'ersatz' }],
            slug: `automationsmail-${kind}`,
            subject: 'Willkommen',
          } as never,
        })
      ).id
      const automation = await approvedAutomation(`Gesperrte Inhalte ${kind}`, stepNewsletter)
      expect(await outcome(edit('automations', automation.id, { active: true }))).toBe('ok:undefined')

      // The editor alone changes the subject, or the fallback block's text, of what the running automation sends: refused, nothing stored.
      expect(await outcome(edit('newsletters', stepNewsletter, { subject: 'Jetzt 50 % Rabatt!' }))).toBe(
        'APPROVAL_REQUIRED',
      )
      expect((await payload.findByID({ collection: 'newsletters', id: stepNewsletter })).subject).toBe('Willkommen')
      expect(
        await outcome(edit('content-blocks', fallback, { _status: 'published', title: 'Jetzt 50 % Rabatt!' })),
      ).toBe('APPROVAL_REQUIRED')
      // A draft of the block reaches nobody and may be saved; other newsletters stay editable.
      expect(
        await outcome(
          payload.update({
            collection: 'content-blocks',
            data: { _status: 'draft', title: 'Entwurf' },
            draft: true,
            id: fallback,
            overrideAccess: false,
            req: await fresh(editor),
          }),
        ),
      ).toBe('ok:undefined')
      expect((await payload.findByID({ collection: 'content-blocks', draft: false, id: fallback })).title).toBe(
        `Ersatzblock der Automation ${kind}`,
      )

      // Unpublishing the fallback or deleting it or the newsletter would make the automation's mails fail: refused.
      expect(await outcome(edit('content-blocks', fallback, { _status: 'draft' }))).toBe('APPROVAL_REQUIRED')
      for (const [collection, id] of [
        ['content-blocks', fallback],
        ['newsletters', stepNewsletter],
      ] as const)
        expect(await outcome(payload.delete({ collection, id, overrideAccess: false, req: await fresh(editor) }))).toBe(
          'APPROVAL_REQUIRED',
        )
      expect((await payload.findByID({ collection: 'content-blocks', draft: false, id: fallback }))._status).toBe(
        'published',
      )
      expect(await payload.findByID({ collection: 'newsletters', id: stepNewsletter })).toBeDefined()

      // Switched off, the change goes through; switching on again needs a new approval.
      expect(await outcome(edit('automations', automation.id, { active: false }))).toBe('ok:undefined')
      expect(await outcome(edit('newsletters', stepNewsletter, { subject: 'Willkommen an Bord' }))).toBe('ok:undefined')
    })
  },
)

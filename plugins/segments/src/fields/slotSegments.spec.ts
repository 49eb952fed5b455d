import type { Payload, PayloadRequest } from 'payload'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { personalizedBlocks, personalizedNewsletter } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload } from '../../../../tests/helpers/localPayload'
import { startDemoPayload } from '../../../../tests/helpers/referenceApp'
import { segmentMemberPage } from '../utilities/segmentService'

/** The engine's slot filter takes segments: members get ranked blocks, everyone else the fallback. */
describe.each(testedDatabases())('slots reserved for a segment on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let asAdmin: PayloadRequest
  let member: string
  let outsider: string
  let segment: number | string

  beforeAll(async () => {
    local = await startDemoPayload(kind)
    payload = local.payload
    const admin = (await payload.find({ collection: 'users', where: { role: { equals: 'admin' } } })).docs[0]
    asAdmin = await createLocalReq({ user: { ...admin, collection: 'users' } }, payload)
    segment = (await payload.find({ collection: 'segments', where: { name: { equals: 'Interesse E-Rechnung' } } }))
      .docs[0].id
    const { ids } = await segmentMemberPage(payload, segment, { limit: 1000, page: 1 })
    const everyone = (await payload.find({ collection: 'subscribers', depth: 0, limit: 0, select: {} })).docs.map(
      (doc) => String(doc.id),
    )
    member = ids[0]
    outsider = everyone.find((id) => !ids.includes(id))!
    expect(member && outsider).toBeTruthy()

    const newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
    await payload.update({
      id: newsletter.id,
      collection: 'newsletters',
      data: {
        slots: newsletter.slots.map((slot, index) => (index === 0 ? { ...slot, segments: [segment] } : slot)),
      } as never,
    })
  }, 120_000)
  afterAll(() => local?.close())

  it('fills the reserved slot for a member by relevance and gives an outsider the fallback, saying why', async () => {
    const forMember = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: member })
    const forOutsider = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: outsider })
    expect(forMember.slots[0].blocks[0].reason.kind).toBe('ranked')
    expect(forOutsider.slots[0].blocks[0].reason).toMatchObject({ kind: 'fallback' })
    // Every block that fits the slot itself was kept out by the segment, none by a reader rule.
    const excluded = (forOutsider.slots[0].blocks[0].reason as { excluded: Record<string, number> }).excluded
    expect(excluded.slot_segment).toBeGreaterThan(0)
    expect(
      Object.keys(excluded).filter(
        (reason) => !['channel', 'locale', 'slot_goal', 'slot_interest', 'slot_segment'].includes(reason),
      ),
    ).toEqual([])
    // The other slots are not reserved: the outsider still gets ranked content there.
    expect(forOutsider.slots.slice(1).some((slot) => slot.blocks.some((block) => block.reason.kind === 'ranked'))).toBe(
      true,
    )
  })

  it('keeps the slot closed (fallback, logged) when the segment went out of date, and the mail still renders', async () => {
    const interest = await payload.create({
      collection: 'interests',
      data: { label: 'Kurzlebig', slug: `kurzlebig-${kind}` } as never,
    })
    const broken = await payload.create({
      collection: 'segments',
      data: {
        kind: 'dynamic',
        name: 'Veraltet',
        rules: {
          combinator: 'or',
          rules: [
            {
              field: 'interest',
              operator: 'has',
              value: { interest: String(interest.id), minWeight: 0, source: 'any' },
            },
            { field: 'locale', operator: '=', value: 'de' },
          ],
        },
      } as never,
    })
    const newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
    const slots = newsletter.slots
    await payload.update({
      id: newsletter.id,
      collection: 'newsletters',
      data: { slots: slots.map((slot, index) => (index === 1 ? { ...slot, segments: [broken.id] } : slot)) } as never,
    })
    await payload.delete({ collection: 'interests', id: interest.id })
    const rendered = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: member })
    expect(rendered.slots[1].blocks[0].reason.kind).toBe('fallback')
    expect(rendered.html).toContain('<html')
    await payload.update({ id: newsletter.id, collection: 'newsletters', data: { slots } as never })
  })

  it('refuses to delete a segment a slot is reserved for', async () => {
    await expect(payload.delete({ collection: 'segments', id: segment })).rejects.toMatchObject({ status: 409 })
    expect((await payload.count({ collection: 'segments', where: { id: { equals: segment } } })).totalDocs).toBe(1)
  })

  it('takes segments in the ad-hoc block filter too, and rejects an unknown segment with a code', async () => {
    const forMember = await personalizedBlocks(asAdmin, {
      filter: { channel: 'email', segments: [String(segment)] },
      limit: 2,
      subscriber: member,
    })
    const forOutsider = await personalizedBlocks(asAdmin, {
      filter: { channel: 'email', segments: [String(segment)] },
      limit: 2,
      subscriber: outsider,
    })
    expect(forMember.every((block) => block.reason.kind === 'ranked')).toBe(true)
    expect(forOutsider.map((block) => block.reason.kind)).toEqual(['fallback'])
    await expect(
      personalizedBlocks(asAdmin, { filter: { channel: 'email', segments: ['999999'] }, subscriber: member }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' })
    await expect(
      personalizedBlocks(asAdmin, { context: {}, filter: { channel: 'email', segments: ['999999'] } }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' })
  })
})

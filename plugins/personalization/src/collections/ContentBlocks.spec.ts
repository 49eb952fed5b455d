import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { fieldErrors, missingId } from '../../../../tests/helpers/errors'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { specData } from '../../../../tests/helpers/specData'

describe.each(testedDatabases())('content blocks on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let editor: Awaited<ReturnType<typeof createStaff>>
  let tags: { interests: (number | string)[]; personas: (number | string)[]; stages: (number | string)[] }

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    editor = await createStaff(payload, 'admin', 'first@example.com') // the first account is the admin
    editor = await createStaff(payload, 'editor')
    const persona = await payload.create({ collection: 'personas', data: { name: 'IT-Leitung', slug: 'it' } })
    const interest = await payload.create({ collection: 'interests', data: { label: 'DSGVO', slug: 'dsgvo' } })
    const stage = await payload.create({
      collection: 'lifecycle-stages',
      data: { key: 'lead', label: 'Lead', order: 10 },
    })
    tags = { interests: [interest.id], personas: [persona.id], stages: [stage.id] }
  })
  afterAll(() => local?.close())

  const asEditor = () => ({ overrideAccess: false, user: editor })
  const blockCount = () => payload.count({ collection: 'content-blocks' }).then((r) => r.totalDocs)

  it('lets an editor publish a tagged block, and shows anonymous readers only published blocks', async () => {
    const published = await payload.create({
      collection: 'content-blocks',
      data: specData('content-blocks', {
        ...tags,
        _status: 'published',
        channels: ['email', 'web'],
        title: 'DSGVO-Checkliste',
      }),
      ...asEditor(),
    })
    await payload.create({
      collection: 'content-blocks',
      data: specData('content-blocks', { ...tags, title: 'Geheimer Entwurf' }),
      draft: true,
      ...asEditor(),
    })

    expect(published.personas).toHaveLength(1)
    expect(published.channels).toEqual(['email', 'web'])
    expect(published.priority).toBe(50)
    expect(published.locale).toBe('de')

    const anonymous = await payload.find({ collection: 'content-blocks', overrideAccess: false })
    expect(anonymous.docs.map((doc) => doc.title)).toEqual(['DSGVO-Checkliste'])
    const anonymousDrafts = await payload.find({ collection: 'content-blocks', draft: true, overrideAccess: false })
    expect(anonymousDrafts.docs.map((doc) => doc.title)).not.toContain('Geheimer Entwurf')
    const staff = await payload.find({ collection: 'content-blocks', draft: true, ...asEditor() })
    expect(staff.docs.map((doc) => doc.title).sort()).toEqual(['DSGVO-Checkliste', 'Geheimer Entwurf'])
  })

  it('rejects a block tagged with a persona that does not exist and stores nothing', async () => {
    const before = await blockCount()
    const errors = await fieldErrors(
      payload.create({
        collection: 'content-blocks',
        data: specData('content-blocks', { ...tags, personas: [missingId(kind)], title: 'Verwaist' }),
        ...asEditor(),
      }),
    )
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^personas: .*personas: ${missingId(kind)}`))])
    expect(await blockCount()).toBe(before)
  })

  it('rejects the unknown tag also when it is saved as a draft', async () => {
    const before = await blockCount()
    const errors = await fieldErrors(
      payload.create({
        collection: 'content-blocks',
        data: specData('content-blocks', { interests: [missingId(kind)], title: 'Entwurf' }),
        draft: true,
        ...asEditor(),
      }),
    )
    expect(errors[0]).toMatch(/^interests: /)
    expect(await blockCount()).toBe(before)
  })

  it('rejects a validity window that ends before it starts', async () => {
    const before = await blockCount()
    const errors = await fieldErrors(
      payload.create({
        collection: 'content-blocks',
        data: specData('content-blocks', {
          title: 'Rückwärts',
          validFrom: '2026-12-01T00:00:00.000Z',
          validUntil: '2026-11-01T00:00:00.000Z',
        }),
        ...asEditor(),
      }),
    )
    expect(errors).toEqual(['validUntil: „Gültig bis" muss nach „Gültig ab" liegen.'])
    expect(await blockCount()).toBe(before)
  })

  it('accepts a window whose end follows its start, and an open-ended one', async () => {
    const block = await payload.create({
      collection: 'content-blocks',
      data: specData('content-blocks', {
        title: 'Webinar',
        validFrom: '2026-11-01T00:00:00.000Z',
        validUntil: '2026-12-01T00:00:00.000Z',
      }),
      ...asEditor(),
    })
    expect(new Date(block.validUntil as string).toISOString()).toBe('2026-12-01T00:00:00.000Z')
    await payload.create({
      collection: 'content-blocks',
      data: specData('content-blocks', { title: 'Ab sofort', validFrom: '2026-11-01T00:00:00.000Z' }),
      ...asEditor(),
    })
  })

  it('rejects a button without a URL and a script URL', async () => {
    expect(
      await fieldErrors(
        payload.create({
          collection: 'content-blocks',
          data: specData('content-blocks', { cta: { label: 'Los' }, title: 'Button' }),
          ...asEditor(),
        }),
      ),
    ).toEqual(['cta.url: Ein Button braucht eine URL.'])
    const script = await fieldErrors(
      payload.create({
        collection: 'content-blocks',
        data: specData('content-blocks', { cta: { label: 'Los', url: 'javascript:alert(1)' }, title: 'Button' }),
        ...asEditor(),
      }),
    )
    expect(script[0]).toMatch(/^cta.url: URL muss mit https:\/\//)
  })

  it('needs a title and keeps the lengths of its Liquid fields, as Payload does for any text field', async () => {
    const before = await blockCount()
    const create = (data: Record<string, unknown>) =>
      fieldErrors(payload.create({ collection: 'content-blocks', data: data as never, ...asEditor() }))
    expect(await create({})).toEqual([expect.stringMatching(/^title: /)])
    expect(await create({ title: '' })).toEqual([expect.stringMatching(/^title: /)])
    expect(await create({ title: 'x'.repeat(201) })).toEqual([expect.stringMatching(/^title: .*200/)])
    expect(await create({ cta: { label: 'x'.repeat(81), url: '/x' }, title: 'Button' })).toEqual([
      expect.stringMatching(/^cta.label: .*80/),
    ])
    expect(await blockCount()).toBe(before)
  })

  it('keeps priority within 0–100', async () => {
    const errors = await fieldErrors(
      payload.create({
        collection: 'content-blocks',
        data: specData('content-blocks', { priority: 101, title: 'Zu wichtig' }),
        ...asEditor(),
      }),
    )
    expect(errors[0]).toMatch(/^priority: /)
  })
})

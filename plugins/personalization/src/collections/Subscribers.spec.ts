import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { fieldErrors } from '../../../../tests/helpers/errors'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { specData } from '../../../../tests/helpers/specData'

describe.each(testedDatabases())('subscribers on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let admin: Awaited<ReturnType<typeof createStaff>>
  let editor: Awaited<ReturnType<typeof createStaff>>
  let stages: Record<string, number | string>

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    admin = await createStaff(payload, 'admin')
    editor = await createStaff(payload, 'editor')
    stages = {}
    for (const [order, key] of ['lead', 'mql'].entries()) {
      stages[key] = (await payload.create({ collection: 'lifecycle-stages', data: { key, label: key, order } })).id
    }
  })
  afterAll(() => local?.close())

  const subscriberCount = () => payload.count({ collection: 'subscribers' }).then((r) => r.totalDocs)

  it('stores one normalised address per mailbox', async () => {
    const created = await payload.create({
      collection: 'subscribers',
      data: specData('subscribers', { email: '  Jürgen.Keller@MÜLLER.de ', lastName: 'Keller' }),
    })
    expect(created.email).toBe('jürgen.keller@xn--mller-kva.de')

    const errors = await fieldErrors(
      payload.create({
        collection: 'subscribers',
        data: specData('subscribers', { email: 'JÜRGEN.KELLER@müller.DE' }),
      }),
    )
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^email: /)
    expect(await subscriberCount()).toBe(1)
  })

  it('rejects an invalid email and stores nothing', async () => {
    const before = await subscriberCount()
    for (const email of ['not-an-address', 'anna@', 'anna@localhost', '']) {
      const errors = await fieldErrors(
        payload.create({ collection: 'subscribers', data: specData('subscribers', { email }) }),
      )
      expect(errors[0]).toMatch(/^email: /)
    }
    expect(await subscriberCount()).toBe(before)
  })

  it('rejects custom attributes that are not an object', async () => {
    const errors = await fieldErrors(
      payload.create({
        collection: 'subscribers',
        data: specData('subscribers', { attributes: ['a'], email: 'list@example.com' }),
      }),
    )
    expect(errors).toEqual(['attributes: Merkmale müssen ein JSON-Objekt sein.'])
  })

  it('hides personal data from editors but shows them the marketing profile', async () => {
    const anna = await payload.create({
      collection: 'subscribers',
      data: specData('subscribers', {
        academicTitle: 'Dr.',
        email: 'anna.berger@example.com',
        firstName: 'Anna',
        gender: 'female',
        lastName: 'Berger',
        region: 'DE-BY',
        stage: stages.lead,
      }),
    })
    const seenByEditor = await payload.findByID({
      id: anna.id,
      collection: 'subscribers',
      depth: 0,
      overrideAccess: false,
      user: editor,
    })
    expect(seenByEditor.email).toBeUndefined()
    expect(seenByEditor.firstName).toBeUndefined()
    expect(seenByEditor.lastName).toBeUndefined()
    expect(seenByEditor.academicTitle).toBeUndefined()
    expect(seenByEditor.region).toBe('DE-BY')
    expect(seenByEditor.stage).toBe(stages.lead)

    const seenByAdmin = await payload.findByID({
      id: anna.id,
      collection: 'subscribers',
      overrideAccess: false,
      user: admin,
    })
    expect(seenByAdmin.email).toBe('anna.berger@example.com')
    expect(seenByAdmin.lastName).toBe('Berger')
  })

  it('lets editors neither find subscribers by email nor change them', async () => {
    const byEmail = await payload
      .find({
        collection: 'subscribers',
        overrideAccess: false,
        user: editor,
        where: { email: { equals: 'anna.berger@example.com' } },
      })
      .catch((error: Error) => error)
    // Either refused outright or filtered on a field the editor cannot see: never a hit.
    if (!(byEmail instanceof Error)) expect(byEmail.docs).toHaveLength(0)

    await expect(
      payload.create({
        collection: 'subscribers',
        data: specData('subscribers', { email: 'sneaky@example.com' }),
        overrideAccess: false,
        user: editor,
      }),
    ).rejects.toThrow()
    expect(
      (await payload.find({ collection: 'subscribers', where: { email: { equals: 'sneaky@example.com' } } })).totalDocs,
    ).toBe(0)
  })

  it('keeps a stage history with source and reason', async () => {
    const lena = await payload.create({
      collection: 'subscribers',
      context: { stageChange: { reason: 'CSV-Import Messe', source: 'import' } },
      data: specData('subscribers', { email: 'lena@example.com', stage: stages.lead }),
    })
    expect(lena.stageHistory).toHaveLength(1)
    expect(lena.stageHistory?.[0]).toMatchObject({ reason: 'CSV-Import Messe', source: 'import' })

    const renamed = await payload.update({ id: lena.id, collection: 'subscribers', data: { firstName: 'Lena' } })
    expect(renamed.stageHistory).toHaveLength(1)

    const promoted = await payload.update({
      id: lena.id,
      collection: 'subscribers',
      context: { stageChange: { reason: 'Score 112, Fit 55', source: 'threshold' } },
      data: specData('subscribers', { stage: stages.mql }),
    })
    const history = promoted.stageHistory ?? []
    expect(
      history.map((entry) => [typeof entry.stage === 'object' ? entry.stage?.id : entry.stage, entry.source]),
    ).toEqual([
      [stages.lead, 'import'],
      [stages.mql, 'threshold'],
    ])
    expect(new Date(history[1].changedAt as string).getTime()).toBeGreaterThanOrEqual(
      new Date(history[0].changedAt as string).getTime(),
    )
  })

  it('does not let an admin rewrite the stage history through the API', async () => {
    const sub = await payload.create({
      collection: 'subscribers',
      data: specData('subscribers', { email: 'history@example.com', stage: stages.lead }),
    })
    const updated = await payload.update({
      id: sub.id,
      collection: 'subscribers',
      data: { stageHistory: [] },
      overrideAccess: false,
      user: admin,
    })
    expect(updated.stageHistory).toHaveLength(1)
  })
})

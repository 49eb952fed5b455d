import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload } from '../../../../tests/helpers/localPayload'
import { startDemoPayload } from '../../../../tests/helpers/referenceApp'

describe.each(testedDatabases())('lifecycle stages on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let admin: Awaited<ReturnType<typeof createStaff>>

  beforeAll(async () => {
    local = await startDemoPayload(kind)
    payload = local.payload
    admin = (await payload.find({ collection: 'users', where: { role: { equals: 'admin' } } })).docs[0]
  })
  afterAll(() => local?.close())

  it('come in the default order', async () => {
    const { docs } = await payload.find({ collection: 'lifecycle-stages', limit: 0, sort: 'order' })
    expect(docs.map((stage) => stage.key)).toEqual([
      'subscriber',
      'lead',
      'mql',
      'sql',
      'customer',
      'repeat_customer',
      'at_risk',
      'inactive',
    ])
    expect(docs.every((stage) => stage.system)).toBe(true)
  })

  it('lets an admin add a stage and remove it again, but not remove or re-key a built-in one', async () => {
    const trial = await payload.create({
      collection: 'lifecycle-stages',
      data: { key: 'trial', label: 'Testphase', order: 35 },
      overrideAccess: false,
      user: admin,
    })
    expect(trial.system).toBe(false)
    await payload.delete({ id: trial.id, collection: 'lifecycle-stages', overrideAccess: false, user: admin })

    const mql = (await payload.find({ collection: 'lifecycle-stages', where: { key: { equals: 'mql' } } })).docs[0]
    await expect(
      payload.delete({ id: mql.id, collection: 'lifecycle-stages', overrideAccess: false, user: admin }),
    ).rejects.toThrow('Standardphasen können nicht gelöscht werden.')
    const renamed = await payload.update({
      id: mql.id,
      collection: 'lifecycle-stages',
      data: { key: 'marketing', label: 'Marketing-Lead' },
      overrideAccess: false,
      user: admin,
    })
    expect(renamed.key).toBe('mql')
    expect(renamed.label).toBe('Marketing-Lead')
  })

  it('cannot be changed by editors', async () => {
    const editor = await createStaff(payload, 'editor')
    await expect(
      payload.create({
        collection: 'lifecycle-stages',
        data: { key: 'vip', label: 'VIP', order: 90 },
        overrideAccess: false,
        user: editor,
      }),
    ).rejects.toThrow()
  })
})

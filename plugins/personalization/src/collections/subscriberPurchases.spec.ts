import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { recordEvents } from '../events/intake'

/** The subscriber's purchases are a view of their purchase events: shown to admins, written by no one. */
describe.each(testedDatabases())('subscriber purchases on %s', (kind) => {
  let local: LocalPayload
  let subscriber: number | string

  const purchasesAs = async (role: 'admin' | 'editor') => {
    const user = await createStaff(local.payload, role)
    const doc = await local.payload.findByID({
      id: subscriber,
      collection: 'subscribers',
      depth: 1,
      overrideAccess: false,
      user,
    })
    return (doc.purchases as unknown as undefined | { docs: { properties: unknown }[] })?.docs.map(
      (event) => event.properties,
    )
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    subscriber = (
      await local.payload.create({ collection: 'subscribers', data: { email: 'alice@example.com' } as never })
    ).id
    await recordEvents(local.payload, [
      { email: 'alice@example.com', id: 'shop-1', properties: { product: 'lohn-modul' }, type: 'purchase' },
      { email: 'alice@example.com', id: 'dl-1', properties: { asset: 'whitepaper-cloud' }, type: 'download' },
    ])
  }, 120_000)
  afterAll(() => local?.close())

  it('shows admins the purchase events, and only those', async () => {
    expect(await purchasesAs('admin')).toEqual([{ product: 'lohn-modul' }])
  })

  it('hides them from editors, who may not read events', async () => {
    expect(await purchasesAs('editor')).toBeUndefined()
  })

  it('cannot be written: purchases sent with a save change nothing and record no event', async () => {
    const admin = await createStaff(local.payload, 'admin')
    await local.payload.update({
      id: subscriber,
      collection: 'subscribers',
      data: { purchases: [{ product: 'basis-paket', purchasedAt: '2026-11-01T10:00:00.000Z' }] } as never,
      overrideAccess: false,
      user: admin,
    })
    expect(await purchasesAs('admin')).toEqual([{ product: 'lohn-modul' }])
    expect(
      (await local.payload.count({ collection: 'events', where: { type: { equals: 'purchase' } } })).totalDocs,
    ).toBe(1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type LocalPayload, startLocalPayload } from '../tests/helpers/localPayload'
import { specData } from '../tests/helpers/specData'

describe('staff accounts', () => {
  let local: LocalPayload
  beforeAll(async () => {
    local = await startLocalPayload('sqlite')
  })
  afterAll(() => local?.close())

  it('make the very first account an admin, later ones editors by default', async () => {
    const { payload } = local
    const first = await payload.create({
      collection: 'users',
      data: { email: 'owner@example.com', password: 'owner-password-1', role: 'editor' },
    })
    const second = await payload.create({
      collection: 'users',
      data: specData('users', { email: 'writer@example.com', password: 'writer-password-1' }),
    })
    expect(first.role).toBe('admin')
    expect(second.role).toBe('editor')
  })

  it('do not let an editor promote themselves or see other accounts', async () => {
    const { payload } = local
    const writer = (await payload.find({ collection: 'users', where: { email: { equals: 'writer@example.com' } } }))
      .docs[0]
    const updated = await payload.update({
      id: writer.id,
      collection: 'users',
      data: { name: 'Wri', role: 'admin' },
      overrideAccess: false,
      user: writer,
    })
    expect(updated.role).toBe('editor')
    expect(updated.name).toBe('Wri')

    const visible = await payload.find({ collection: 'users', overrideAccess: false, user: writer })
    expect(visible.docs.map((user) => user.email)).toEqual(['writer@example.com'])
  })

  it('let only an admin change an address: an editor cannot point their test sends at a customer', async () => {
    const { payload } = local
    const writer = (await payload.find({ collection: 'users', where: { email: { equals: 'writer@example.com' } } }))
      .docs[0]
    await expect(
      payload.update({
        collection: 'users',
        data: { email: 'robin.berger@kunde.example' },
        id: writer.id,
        overrideAccess: false,
        user: writer,
      }),
    ).rejects.toMatchObject({ status: 403 })
    expect((await payload.findByID({ collection: 'users', id: writer.id })).email).toBe('writer@example.com')
    const owner = (await payload.find({ collection: 'users', where: { email: { equals: 'owner@example.com' } } }))
      .docs[0]
    const moved = await payload.update({
      collection: 'users',
      data: { email: 'writer.neu@example.com' },
      id: writer.id,
      overrideAccess: false,
      user: owner,
    })
    expect(moved.email).toBe('writer.neu@example.com')
  })
})

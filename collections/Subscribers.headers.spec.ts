import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../tests/helpers/databases'
import { fieldErrors } from '../tests/helpers/errors'
import { type LocalPayload, startLocalPayload } from '../tests/helpers/localPayload'

/** Issue 14: what of a subscriber reaches mail headers (address, names) is one mailbox and one line. */
describe.each(testedDatabases())('subscriber fields that reach mail headers on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
  })
  afterAll(() => local?.close())

  it('stores an address with a trailing dot in its domain as the address, so it cannot exist twice', async () => {
    const first = await payload.create({ collection: 'subscribers', data: { email: 'Anna@Example.com.' } })
    expect(first.email).toBe('anna@example.com')
    expect(await fieldErrors(payload.create({ collection: 'subscribers', data: { email: 'anna@example.com' } }))).toEqual([expect.stringMatching(/^email: /)])
    await payload.create({ collection: 'subscribers', data: { email: 'ben@example.com' } })
    expect(await fieldErrors(payload.create({ collection: 'subscribers', data: { email: 'ben@example.com.' } }))).toEqual([expect.stringMatching(/^email: /)])
    expect((await payload.count({ collection: 'subscribers', where: { email: { like: 'example.com' } } })).totalDocs).toBe(2)
  })
})

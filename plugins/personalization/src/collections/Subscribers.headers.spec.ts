import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { fieldErrors } from '../../../../tests/helpers/errors'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { specData } from '../../../../tests/helpers/specData'
import { writeAtomically } from '../database/bulkWrite'

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
    const first = await payload.create({
      collection: 'subscribers',
      data: specData('subscribers', { email: 'Anna@Example.com.' }),
    })
    expect(first.email).toBe('anna@example.com')
    expect(
      await fieldErrors(
        payload.create({ collection: 'subscribers', data: specData('subscribers', { email: 'anna@example.com' }) }),
      ),
    ).toEqual([expect.stringMatching(/^email: /)])
    await payload.create({ collection: 'subscribers', data: specData('subscribers', { email: 'ben@example.com' }) })
    expect(
      await fieldErrors(
        payload.create({ collection: 'subscribers', data: specData('subscribers', { email: 'ben@example.com.' }) }),
      ),
    ).toEqual([expect.stringMatching(/^email: /)])
    expect(
      (await payload.count({ collection: 'subscribers', where: { email: { like: 'example.com' } } })).totalDocs,
    ).toBe(2)
  })

  it('saves names and titles on one line, and still updates a record that holds a line break from before', async () => {
    const anna = await payload.create({
      collection: 'subscribers',
      data: specData('subscribers', {
        academicTitle: 'Dr.\tmed.',
        email: 'kopf@example.com',
        firstName: 'Anna\r\nBcc: evil@example.net',
        lastName: ' Berger\u0000\u2028',
      }),
    })
    expect([anna.academicTitle, anna.firstName, anna.lastName]).toEqual([
      'Dr. med.',
      'Anna Bcc: evil@example.net',
      'Berger',
    ])
    expect(
      (
        await payload.update({
          collection: 'subscribers',
          data: { lastName: 'Berger\nCc: evil@example.net' },
          id: anna.id,
        })
      ).lastName,
    ).toBe('Berger Cc: evil@example.net')

    await writeAtomically(payload, {
      updates: [
        { collection: 'subscribers', data: { firstName: 'Alt\r\nBcc: evil@example.net' }, id: String(anna.id) },
      ],
    })
    const updated = await payload.update({ collection: 'subscribers', data: { region: 'DE-HH' }, id: anna.id })
    expect(updated.region).toBe('DE-HH')
    expect(
      (await payload.update({ collection: 'subscribers', data: { firstName: 'Anna' }, id: anna.id })).firstName,
    ).toBe('Anna')
  })
})

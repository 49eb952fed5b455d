import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { parse } from 'csv-parse/sync'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { writeMembers } from '../utilities/segmentService'

/**
 * The member export is opened in spreadsheets. Addresses may start with characters a spreadsheet
 * reads as a formula (`=1+1@…` is a valid address), so such cells must arrive as text.
 */
describe.each(testedDatabases())('segment CSV export on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let asAdmin: PayloadRequest
  let list: string
  const emails = ['=1+1@formel.example', '+49-30-1234@formel.example', '-2+3@formel.example', 'anna@kunde.example']

  const endpoint = (path: string) =>
    (payload.collections.segments.config.endpoints as Endpoint[]).find((candidate) => candidate.path === path)!
  const call = async (path: string, segment: string, text?: string) => {
    Object.assign(asAdmin, {
      routeParams: { id: segment },
      searchParams: new URLSearchParams(),
      text: async () => text ?? '',
    })
    const response = await endpoint(path).handler(asAdmin)
    return { body: await response.text(), status: response.status }
  }

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    const ids = []
    for (const email of emails)
      ids.push(String((await payload.create({ collection: 'subscribers', data: { email } as never })).id))
    list = String(
      (await payload.create({ collection: 'segments', data: { kind: 'static', name: 'Messe' } as never })).id,
    )
    await writeMembers(payload, list, ids, { replace: true })
    const admin = await createStaff(payload, 'admin')
    asAdmin = await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
  })
  afterAll(() => local?.close())

  it('writes cells that start with =, + or - as text, and imports its own file back unchanged', async () => {
    const exported = await call('/:id/export', list)
    expect(exported.status).toBe(200)
    const cells = (parse(exported.body) as string[][]).slice(1).map(([, email]) => email)
    expect(cells).toEqual([
      "'=1+1@formel.example",
      "'+49-30-1234@formel.example",
      "'-2+3@formel.example",
      'anna@kunde.example',
    ])

    const copy = String(
      (await payload.create({ collection: 'segments', data: { kind: 'static', name: 'Messe (Kopie)' } as never })).id,
    )
    expect(await call('/:id/import', copy, exported.body)).toEqual({
      body: JSON.stringify({ imported: 4, memberCount: 4 }),
      status: 200,
    })
  })
})

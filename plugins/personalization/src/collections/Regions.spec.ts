import type { CollectionSlug, Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { fieldErrors, missingId } from '../../../../tests/helpers/errors'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { paragraphsToRichText } from '../utilities/richText'
import { CONVERSIONS } from './Conversions'
import { REGIONS } from './Regions'

// The collections are new: their slugs reach Payload's generated types with the next `npm run generate`.
const regions = REGIONS as CollectionSlug
const conversions = CONVERSIONS as CollectionSlug

describe.each(testedDatabases())('regions, conversions and the block fields naming them on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
  })
  afterAll(() => local?.close())

  const block = (data: Record<string, unknown>) =>
    payload.create({
      collection: 'content-blocks',
      data: { body: paragraphsToRichText(['Text']), channels: ['email'], title: 'Regionaler Block', ...data } as never,
    })

  it('takes ISO 3166 countries and subdivisions, in any case, and rejects anything else', async () => {
    const austria = await payload.create({ collection: regions, data: { code: 'at', name: 'Österreich' } as never })
    expect((austria as unknown as { code: string }).code).toBe('AT')
    await payload.create({ collection: regions, data: { code: 'DE-BY', name: 'Bayern' } as never })
    for (const code of ['XX', 'Bayern', 'DE_BY', 'UK', 'DE-BAYERN'])
      expect(await fieldErrors(payload.create({ collection: regions, data: { code, name: code } as never }))).toEqual([
        'code: Kein ISO-3166-Code: ein Land wie AT oder eine Region wie DE-BY.',
      ])
    expect(
      await fieldErrors(payload.create({ collection: regions, data: { code: 'AT', name: 'Nochmal' } as never })),
    ).toEqual([expect.stringMatching(/^code: /)])
    expect((await payload.find({ collection: regions })).totalDocs).toBe(2)
  })

  it("stores a subscriber's region as an upper-case ISO code, refuses free text, and keeps an old free-text value until edited", async () => {
    const created = await payload.create({
      collection: 'subscribers',
      data: { email: 'r1@example.com', region: ' at-9 ' } as never,
    })
    expect(created.region).toBe('AT-9')
    expect(
      await fieldErrors(
        payload.create({ collection: 'subscribers', data: { email: 'r2@example.com', region: 'Bayern' } as never }),
      ),
    ).toEqual(['region: Kein ISO-3166-Code: ein Land wie AT oder eine Region wie DE-BY.'])
    expect(
      (await payload.find({ collection: 'subscribers', where: { email: { equals: 'r2@example.com' } } })).totalDocs,
    ).toBe(0)
    // A row from before codes were required, written past the field validation as an old version would have.
    await payload.db.updateOne({ collection: 'subscribers', data: { region: 'Oberbayern' }, id: created.id })
    const touched = await payload.update({ collection: 'subscribers', data: { firstName: 'Rosi' }, id: created.id })
    expect([touched.firstName, touched.region]).toEqual(['Rosi', 'Oberbayern'])
    expect(
      await fieldErrors(
        payload.update({ collection: 'subscribers', data: { region: 'Niederbayern' }, id: created.id }),
      ),
    ).toEqual(['region: Kein ISO-3166-Code: ein Land wie AT oder eine Region wie DE-BY.'])
  })

  it('takes a conversion with a slug key and a kind, and rejects a key that is no slug', async () => {
    const whitepaper = await payload.create({
      collection: conversions,
      data: { key: 'whitepaper-cloud', kind: 'download', name: 'Whitepaper Cloud' } as never,
    })
    expect(whitepaper).toMatchObject({ key: 'whitepaper-cloud', kind: 'download' })
    expect(
      await fieldErrors(
        payload.create({
          collection: conversions,
          data: { key: 'Whitepaper Cloud.pdf', kind: 'download', name: 'X' } as never,
        }),
      ),
    ).toEqual(['key: Nur Kleinbuchstaben, Ziffern, - und _.'])
    expect(
      await fieldErrors(
        payload.create({ collection: conversions, data: { key: 'demo', kind: 'call', name: 'X' } as never }),
      ),
    ).toEqual([expect.stringMatching(/^kind: /)])
  })

  it('tags a block with regions and a conversion, and rejects unknown ones and a window under a day at save time', async () => {
    const [austria] = (await payload.find({ collection: regions, where: { code: { equals: 'AT' } } })).docs
    const [whitepaper] = (await payload.find({ collection: conversions })).docs
    const tagged = await block({ conversionWindowDays: 30, convertsOn: whitepaper.id, regions: [austria.id] })
    expect(tagged).toMatchObject({ conversionWindowDays: 30 })

    const before = await payload.count({ collection: 'content-blocks' })
    expect(await fieldErrors(block({ regions: [austria.id, missingId(kind)] }))).toEqual([
      `regions: Nicht gefunden in regions: ${missingId(kind)}`,
    ])
    expect(await fieldErrors(block({ convertsOn: missingId(kind) }))).toEqual([
      `convertsOn: Nicht gefunden in conversions: ${missingId(kind)}`,
    ])
    for (const days of [0, 1.5])
      expect(await fieldErrors(block({ conversionWindowDays: days, convertsOn: whitepaper.id }))).toEqual([
        'conversionWindowDays: Ganze Tage, mindestens 1.',
      ])
    expect(await payload.count({ collection: 'content-blocks' })).toEqual(before)
  })
})

import type { Endpoint, Payload, PayloadRequest } from 'payload'

import http from 'node:http'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../../tests/helpers/databases'
import { createStaff, type LocalPayload, startLocalPayload } from '../../../../../tests/helpers/localPayload'
import { PRODUCTS_SLUG } from '../../collections/Products'
import { personalizationOptions } from '../../extensions'

type Stored = {
  availability: string
  categories: number[]
  id: number
  name: string
  price: number
  sku: string
  updatedAt: string
}

/** A German spreadsheet's export: semicolons, decimal commas, categories by interest slug. */
const GOOD_FEED = [
  'SKU;Name;Price;Currency;Categories;URL;Image URL;Availability;Promoted',
  'LOHN-1;Lohnabrechnung Pro;249,00;EUR;lohn;https://shop.example/lohn;https://shop.example/lohn.png;in_stock;ja',
  'HOST-1;Hosting Basis;19.5;eur;hosting|lohn;https://shop.example/host;;Vorbestellbar;nein',
].join('\n')

describe.each(testedDatabases())('product feed import on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let asAdmin: PayloadRequest
  let asEditor: PayloadRequest
  let interests: Record<string, number | string>
  let server: http.Server
  let feedUrl: string
  let served = GOOD_FEED

  const endpoint = () =>
    (payload.collections[PRODUCTS_SLUG as 'interests'].config.endpoints as Endpoint[]).find(
      (candidate) => candidate.path === '/import',
    )!
  /** The endpoint as Payload's REST handler calls it: the request's body, type and address. */
  const post = async (req: PayloadRequest, body: string, contentType: string, query = '') => {
    Object.assign(req, {
      body: new Blob([body]).stream(),
      headers: new Headers({ 'content-type': contentType }),
      url: `http://localhost/api/${PRODUCTS_SLUG}/import${query}`,
    })
    const response = await endpoint().handler(req)
    return { body: (await response.json()) as Record<string, any>, status: response.status }
  }
  const stored = async () =>
    (await payload.find({ collection: PRODUCTS_SLUG as never, depth: 0, pagination: false, sort: 'sku' }))
      .docs as unknown as Stored[]

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    interests = {}
    for (const slug of ['lohn', 'hosting'])
      interests[slug] = (await payload.create({ collection: 'interests', data: { label: slug, slug } as never })).id
    asAdmin = await createLocalReq(
      { user: { ...(await createStaff(payload, 'admin')), collection: 'users' } as never },
      payload,
    )
    asEditor = await createLocalReq(
      { user: { ...(await createStaff(payload, 'editor')), collection: 'users' } as never },
      payload,
    )
    server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/csv' })
      response.end(served)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    feedUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/feed.csv`
  }, 120_000)
  afterAll(async () => {
    server?.close()
    await local?.close()
  })

  it('creates the products of a CSV feed, and the same feed again changes nothing', async () => {
    const first = await post(asAdmin, GOOD_FEED, 'text/csv')
    expect(first).toMatchObject({ body: { created: 2, status: 'imported', unchanged: 0, updated: 0 }, status: 200 })
    const before = await stored()
    expect(
      before.map(({ availability, categories, name, price, sku }) => ({ availability, categories, name, price, sku })),
    ).toEqual([
      {
        availability: 'preorder',
        categories: [interests.hosting, interests.lohn],
        name: 'Hosting Basis',
        price: 19.5,
        sku: 'HOST-1',
      },
      { availability: 'in_stock', categories: [interests.lohn], name: 'Lohnabrechnung Pro', price: 249, sku: 'LOHN-1' },
    ])
    const again = await post(asAdmin, GOOD_FEED, 'text/csv')
    expect(again.body).toMatchObject({ created: 0, status: 'imported', unchanged: 2, updated: 0 })
    expect((await stored()).map((product) => product.updatedAt)).toEqual(before.map((product) => product.updatedAt))
  })

  it('updates only the rows that changed (JSON feed, upsert by SKU)', async () => {
    const feed = [
      {
        categories: ['lohn'],
        currency: 'EUR',
        name: 'Lohnabrechnung Pro',
        price: 199,
        promoted: true,
        sku: 'LOHN-1',
        url: 'https://shop.example/lohn',
        image_url: 'https://shop.example/lohn.png',
      },
      {
        categories: ['hosting', 'lohn'],
        currency: 'EUR',
        name: 'Hosting Basis',
        price: 19.5,
        sku: 'HOST-1',
        url: 'https://shop.example/host',
        availability: 'preorder',
        promoted: false,
      },
    ]
    const result = await post(asAdmin, JSON.stringify({ products: feed }), 'application/json')
    expect(result.body).toMatchObject({ created: 0, status: 'imported', unchanged: 1, updated: 1 })
    expect((await stored()).find((product) => product.sku === 'LOHN-1')?.price).toBe(199)
  })

  it('refuses a feed with a bad row, a product without price and an unknown currency, naming the rows, and stores nothing', async () => {
    const before = await stored()
    const feed = [
      'sku,name,price,currency,categories',
      'NEU-1,Neues Produkt,10,EUR,lohn',
      'NEU-2,Ohne Preis,,EUR,',
      'NEU-3,Falsche Währung,5,EUX,',
      'LOHN-1,Lohnabrechnung Pro,abc,EUR,unbekannt',
      // German Excel's thousands separator: read as a decimal this would be 1,25 € in every mail.
      'NEU-4,Jahreslizenz,"1.250",EUR,',
    ].join('\n')
    const result = await post(asAdmin, feed, 'text/csv')
    expect(result.status).toBe(422)
    expect(result.body.status).toBe('rejected')
    expect(result.body.errors.map(({ code, field, row }: Record<string, unknown>) => ({ code, field, row }))).toEqual([
      { code: 'PRICE_MISSING', field: 'price', row: 3 },
      { code: 'CURRENCY_UNKNOWN', field: 'currency', row: 4 },
      { code: 'PRICE_NOT_A_NUMBER', field: 'price', row: 5 },
      { code: 'CATEGORY_UNKNOWN', field: 'categories', row: 5 },
      { code: 'PRICE_NOT_A_NUMBER', field: 'price', row: 6 },
    ])
    expect(result.body.errors[0].message).toBe('Der Preis fehlt.')
    expect(await stored()).toEqual(before)
  })

  it('refuses a feed without a required column or that is not JSON, as a whole', async () => {
    const missing = await post(asAdmin, 'sku;name;price\nA;B;1', 'text/csv')
    expect(missing).toMatchObject({
      body: { status: 'rejected', structure: { code: 'FEED_COLUMNS_MISSING' } },
      status: 422,
    })
    expect(missing.body.structure.message).toContain('currency')
    const broken = await post(asAdmin, '[{"sku": "A",', 'application/json')
    expect(broken.body).toMatchObject({ status: 'rejected', structure: { code: 'FEED_UNREADABLE' } })
  })

  it('is for admins only', async () => {
    expect((await post(asEditor, GOOD_FEED, 'text/csv')).status).toBe(403)
  })

  it('fetches a feed by URL, but never from the own network unless the deployment allows it', async () => {
    const refused = await post(asAdmin, JSON.stringify({ url: feedUrl }), 'application/json')
    expect(refused).toMatchObject({ body: { error: { code: 'FEED_URL_REFUSED' } }, status: 422 })
    const notHttp = await post(asAdmin, JSON.stringify({ url: 'file:///etc/passwd' }), 'application/json')
    expect(notHttp.body.error.code).toBe('FEED_URL_REFUSED')

    const options = personalizationOptions(payload)
    options.allowPrivateWebhooks = true
    try {
      served = `${GOOD_FEED}\nNEU-9;Neu aus der URL;1,99;EUR;;;;;`
      const fetched = await post(asAdmin, JSON.stringify({ url: feedUrl }), 'application/json', '?language=en')
      expect(fetched.body).toMatchObject({ created: 1, status: 'imported' })
      const english = await payload.find({
        collection: PRODUCTS_SLUG as never,
        locale: 'en' as never,
        where: { sku: { equals: 'NEU-9' } },
      })
      expect((english.docs[0] as unknown as Stored).name).toBe('Neu aus der URL')
    } finally {
      options.allowPrivateWebhooks = false
    }
  })
})

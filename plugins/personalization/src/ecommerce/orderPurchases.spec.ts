import type { Payload } from 'payload'

import { ecommercePlugin, EUR } from '@payloadcms/plugin-ecommerce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { personalization } from '../plugin'

const staffOnly = ({ req }: { req: { user?: unknown } }) => Boolean(req.user)

/** The real @payloadcms/plugin-ecommerce with products (`slug` and `title` fields added, as its shop template does) and orders. */
const shop = (customersSlug: string) =>
  ecommercePlugin({
    access: {
      adminOnlyFieldAccess: staffOnly,
      adminOrPublishedStatus: staffOnly,
      isAdmin: staffOnly,
      isDocumentOwner: staffOnly,
    },
    currencies: { defaultCurrency: 'EUR', supportedCurrencies: [EUR] },
    customers: { slug: customersSlug },
    orders: true,
    products: {
      productsCollectionOverride: ({ defaultCollection }) => ({
        ...defaultCollection,
        fields: [...defaultCollection.fields, { name: 'slug', type: 'text' }, { name: 'title', type: 'text' }],
      }),
      variants: false,
    },
  })

/**
 * A stock Payload shop with @payloadcms/plugin-ecommerce and the core plugin (`ecommerce: true`):
 * orders become purchase events through the ecommerce plugin's own collections and Local API.
 */
describe('shop orders as purchase events (stock host with @payloadcms/plugin-ecommerce, SQLite)', () => {
  let host: StockPayload
  let payload: Payload
  let alice: string
  let payroll: { id: number | string }
  let hosting: { id: number | string }

  const purchasesOf = async (subscriber: string) =>
    (
      await payload.find({
        collection: 'events',
        depth: 0,
        pagination: false,
        sort: 'eventId',
        where: { and: [{ subscriber: { equals: subscriber } }, { type: { equals: 'purchase' } }] },
      })
    ).docs
  const order = (data: Record<string, unknown>) =>
    payload.create({ collection: 'orders' as never, data: { currency: 'EUR', ...data } as never }) as Promise<{
      createdAt: string
      id: number | string
      items: { id: string }[]
    }>

  beforeAll(async () => {
    host = await startStockPayload((slugs) => [
      shop(slugs.usersSlug),
      personalization({ ...slugs, ecommerce: true, publicUrl: STOCK_HOST_URL }),
    ])
    payload = host.payload
    const create = (email: string) =>
      payload.create({ collection: 'subscribers', data: { email } as never }).then(({ id }) => String(id))
    alice = await create('alice@example.com')
    const product = (data: Record<string, unknown>) =>
      payload.create({ collection: 'products' as never, data: { priceInEUREnabled: true, ...data } as never })
    payroll = await product({ priceInEUR: 24_900, slug: 'lohn-modul' })
    hosting = await product({ priceInEUR: 1_950 })
  }, 120_000)
  afterAll(async () => {
    await host?.close()
  })

  it('records one purchase per item of a paid order, for the subscriber with the customer email', async () => {
    const paid = await order({
      amount: 28_800,
      customerEmail: 'Alice@Example.com',
      items: [
        { product: payroll.id, quantity: 1 },
        { product: hosting.id, quantity: 2 },
      ],
      status: 'processing',
    })
    const events = await purchasesOf(alice)
    expect(
      events.map(({ eventId, occurredAt, properties, source }) => ({ eventId, occurredAt, properties, source })),
    ).toEqual(
      [
        {
          eventId: `order:${paid.id}:${paid.items[0].id}`,
          occurredAt: paid.createdAt,
          properties: { amount: 249, currency: 'EUR', order: String(paid.id), product: 'lohn-modul', quantity: 1 },
          source: 'ecommerce',
        },
        {
          eventId: `order:${paid.id}:${paid.items[1].id}`,
          occurredAt: paid.createdAt,
          // No slug: the product's id names it.
          properties: { amount: 39, currency: 'EUR', order: String(paid.id), product: String(hosting.id), quantity: 2 },
          source: 'ecommerce',
        },
      ].sort((a, b) => a.eventId.localeCompare(b.eventId)),
    )

    // Saved again (completed, later), the order adds nothing.
    await payload.update({ id: paid.id, collection: 'orders' as never, data: { status: 'completed' } as never })
    await payload.update({ id: paid.id, collection: 'orders' as never, data: { status: 'completed' } as never })
    expect((await purchasesOf(alice)).map((event) => event.eventId)).toEqual(events.map((event) => event.eventId))

    // And the subscriber's read-only purchases show them.
    const subscriber = await payload.findByID({ id: alice, collection: 'subscribers', depth: 1 })
    const shown = (subscriber.purchases as unknown as { docs: { eventId: string }[] }).docs
    expect(shown.map((event) => event.eventId).sort()).toEqual(events.map((event) => event.eventId).sort())
  })

  it('finds the subscriber through the order’s customer account when the order has no email', async () => {
    const bob = await payload.create({ collection: 'subscribers', data: { email: 'bob@example.com' } as never })
    const customer = (await payload.create({
      collection: 'staff' as never,
      data: { email: 'bob@example.com', password: 'customer-password-1' } as never,
    })) as { id: number | string }
    const paid = await order({
      customer: customer.id,
      items: [{ product: payroll.id, quantity: 1 }],
      status: 'completed',
    })
    expect((await purchasesOf(String(bob.id))).map((event) => event.eventId)).toEqual([
      `order:${paid.id}:${paid.items[0].id}`,
    ])
  })

  it('records nothing for orders not paid, and nothing (without an error) for customers who are no subscribers', async () => {
    const before = (await purchasesOf(alice)).length
    const cancelled = await order({
      customerEmail: 'alice@example.com',
      items: [{ product: hosting.id, quantity: 1 }],
      status: 'cancelled',
    })
    await order({
      customerEmail: 'walk-in@example.com',
      items: [{ product: payroll.id, quantity: 1 }],
      status: 'processing',
    })
    expect(await purchasesOf(alice)).toHaveLength(before)
    const all = await payload.find({ collection: 'events', depth: 0, where: { source: { equals: 'ecommerce' } } })
    expect(all.docs.some((event) => event.eventId.startsWith(`order:${cancelled.id}:`))).toBe(false)
    expect(all.totalDocs).toBe(before + 1) // alice's two items and bob's one
  })

  it('mirrors published shop products into the catalog by SKU, keeping what marketing set there', async () => {
    type Catalog = {
      availability: string
      categories: unknown[]
      currency: string
      id: number
      name: string
      price: number
      promoted: boolean
      source: string
      url: string
    }
    const catalog = async (sku: string) =>
      (await payload.find({ collection: 'catalog-products' as never, depth: 0, where: { sku: { equals: sku } } }))
        .docs as unknown as Catalog[]
    const shopProduct = (await payload.create({
      collection: 'products' as never,
      data: {
        _status: 'published',
        inventory: 5,
        priceInEUR: 4_990,
        priceInEUREnabled: true,
        slug: 'zeiterfassung',
        title: 'Zeiterfassung',
      } as never,
    })) as { id: number }
    const [mirrored] = await catalog('zeiterfassung')
    expect(mirrored).toMatchObject({
      availability: 'in_stock',
      currency: 'EUR',
      name: 'Zeiterfassung',
      price: 49.9,
      source: 'shop',
      url: `${STOCK_HOST_URL}/products/zeiterfassung`,
    })
    // Marketing promotes it and files it under an interest; the shop's next change keeps both.
    const interest = await payload.create({ collection: 'interests', data: { label: 'HR', slug: 'hr' } as never })
    await payload.update({
      id: mirrored.id,
      collection: 'catalog-products' as never,
      data: { categories: [interest.id], promoted: true } as never,
    })
    await payload.update({
      id: shopProduct.id,
      collection: 'products' as never,
      data: { _status: 'published', inventory: 0, priceInEUR: 3_990 } as never,
    })
    const [sold] = await catalog('zeiterfassung')
    expect(sold).toMatchObject({ availability: 'out_of_stock', categories: [interest.id], price: 39.9, promoted: true })

    await payload.delete({ id: shopProduct.id, collection: 'products' as never })
    expect((await catalog('zeiterfassung'))[0].availability).toBe('out_of_stock')
    // Drafts (the products created above) are not in the catalog.
    expect(await catalog('lohn-modul')).toEqual([])
  })

  it('stops the config when the option names an orders collection the host does not have', async () => {
    await expect(
      startStockPayload((slugs) => [personalization({ ...slugs, ecommerce: { ordersSlug: 'bestellungen' } })]),
    ).rejects.toThrow(
      'personalization(): no orders collection "bestellungen" (option ecommerce.ordersSlug); add ecommercePlugin({ orders: true }) before personalization() in plugins',
    )
  })
})

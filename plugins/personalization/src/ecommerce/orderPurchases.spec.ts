import type { Payload } from 'payload'

import { ecommercePlugin, EUR } from '@payloadcms/plugin-ecommerce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startStockPayload, STOCK_HOST_URL, type StockPayload } from '../../../../tests/helpers/stockPayload'
import { personalization } from '../plugin'

const staffOnly = ({ req }: { req: { user?: unknown } }) => Boolean(req.user)

/** The real @payloadcms/plugin-ecommerce with products (a `slug` field added, as its shop template does) and orders. */
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
        fields: [...defaultCollection.fields, { name: 'slug', type: 'text' }],
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

  it('stops the config when the option names an orders collection the host does not have', async () => {
    await expect(
      startStockPayload((slugs) => [personalization({ ...slugs, ecommerce: { ordersSlug: 'bestellungen' } })]),
    ).rejects.toThrow(
      'personalization(): no orders collection "bestellungen" (option ecommerce.ordersSlug); add ecommercePlugin({ orders: true }) before personalization() in plugins',
    )
  })
})

import type { Payload, PayloadRequest } from 'payload'

import { configToSchema } from '@payloadcms/graphql'
import { createRequire } from 'node:module'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../../../tests/helpers/databases'
import { type LocalPayload } from '../../../../../tests/helpers/localPayload'
import { startDemoPayload } from '../../../../../tests/helpers/referenceApp'
import { PRODUCTS_SLUG } from '../../collections/Products'
import { recipientRenderer } from '../../engine/recipientRenderer'
import { personalizedLandingPage, personalizedNewsletter } from '../../engine/service'
import { invalidatePurchaseModel, purchaseModelOf } from './load'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()

/**
 * Recommendation slots in the demo's newsletter and landing page, on a real database: the catalog, the
 * purchase model from purchase events, the reader's purchases and product views (page_viewed with a product).
 */
describe.each(testedDatabases())('product recommendations in documents on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let asAdmin: PayloadRequest
  let anna: number | string
  let interests: Record<string, number | string>

  const event = (subscriber: number | string, type: string, days: number, product: string, index: number) =>
    payload.create({
      collection: 'events',
      data: {
        eventId: `${subscriber}-${type}-${product}-${index}`,
        occurredAt: ago(days),
        properties: type === 'page_viewed' ? { product, url: `https://shop.example/${product}` } : { product },
        subscriber,
        type,
      } as never,
    })

  beforeAll(async () => {
    local = await startDemoPayload(kind, { pushSchema: true })
    payload = local.payload
    const admin = (await payload.find({ collection: 'users', where: { role: { equals: 'admin' } } })).docs[0]
    asAdmin = await createLocalReq({ user: { ...admin, collection: 'users' } }, payload)
    interests = {}
    for (const slug of ['lohnabrechnung', 'datensicherung'])
      interests[slug] = (await payload.find({ collection: 'interests', where: { slug: { equals: slug } } })).docs[0].id
    const product = (sku: string, name: string, price: number, interest: string, extra: Record<string, unknown> = {}) =>
      payload.create({
        collection: PRODUCTS_SLUG as never,
        data: {
          categories: [interests[interest]],
          currency: 'EUR',
          imageUrl: `https://shop.example/${sku}.png`,
          name,
          price,
          promoted: true,
          sku,
          url: `https://shop.example/${sku}`,
          ...extra,
        } as never,
      })
    await product('lohn-pro', 'Lohnabrechnung Pro', 249, 'lohnabrechnung')
    await product('lohn-app', 'Lohn-App', 19.9, 'lohnabrechnung')
    await product('lohn-buch', 'Handbuch Lohn', 39, 'lohnabrechnung', { promoted: false })
    await product('lohn-en', 'Payroll (UK)', 99, 'lohnabrechnung', { locale: 'en' })
    await product('backup-s', 'Backup S', 9.5, 'datensicherung')
    await product('backup-m', 'Backup M', 19, 'datensicherung', { availability: 'out_of_stock' })
    await product('backup-xl', 'Backup XL', 49, 'datensicherung', { promoted: false })

    const subscriber = async (email: string) =>
      (await payload.create({ collection: 'subscribers', data: { email } as never })).id
    anna = await subscriber('anna.reko@example.com')
    // Anna bought Lohnabrechnung Pro long ago and Backup S three days ago (inside the 30-day guard);
    // she looked at the manual two days ago and at Backup M (sold out) yesterday.
    await event(anna, 'purchase', 200, 'lohn-pro', 0)
    await event(anna, 'purchase', 3, 'backup-s', 0)
    await event(anna, 'page_viewed', 2, 'lohn-buch', 0)
    await event(anna, 'page_viewed', 1, 'backup-m', 0)
    // Four customers bought both backups lately; three of them Lohnabrechnung Pro with the app, earlier.
    for (let index = 1; index <= 4; index++) {
      const customer = await subscriber(`kunde-${index}@example.com`)
      await event(customer, 'purchase', 10, 'backup-s', index)
      await event(customer, 'purchase', 10, 'backup-xl', index)
      if (index <= 3) {
        await event(customer, 'purchase', 50, 'lohn-pro', index)
        await event(customer, 'purchase', 50, 'lohn-app', index)
      }
    }
    invalidatePurchaseModel(payload)

    const newsletter = (await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } }))
      .docs[0]
    await payload.update({
      id: newsletter.id,
      collection: 'newsletters',
      data: {
        recommendationSlots: [
          { count: 1, heading: 'Kunden kauften auch', key: 'dazu', strategy: 'alsoBought' },
          { count: 2, heading: 'Für Sie ausgewählt', key: 'fuer-sie', strategy: 'personal' },
          {
            buttonLabel: 'Weiterlesen',
            count: 2,
            heading: 'Zuletzt angesehen',
            key: 'angesehen',
            strategy: 'recentlyViewed',
          },
        ],
      } as never,
    })
    const page = (await payload.find({ collection: 'landing-pages', where: { slug: { equals: 'fuer-sie' } } })).docs[0]
    await payload.update({
      id: page.id,
      collection: 'landing-pages',
      data: {
        recommendationSlots: [{ count: 3, heading: 'Gerade gefragt', key: 'trend', strategy: 'personal' }],
      } as never,
    })
  }, 300_000)
  afterAll(() => local?.close())

  it('fills every strategy for a subscriber, with reasons, and renders the grid in the mail', async () => {
    const result = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: anna })
    expect(
      result.recommendations.map((slot) => ({
        key: slot.key,
        products: slot.products.map((product) => [product.sku, product.reason.code, product.reason.text]),
      })),
    ).toEqual([
      {
        key: 'dazu',
        // Backup S is her latest purchase: the four who bought it with Backup XL make the pair (the demo's other buyers set the lift).
        products: [
          [
            'backup-xl',
            'also_bought',
            expect.stringMatching(/^Wird oft zusammen mit „Backup S“ gekauft \(Lift [\d,]+, 4 gemeinsame Käufe\)\.$/),
          ],
        ],
      },
      {
        key: 'fuer-sie',
        // Promoted, in the category she bought in; Backup S was bought three days ago (guard), Backup M is sold out.
        products: [
          ['lohn-app', 'personal', 'Beworben; passt zu Interessen und Käufen in Lohnabrechnung.'],
          ['lohn-pro', 'personal', 'Beworben; passt zu Interessen und Käufen in Lohnabrechnung.'],
        ],
      },
      {
        key: 'angesehen',
        products: [
          ['lohn-buch', 'recently_viewed', expect.stringMatching(/^Zuletzt angesehen am .+, noch nicht gekauft\.$/)],
        ],
      },
    ])
    const [pair] = result.recommendations[0].products
    expect(pair.reason).toMatchObject({ code: 'also_bought', product: 'backup-s', support: 4 })
    expect((pair.reason as { lift: number }).lift).toBeGreaterThan(1)
    expect(result.recommendations[1].products[0]).toMatchObject({
      currency: 'EUR',
      image: { url: 'https://shop.example/lohn-app.png' },
      price: 19.9,
      priceFormatted: '19,90\u00a0€',
      url: 'https://shop.example/lohn-app',
    })
    // The MJML grid in the mail: heading, image, name, German price, button.
    expect(result.html).toContain('Kunden kauften auch')
    expect(result.html).toContain('Für Sie ausgewählt')
    expect(result.html).toContain('https://shop.example/lohn-app.png')
    expect(result.html).toContain('19,90')
    expect(result.html).toMatch(/<a[^>]+href="https:\/\/shop\.example\/lohn-buch"[^>]*>[\s\S]*?Weiterlesen/)
    expect(result.text).toContain('- Handbuch Lohn: 39,00\u00a0€\n  https://shop.example/lohn-buch')
    const shown = result.recommendations.flatMap((slot) => slot.products.map((product) => product.sku))
    expect(shown).not.toContain('backup-s')
    expect(shown).not.toContain('backup-m')
    expect(shown).not.toContain('lohn-en')
  })

  it('fills the grids of a campaign send from the batch’s histories, with the same products', async () => {
    const newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0]
    const renderer = await recipientRenderer(payload, newsletter as never, new Date())
    const reader = await payload.findByID({ id: anna, collection: 'subscribers', depth: 0 })
    const histories = await renderer.histories([String(anna)], new Date())
    const mail = await renderer.render({
      behaviour: histories.get(String(anna)),
      recentBlocks: [],
      segments: new Set(),
      subscriber: reader as never,
    })
    const preview = await personalizedNewsletter(asAdmin, { newsletter: 'wochen-update', subscriber: anna })
    const grid = (html: string) =>
      [...html.matchAll(/https:\/\/shop\.example\/([\w-]+)\.png/g)].map((match) => match[1])
    expect(grid(mail.html)).toEqual(['backup-xl', 'lohn-app', 'lohn-pro', 'lohn-buch'])
    expect(grid(mail.html)).toEqual(grid(preview.html))
    expect(mail.text).toContain('- Handbuch Lohn: 39,00\u00a0€')
  })

  it('gives anonymous readers of a landing page what is trending, as HTML and JSON', async () => {
    const page = await personalizedLandingPage(asAdmin, { slug: 'fuer-sie' })
    expect(page.recommendations[0].products.map((product) => [product.sku, product.reason.code])).toEqual([
      ['backup-s', 'trending'],
      ['backup-xl', 'trending'],
      // Nothing else sold in the last 30 days: a promoted product completes the slot.
      ['lohn-app', 'promoted'],
    ])
    expect(page.html).toContain('<h2>Gerade gefragt</h2>')
    expect(page.html).toContain('<p class="price">9,50\u00a0€</p>')
  })

  it('answers the GraphQL query of a frontend with the recommendations as JSON (the product schema, anonymous)', async () => {
    // The graphql copy Payload builds its schema with (Node's resolution), not the one the test runner would bundle.
    const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql')
    const { schema } = configToSchema(payload.config)
    const visitor = await createLocalReq({}, payload)
    Object.assign(visitor, { headers: new Headers({ 'x-client-ip': '203.0.113.9' }) })
    const result = await graphql({
      contextValue: { req: visitor },
      schema,
      source: `{ personalizedLandingPage(slug: "fuer-sie") {
        recommendations { key heading strategy products { sku name priceFormatted url image { url } reason { code text count days } } }
      } }`,
    })
    expect(result.errors).toBeUndefined()
    const [slot] = (result.data as { personalizedLandingPage: { recommendations: Record<string, any>[] } })
      .personalizedLandingPage.recommendations
    expect(slot).toMatchObject({ heading: 'Gerade gefragt', key: 'trend', strategy: 'personal' })
    expect(slot.products[0]).toEqual({
      image: { url: 'https://shop.example/backup-s.png' },
      name: 'Backup S',
      priceFormatted: '9,50\u00a0€',
      reason: { code: 'trending', count: 5, days: 30, text: 'Im Trend (5 Käufe in 30 Tagen).' },
      sku: 'backup-s',
      url: 'https://shop.example/backup-s',
    })

    // For frontends that render themselves: one ad-hoc slot, the same rules.
    const ask = async (req: PayloadRequest, args: string) => {
      const answer = await graphql({
        contextValue: { req },
        schema,
        source: `{ personalizedRecommendations(${args}) { strategy products { sku reason { code } } } }`,
      })
      return {
        // Executed without Payload's HTTP handler, whose afterError hook copies the code into extensions.
        code: (answer.errors?.[0]?.originalError as null | undefined | { code?: string })?.code,
        products: (
          answer.data?.personalizedRecommendations as
            undefined | { products: { reason: { code: string }; sku: string }[] }
        )?.products.map((product) => [product.sku, product.reason.code]),
      }
    }
    expect(await ask(asAdmin, `subscriber: "${anna}", filter: { strategy: "recentlyViewed" }`)).toEqual({
      code: undefined,
      products: [['lohn-buch', 'recently_viewed']],
    })
    expect(await ask(visitor, 'filter: { strategy: "trending", categories: ["datensicherung"] }, limit: 5')).toEqual({
      code: undefined,
      products: [
        ['backup-s', 'trending'],
        ['backup-xl', 'trending'],
      ],
    })
    expect((await ask(visitor, 'filter: { strategy: "bestseller" }')).code).toBe('BAD_USER_INPUT')
  })

  // Last: it adds purchases the other tests' lifts do not expect.
  it('builds the purchase model from every stored purchase, leaving out products that cannot be SKUs', async () => {
    invalidatePurchaseModel(payload)
    const before = await purchaseModelOf(payload)
    // The demo's purchases and those above, whatever form the database hands them over in.
    expect(before.buyers.get('backup-s')).toBe(5)
    expect(before.buyers.get('lohn-pro')).toBe(4)
    const buyer = (await payload.create({ collection: 'subscribers', data: { email: 'zeichen@example.com' } as never }))
      .id
    // A NUL ends a text in SQLite: before the fix the purchases after it in the same read were lost (PostgreSQL's jsonb refuses it).
    if (kind !== 'postgres') await event(buyer, 'purchase', 1, 'kaputt\u0000produkt', 0)
    await event(buyer, 'purchase', 1, 'tee-grün-ü', 0)
    await event(buyer, 'purchase', 1, 'kaputt\u001eprodukt', 0)
    await event(buyer, 'purchase', 1, 'kaputt\u001fprodukt', 0)
    invalidatePurchaseModel(payload)
    const after = await purchaseModelOf(payload)
    expect(after.customers).toBe(before.customers + 1)
    expect(after.buyers.get('tee-grün-ü')).toBe(1)
    expect([...after.buyers.keys()].filter((sku) => sku.startsWith('kaputt'))).toEqual([])
    expect(after.recent.get('tee-grün-ü')).toBe(1)
  })
})

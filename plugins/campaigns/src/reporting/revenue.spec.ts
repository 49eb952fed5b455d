import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { idFromKey, recordEvents } from '@kontorwerk/personalization'

import type { Newsletter } from '../documents'

import { createAudience } from '../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../tests/helpers/databases'
import { CAMPAIGN_SENDS } from '../defaults'
import { campaignReport } from './campaignReport'

const DAY = 86_400_000

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('revenue by last click on %s', (kind) => {
  let world: CampaignWorld
  let payload: Payload
  let campaigns: string[]
  let newsletter: Newsletter

  beforeAll(async () => {
    world = await startCampaignWorld(kind)
    payload = world.payload
    newsletter = (
      await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
    ).docs[0] as Newsletter
    campaigns = []
    for (const name of ['Herbst', 'Winter'])
      campaigns.push(
        String(
          (await payload.create({ collection: 'campaigns', data: { name, newsletter: newsletter.id } as never })).id,
        ),
      )
  }, 600_000)
  afterAll(() => world?.close())

  it('counts each purchase once for the last click within 7 days, per variant, block and product, currencies apart', async () => {
    const { ids } = await createAudience(payload, { count: 4, prefix: `umsatz-${kind}-`, trackingEvery: 1 })
    const [switcher, late, mixed, noAmount] = ids
    const [autumn, winter] = campaigns
    const now = Date.now()
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString()
    let n = 0
    const click = (subscriber: string, campaign: string, variant: string, daysAgo: number, block?: string) => ({
      id: `klick-${kind}-${++n}`,
      occurredAt: at(daysAgo),
      properties: { block, message: `campaign:${campaign}:${variant}`, url: 'https://shop.example/' },
      subscriber,
      type: 'email_clicked',
    })
    const purchase = (subscriber: string, daysAgo: number, product: string, amount?: number, currency?: string) => ({
      id: `kauf-${kind}-${++n}`,
      occurredAt: at(daysAgo),
      properties: { amount, currency, product },
      subscriber,
      type: 'purchase',
    })
    const result = await recordEvents(
      payload,
      [
        // Autumn's click, a purchase, then winter's click and a purchase: each counts for the click before it.
        click(switcher, autumn, 'A', 5, 'block-7'),
        purchase(switcher, 4, 'MUEHLE', 89.9, 'EUR'),
        purchase(switcher, 3.5, 'BOHNE', 0.1, 'EUR'),
        click(switcher, winter, '-', 3),
        purchase(switcher, 2, 'BOHNE', 24.5, 'EUR'),
        // A click ten days before the purchase is outside the window.
        click(late, autumn, 'B', 10),
        purchase(late, 0, 'MUEHLE', 89.9, 'EUR'),
        // Francs stay francs.
        click(mixed, autumn, 'B', 1),
        purchase(mixed, 0.5, 'MUEHLE', 0.2, 'CHF'),
        purchase(mixed, 0.4, 'KANNE', 19, 'CHF'),
        // Without an amount a purchase is a conversion, not revenue.
        click(noAmount, autumn, 'A', 1),
        purchase(noAmount, 0.5, 'KANNE'),
      ],
      { source: 'api' },
    )
    expect(result.rejected).toBe(0)

    const report = await campaignReport(payload, autumn)
    expect(report.revenue).toEqual([
      { amount: 19.2, currency: 'CHF', purchases: 2 },
      { amount: 90, currency: 'EUR', purchases: 2 },
    ])
    expect(report.revenueByProduct).toEqual(
      [
        { product: 'KANNE', revenue: [{ amount: 19, currency: 'CHF', purchases: 1 }] },
        {
          product: 'MUEHLE',
          revenue: [
            { amount: 0.2, currency: 'CHF', purchases: 1 },
            { amount: 89.9, currency: 'EUR', purchases: 1 },
          ],
        },
        { product: 'BOHNE', revenue: [{ amount: 0.1, currency: 'EUR', purchases: 1 }] },
      ].sort((a, b) => a.product.localeCompare(b.product)),
    )
    expect(Object.fromEntries(report.variants.map((variant) => [variant.variant, variant.revenue]))).toEqual({
      A: [{ amount: 90, currency: 'EUR', purchases: 2 }],
      B: [{ amount: 19.2, currency: 'CHF', purchases: 2 }],
    })
    expect(report.blocks.find((block) => block.block === 'block-7')?.revenue).toEqual([
      { amount: 90, currency: 'EUR', purchases: 2 },
    ])
    expect((await campaignReport(payload, winter)).revenue).toEqual([{ amount: 24.5, currency: 'EUR', purchases: 1 }])
  })

  it('counts the items of one order as one purchase and sums each currency in its own minor unit', async () => {
    const { ids } = await createAudience(payload, { count: 2, prefix: `bestellung-${kind}-`, trackingEvery: 1 })
    const [shopper, kuwait] = ids
    const spring = String(
      (
        await payload.create({
          collection: 'campaigns',
          data: { name: 'Frühling', newsletter: newsletter.id } as never,
        })
      ).id,
    )
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString()
    const click = (subscriber: string) => ({
      id: `fruehling-klick-${kind}-${subscriber}`,
      occurredAt: at(2),
      properties: { message: `campaign:${spring}:A`, url: 'https://shop.example/' },
      subscriber,
      type: 'email_clicked',
    })
    const purchase = (id: string, subscriber: string, properties: Record<string, unknown>) => ({
      id: `${id}-${kind}`,
      occurredAt: at(1),
      properties,
      subscriber,
      type: 'purchase',
    })
    const result = await recordEvents(
      payload,
      [
        click(shopper),
        // As the shop integration records a paid order: one event per item, all naming the order.
        ...['MUEHLE', 'BOHNE', 'KANNE'].map((product, index) =>
          purchase(`order:A-1001:${index}`, shopper, { amount: 10, currency: 'EUR', order: `A-1001-${kind}`, product }),
        ),
        // Without an order name an event is a purchase of its own.
        purchase('ohne-bestellung', shopper, { amount: 5, currency: 'EUR', product: 'FILTER' }),
        // Kuwaiti dinar has three decimals: 0.125 + 0.125 is 0.25, not 0.26.
        click(kuwait),
        purchase('kwd-1', kuwait, { amount: 0.125, currency: 'KWD', product: 'MUEHLE' }),
        purchase('kwd-2', kuwait, { amount: 0.125, currency: 'KWD', product: 'MUEHLE' }),
      ],
      { source: 'api' },
    )
    expect(result.rejected).toBe(0)
    expect((await campaignReport(payload, spring)).revenue).toEqual([
      { amount: 35, currency: 'EUR', purchases: 2 },
      { amount: 0.25, currency: 'KWD', purchases: 2 },
    ])
  })

  it('measures what the mails added against the holdout, with a 95 % interval, and their share of all revenue', async () => {
    const { ids } = await createAudience(payload, { count: 80, prefix: `kontrolle-${kind}-`, trackingEvery: 1 })
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString()
    const campaign = String(
      (
        await payload.create({
          collection: 'campaigns',
          data: { name: 'Mit Kontrollgruppe', newsletter: newsletter.id, startedAt: at(12) } as never,
        })
      ).id,
    )
    const mailed = ids.slice(0, 40)
    const holdout = ids.slice(40)
    for (const [index, subscriber] of ids.entries())
      await payload.create({
        collection: CAMPAIGN_SENDS as never,
        data: {
          campaign: idFromKey(payload, campaign),
          sendKey: `kontrolle-${kind}-${index}`,
          subscriber: idFromKey(payload, subscriber),
          ...(index >= 40
            ? { reason: 'holdout', state: 'skipped', variant: 'holdout' }
            : // Two of the mailed group were stopped by the consent gate: they still count (the holdout is not gated).
              index >= 38
              ? { reason: 'no_consent', state: 'skipped', variant: '-' }
              : { sentAt: at(11.9), state: 'sent', variant: '-' }),
        } as never,
      })
    // Kronor, so that no other test's purchases fall into "all revenue in the period".
    const purchase = (subscriber: string, daysAgo: number, tag: string) => ({
      id: `kontrolle-${kind}-${tag}`,
      occurredAt: at(daysAgo),
      properties: { amount: 100, currency: 'SEK', product: 'MUEHLE' },
      subscriber,
      type: 'purchase',
    })
    const result = await recordEvents(
      payload,
      [
        // 32 of the 40 in the mailed group buy within the 7 days after the start; 4 of the 40 in the holdout do.
        ...mailed.slice(0, 32).map((subscriber, index) => purchase(subscriber, 10, `mail-${index}`)),
        ...holdout.slice(0, 4).map((subscriber, index) => purchase(subscriber, 10, `ohne-mail-${index}`)),
        // Before the start, or after the window: neither group's.
        purchase(mailed[35], 13, 'davor'),
        purchase(holdout[10], 4, 'danach'),
        // Two of the buyers clicked first: their purchases are attributed by last click.
        ...mailed.slice(0, 2).map((subscriber, index) => ({
          id: `kontrolle-${kind}-klick-${index}`,
          occurredAt: at(11),
          properties: { message: `campaign:${campaign}:-`, url: 'https://shop.example/' },
          subscriber,
          type: 'email_clicked',
        })),
      ],
      { source: 'api' },
    )
    expect(result.rejected).toBe(0)

    // Lists leave the analysis out (three more queries per campaign); the detail asks for it.
    expect((await campaignReport(payload, campaign)).incrementalRevenue).toEqual([])
    const report = await campaignReport(payload, campaign, undefined, { revenueAnalysis: true })
    // Means 80 and 10 SEK per person; Welch's interval of the difference 70 ± 1.96 · 8.006 (hand-computed).
    expect(report.incrementalRevenue).toEqual([
      {
        currency: 'SEK',
        high: 85.69,
        holdout: 40,
        holdoutMean: 10,
        low: 54.31,
        perRecipient: 70,
        recipients: 40,
        recipientsMean: 80,
        significant: true,
        total: 2800,
        totalHigh: 3427.69,
        totalLow: 2172.31,
      },
    ])
    expect(report.revenue).toEqual([{ amount: 200, currency: 'SEK', purchases: 2 }])
    // All kronor from the start to twice the window after the last send: 32 + 4 + the late one; not the one before.
    expect(report.revenueShare).toEqual([
      { all: 3700, attributed: 200, currency: 'SEK', share: expect.closeTo(200 / 3700, 6) },
    ])
  })
})

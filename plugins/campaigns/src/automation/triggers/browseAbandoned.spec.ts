import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordEvents } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../../tests/helpers/smtp'

import { createAudience } from '../../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../../tests/helpers/databases'
import { CAMPAIGN_QUEUE } from '../../defaults'
import { advanceAutomations } from '../advance'
import { abandonedBrowse, enrollAbandonedBrowsing } from './browseAbandoned'

const HOUR = 3_600_000
const settings = { views: 3, wait: 2 * HOUR, window: 24 * HOUR }
const view = (hours: number, product = 'MUEHLE', event = `v${hours}`) =>
  ({ at: hours * HOUR, event, kind: 'view', product }) as const
const commerce = (hours: number) => ({ at: hours * HOUR, event: `c${hours}`, kind: 'commerce', product: '' }) as const

describe('which browse is abandoned', () => {
  it('takes a product viewed N times within the window, its last view the set hours ago', () => {
    expect(abandonedBrowse([view(0), view(1), view(3)], 5 * HOUR, settings)).toEqual({ event: 'v3', product: 'MUEHLE' })
    // Not yet: the last view is 1.5 hours old.
    expect(abandonedBrowse([view(0), view(1), view(3)], 4.5 * HOUR, settings)).toBeNull()
    // Too few views, or views too far apart for the window.
    expect(abandonedBrowse([view(0), view(3)], 6 * HOUR, settings)).toBeNull()
    expect(abandonedBrowse([view(0), view(1), view(30)], 33 * HOUR, settings)).toBeNull()
    // Over a day past due: too old for a reminder.
    expect(abandonedBrowse([view(0), view(1), view(3)], 30 * HOUR, settings)).toBeNull()
  })

  it('leaves out whoever put something in a cart or bought since the first view, and picks the newest browse', () => {
    expect(abandonedBrowse([view(0), view(1), commerce(2), view(3)], 6 * HOUR, settings)).toBeNull()
    // A purchase before the views does not count against them.
    expect(abandonedBrowse([commerce(-5), view(0), view(1), view(3)], 6 * HOUR, settings)?.product).toBe('MUEHLE')
    const two = [
      view(0),
      view(0.5),
      view(1),
      view(1.5, 'BOHNE', 'b1'),
      view(2, 'BOHNE', 'b2'),
      view(2.5, 'BOHNE', 'b3'),
    ]
    expect(abandonedBrowse(two, 5 * HOUR, settings)).toEqual({ event: 'b3', product: 'BOHNE' })
  })
})

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'browse abandoned trigger (Local API, %s, real SMTP server)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let sink: SmtpSink
    let mailId: number | string
    /** Three views within a day, the last two hours ago: the automation the tests use, with its steps. */
    const browseAutomation = (name: string, steps: Record<string, unknown>[]) =>
      payload.create({
        collection: 'automations',
        data: {
          abandonHours: 2,
          active: true,
          browseViews: 3,
          browseWindowHours: 24,
          cooldownMinutes: 0,
          name,
          steps,
          trigger: 'browse_abandoned',
        } as never,
      })
    const start = new Date(Date.now() - 10 * HOUR)
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR)
    const mailsTo = (email: string) =>
      sink.messages.filter((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === email)

    beforeAll(async () => {
      world = await startCampaignWorld(kind)
      ;({ payload, sink } = world)
      await payload.updateGlobal({
        data: { quietHours: { from: '00:00', until: '00:00' } } as never,
        slug: 'contact-budget' as never,
      })
      for (const [sku, name] of [
        ['MUEHLE-1', 'Kaffeemühle Handarbeit'],
        ['BOHNE-2', 'Espressobohnen 1 kg'],
      ] as const)
        await payload.create({
          collection: 'catalog-products',
          data: { currency: 'EUR', name, price: 20, sku, url: `https://shop.example/p/${sku}` } as never,
        })
      const base = (
        await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
      ).docs[0]
      const { id: _id, slots, ...rest } = base
      const mail = await payload.create({
        collection: 'newsletters',
        data: {
          ...rest,
          name: 'Noch interessiert?',
          recommendationSlots: [
            { count: 4, heading: 'Zuletzt angesehen', key: 'angesehen', strategy: 'recentlyViewed' },
          ],
          slots: slots.map(({ id: _slot, ...slot }) => slot),
          slug: 'noch-interessiert',
          subject: 'Noch interessiert?',
        } as never,
      })
      mailId = mail.id
      await browseAutomation('Stöbern abgebrochen', [{ newsletter: mail.id, type: 'send' }])
    }, 600_000)
    afterAll(() => world?.close())

    it('mails the browsed product once to whoever looked three times and did not buy or fill a cart', async () => {
      const { emails, ids } = await createAudience(payload, { count: 2, prefix: `browse-${kind}-`, trackingEvery: 1 })
      const [browser, shopper] = ids
      const events = [browser, shopper].flatMap((subscriber) =>
        [0, 0.5, 1].map((hours) => ({
          id: `view-${subscriber}-${hours}`,
          occurredAt: at(hours).toISOString(),
          properties: { product: 'MUEHLE-1', url: 'https://shop.example/p/MUEHLE-1' },
          subscriber,
          type: 'page_viewed',
        })),
      )
      events.push({
        id: `cart-${shopper}`,
        occurredAt: at(1.5).toISOString(),
        properties: { products: ['MUEHLE-1'] } as never,
        subscriber: shopper,
        type: 'cart_updated',
      })
      expect((await recordEvents(payload, events, { source: 'api' })).accepted).toBe(events.length)
      const roundAt = async (now: Date) => {
        await enrollAbandonedBrowsing(payload, now)
        await advanceAutomations(payload, now)
        for (let round = 0; round < 10; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
      }
      await roundAt(at(2.9))
      expect(emails.map((email) => mailsTo(email).length)).toEqual([0, 0])
      await roundAt(at(3.1))
      await roundAt(at(4))
      expect(emails.map((email) => mailsTo(email).length)).toEqual([1, 0])
      const [mail] = mailsTo(emails[0])
      expect(mail.subject).toBe('Noch interessiert?')
      expect(mail.html).toContain('Kaffeemühle Handarbeit')
      expect(mail.html).not.toContain('Espressobohnen 1 kg')
    })

    it('ends a waiting run when the shopper buys or fills a cart: no "still interested?" after that', async () => {
      await payload.update({
        collection: 'automations',
        data: { active: false } as never,
        where: { name: { equals: 'Stöbern abgebrochen' } },
      })
      const waiting = await browseAutomation('Stöbern abgebrochen, nach einem Tag', [
        { days: 1, type: 'wait' },
        { newsletter: mailId, type: 'send' },
      ])
      const { emails, ids } = await createAudience(payload, {
        count: 2,
        prefix: `browse-wait-${kind}-`,
        trackingEvery: 1,
      })
      const [buyer, carter] = ids
      // Its own clock, 40 hours back, so that the day's wait is history too.
      const from = new Date(Date.now() - 40 * HOUR)
      const hour = (hours: number) => new Date(from.getTime() + hours * HOUR).toISOString()
      const views = ids.flatMap((subscriber) =>
        [0, 0.5, 1].map((hours) => ({
          id: `view-wait-${subscriber}-${hours}`,
          occurredAt: hour(hours),
          properties: { product: 'MUEHLE-1', url: 'https://shop.example/p/MUEHLE-1' },
          subscriber,
          type: 'page_viewed',
        })),
      )
      expect((await recordEvents(payload, views, { source: 'api' })).accepted).toBe(views.length)
      const roundAt = async (now: string) => {
        await enrollAbandonedBrowsing(payload, new Date(now))
        await advanceAutomations(payload, new Date(now))
        for (let round = 0; round < 10; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
      }
      const runs = async () =>
        (
          await payload.find({
            collection: 'automation-runs',
            depth: 0,
            where: { automation: { equals: waiting.id } },
          })
        ).docs.map((run) => [String(run.subscriber), run.state, run.exitReason ?? null])
      await roundAt(hour(3.1))
      expect((await runs()).sort()).toEqual(
        [
          [buyer, 'active', null],
          [carter, 'active', null],
        ].sort(),
      )
      const acted = await recordEvents(
        payload,
        [
          {
            id: `kauf-wait-${buyer}`,
            occurredAt: hour(4),
            properties: { amount: 20, currency: 'EUR', product: 'MUEHLE-1' },
            subscriber: buyer,
            type: 'purchase',
          },
          {
            id: `cart-wait-${carter}`,
            occurredAt: hour(4),
            properties: { products: ['MUEHLE-1'] },
            subscriber: carter,
            type: 'cart_updated',
          },
        ],
        { source: 'api' },
      )
      expect(acted.accepted).toBe(2)
      expect((await runs()).sort()).toEqual(
        [
          [buyer, 'exited', 'purchased'],
          [carter, 'exited', 'cart changed'],
        ].sort(),
      )
      await roundAt(hour(28))
      expect(emails.map((email) => mailsTo(email).length)).toEqual([0, 0])
    })
  },
)

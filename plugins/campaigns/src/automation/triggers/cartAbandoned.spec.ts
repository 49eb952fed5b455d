import type { Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordEvents } from '@kontorwerk/personalization'

import type { SmtpSink } from '../../../../../tests/helpers/smtp'
import type { Automation } from '../../documents'

import { createAudience } from '../../../../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../../../../tests/helpers/campaignWorld'
import { testedDatabases } from '../../../../../tests/helpers/databases'
import { CAMPAIGN_QUEUE } from '../../defaults'
import { advanceAutomations } from '../advance'
import { enrollAbandonedCarts } from './cartAbandoned'

const HOUR = 3_600_000

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'cart abandoned trigger (Local API, %s, real SMTP server)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let sink: SmtpSink
    let automation: Automation
    /** The automation that waits a day before it reminds (second test on). */
    let waiting: Automation
    let reminderId: number | string
    let emails: string[]
    let ids: string[]
    /** The cart events are real history: the test's clock starts ten hours ago and moves forward from there. */
    const start = new Date(Date.now() - 10 * HOUR)
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR)

    const mailsTo = (email: string) =>
      sink.messages.filter((mail) => (mail.to && 'text' in mail.to ? mail.to.text : '') === email)
    /** What the supervisor does on a round at `now`: the trigger, the due steps, then the send jobs they queued. */
    const roundAt = async (now: Date) => {
      await enrollAbandonedCarts(payload, now)
      await advanceAutomations(payload, now)
      for (let round = 0; round < 10; round++) await payload.jobs.run({ limit: 10, queue: CAMPAIGN_QUEUE })
    }
    const event = (subscriber: string, type: string, hours: number, properties: Record<string, unknown>) =>
      recordEvents(
        payload,
        [{ id: `${type}-${subscriber}-${hours}`, occurredAt: at(hours).toISOString(), properties, subscriber, type }],
        { source: 'api' },
      )

    beforeAll(async () => {
      world = await startCampaignWorld(kind)
      ;({ payload, sink } = world)
      await payload.updateGlobal({
        data: { quietHours: { from: '00:00', until: '00:00' } } as never,
        slug: 'contact-budget' as never,
      })
      for (const [sku, name, price] of [
        ['MUEHLE-1', 'Kaffeemühle Handarbeit', 89.9],
        ['BOHNE-2', 'Espressobohnen 1 kg', 24.5],
        ['KANNE-3', 'Milchkännchen Edelstahl', 19],
      ] as const)
        await payload.create({
          collection: 'catalog-products',
          data: { currency: 'EUR', name, price, sku, url: `https://shop.example/p/${sku}` } as never,
        })
      const base = (
        await payload.find({ collection: 'newsletters', depth: 0, where: { slug: { equals: 'wochen-update' } } })
      ).docs[0]
      const { id: _id, slots, ...rest } = base
      const reminder = await payload.create({
        collection: 'newsletters',
        data: {
          ...rest,
          name: 'Warenkorb-Erinnerung',
          recommendationSlots: [{ count: 6, heading: 'Noch in Ihrem Warenkorb', key: 'warenkorb', strategy: 'cart' }],
          slots: slots.map(({ id: _slot, ...slot }) => slot),
          slug: 'warenkorb-erinnerung',
          subject: 'Ihr Warenkorb wartet, {{ subscriber.first_name }}',
        } as never,
      })
      reminderId = reminder.id
      automation = (await payload.create({
        collection: 'automations',
        data: {
          abandonHours: 4,
          active: true,
          cooldownMinutes: 0,
          name: 'Warenkorb abgebrochen',
          steps: [{ newsletter: reminder.id, type: 'send' }],
          trigger: 'cart_abandoned',
        } as never,
      })) as Automation
      ;({ emails, ids } = await createAudience(payload, { count: 3, prefix: `cart-${kind}-` }))
      // A pushed schema seeds the demo afresh (no template): slow on PostgreSQL.
    }, 600_000)
    afterAll(() => world?.close())

    it('mails the cart once after the set hours without a purchase; a purchase cancels, a newer cart restarts the wait', async () => {
      const [abandons, buys, changes] = ids
      await event(abandons, 'cart_updated', 0, { products: ['MUEHLE-1', 'BOHNE-2'] })
      await event(buys, 'checkout_started', 0, { products: ['KANNE-3'] })
      await event(buys, 'purchase', 1, { amount: 19, currency: 'EUR', product: 'KANNE-3' })
      await event(changes, 'cart_updated', 0, { products: ['KANNE-3'] })
      await event(changes, 'cart_updated', 3, { products: ['BOHNE-2', 'KANNE-3'] })

      await roundAt(at(3.9))
      expect(emails.map((email) => mailsTo(email).length)).toEqual([0, 0, 0])

      await roundAt(at(4.1))
      expect(emails.map((email) => mailsTo(email).length)).toEqual([1, 0, 0])
      const [mail] = mailsTo(emails[0])
      expect(mail.subject).toBe('Ihr Warenkorb wartet, Person0')
      expect(mail.html).toContain('Noch in Ihrem Warenkorb')
      expect(mail.html).toContain('Kaffeemühle Handarbeit')
      expect(mail.html).toContain('Espressobohnen 1 kg')
      expect(mail.html).not.toContain('Milchkännchen Edelstahl')

      // The newer cart change at hour 3 restarted the wait: due at hour 7, with the cart as it is now.
      await roundAt(at(6.9))
      expect(mailsTo(emails[2])).toHaveLength(0)
      await roundAt(at(7.1))
      const [changed] = mailsTo(emails[2])
      expect(changed.html).toContain('Espressobohnen 1 kg')
      expect(changed.html).toContain('Milchkännchen Edelstahl')
      expect(changed.html).not.toContain('Kaffeemühle Handarbeit')

      // Once per cart: later rounds start nothing new; the buyer never gets a reminder.
      await roundAt(at(9))
      expect(emails.map((email) => mailsTo(email).length)).toEqual([1, 0, 1])
      const runs = await payload.find({
        collection: 'automation-runs',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { automation: { equals: automation.id } },
      })
      expect(runs.docs.map((run) => run.enteredBecause).sort()).toEqual([
        `abandoned cart cart_updated-${abandons}-0`,
        `abandoned cart cart_updated-${changes}-3`,
      ])
    })

    it('ends a waiting run when the reader buys: no reminder after the order', async () => {
      await payload.update({ id: automation.id, collection: 'automations', data: { active: false } as never })
      const later = (waiting = (await payload.create({
        collection: 'automations',
        data: {
          abandonHours: 4,
          active: true,
          cooldownMinutes: 0,
          name: 'Warenkorb abgebrochen, nach einem Tag',
          steps: [
            { days: 1, type: 'wait' },
            { newsletter: reminderId, type: 'send' },
          ],
          trigger: 'cart_abandoned',
        } as never,
      })) as Automation)
      const {
        emails: [email],
        ids: [reader],
      } = await createAudience(payload, { count: 1, prefix: `cart-wait-${kind}-` })
      // Its own clock, 40 hours back, so that the order an hour after the start is history too.
      const from = new Date(Date.now() - 40 * HOUR)
      const hour = (hours: number) => new Date(from.getTime() + hours * HOUR)
      const post = (type: string, hours: number, properties: Record<string, unknown>) =>
        recordEvents(
          payload,
          [
            {
              id: `${type}-wait-${reader}`,
              occurredAt: hour(hours).toISOString(),
              properties,
              subscriber: reader,
              type,
            },
          ],
          { source: 'api' },
        )
      await post('cart_updated', 0, { products: ['MUEHLE-1'] })
      await roundAt(hour(4.1))
      const runs = () =>
        payload.find({ collection: 'automation-runs', depth: 0, where: { automation: { equals: later.id } } })
      expect((await runs()).docs.map((run) => run.state)).toEqual(['active'])
      await post('purchase', 5, { amount: 89.9, currency: 'EUR', product: 'MUEHLE-1' })
      await roundAt(hour(29))
      expect(mailsTo(email)).toHaveLength(0)
      expect((await runs()).docs.map((run) => [run.state, run.exitReason])).toEqual([['exited', 'purchased']])
    })

    it('ends a waiting run on a newer cart event: an emptied cart is not reminded, a changed one waits anew', async () => {
      const { emails: addresses, ids: readers } = await createAudience(payload, {
        count: 2,
        prefix: `cart-change-${kind}-`,
      })
      const [empties, changes] = readers
      const from = new Date(Date.now() - 40 * HOUR)
      const hour = (hours: number) => new Date(from.getTime() + hours * HOUR)
      const post = (subscriber: string, hours: number, products: string[]) =>
        recordEvents(
          payload,
          [
            {
              id: `cart-change-${subscriber}-${hours}`,
              occurredAt: hour(hours).toISOString(),
              properties: { products },
              subscriber,
              type: 'cart_updated',
            },
          ],
          { source: 'api' },
        )
      const runsOf = async (subscriber: string) =>
        (
          await payload.find({
            collection: 'automation-runs',
            depth: 0,
            sort: 'createdAt',
            where: { automation: { equals: waiting.id }, subscriber: { equals: subscriber } },
          })
        ).docs.map((run) => [run.state, run.exitReason ?? null, run.enteredBecause])
      await post(empties, 0, ['MUEHLE-1'])
      await post(changes, 0, ['MUEHLE-1'])
      await roundAt(hour(4.1))
      expect((await runsOf(empties)).map(([state]) => state)).toEqual(['active'])
      expect((await runsOf(changes)).map(([state]) => state)).toEqual(['active'])

      // An hour later one empties the cart, the other swaps the mill for beans: both runs end.
      await post(empties, 5, [])
      await post(changes, 5, ['BOHNE-2'])
      expect(await runsOf(empties)).toEqual([['exited', 'cart changed', `abandoned cart cart-change-${empties}-0`]])
      expect(await runsOf(changes)).toEqual([['exited', 'cart changed', `abandoned cart cart-change-${changes}-0`]])

      // The changed cart is abandoned at hour 9 and reminded a day later; the emptied one never.
      await roundAt(hour(9.1))
      expect((await runsOf(changes)).map(([state, , because]) => [state, because])).toEqual([
        ['exited', `abandoned cart cart-change-${changes}-0`],
        ['active', `abandoned cart cart-change-${changes}-5`],
      ])
      await roundAt(hour(33.2))
      expect(mailsTo(addresses[0])).toHaveLength(0)
      const reminders = mailsTo(addresses[1])
      expect(reminders).toHaveLength(1)
      expect(reminders[0].html).toContain('Espressobohnen 1 kg')
      expect(reminders[0].html).not.toContain('Kaffeemühle Handarbeit')
      expect(await runsOf(empties)).toHaveLength(1)
    })

    it('refuses a cart event without its products, with a coded error, and stores nothing', async () => {
      const result = await recordEvents(
        payload,
        [{ id: `cart-broken-${kind}`, properties: { products: 'MUEHLE-1' }, subscriber: ids[0], type: 'cart_updated' }],
        { source: 'api' },
      )
      expect(JSON.stringify(result)).toContain('missing_property')
      expect(
        (await payload.count({ collection: 'events', where: { eventId: { equals: `cart-broken-${kind}` } } }))
          .totalDocs,
      ).toBe(0)
    })
  },
)

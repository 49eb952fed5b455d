import type { CollectionSlug, Payload } from 'payload'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { Newsletter, Subscriber } from '../documents'

import { testedDatabases } from '../../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { CONVERSIONS } from '../collections/Conversions'
import { recordEvents } from '../events/intake'
import { paragraphsToRichText } from '../utilities/richText'
import { recipientRenderer } from './recipientRenderer'

const DAY = 86_400_000
const RECIPIENTS = 30

/**
 * A campaign batch as sendBatch renders it (automation mails are campaigns too): the behaviour of the
 * whole batch is read at once, then every recipient is rendered without a database read, and the
 * guards hold for ranked, fallback and A/B-pinned blocks.
 */
describe.each(testedDatabases())('rendering a batch with behaviour history on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload
  let newsletter: Newsletter
  const blockIds = new Map<string, number | string>()
  const subscribers: Subscriber[] = []
  /** What each recipient did: index % 3 === 0 bought the module, % 3 === 1 downloaded the whitepaper. */
  const did = (index: number) => (['bought', 'downloaded', 'nothing'] as const)[index % 3]

  beforeAll(async () => {
    local = await startLocalPayload(kind, { pushSchema: true })
    payload = local.payload
    const stage = async (key: string, order: number) =>
      (await payload.create({ collection: 'lifecycle-stages', data: { key, label: key, order } })).id
    const lead = await stage('lead', 10)
    const customer = await stage('customer', 20)
    await stage('at_risk', 30)
    const whitepaper = await payload.create({
      collection: CONVERSIONS as CollectionSlug,
      data: { key: 'whitepaper-cloud', kind: 'download', name: 'Whitepaper' } as never,
    })
    const block = async (title: string, data: Record<string, unknown>) => {
      const doc = await payload.create({
        collection: 'content-blocks',
        data: {
          _status: 'published',
          body: paragraphsToRichText([title]),
          channels: ['email'],
          title,
          ...data,
        } as never,
      })
      blockIds.set(title, doc.id)
    }
    await block('Blog', { isFallback: true, priority: 10 })
    await block('Hilfe', { isFallback: true, priority: 5 })
    await block('Neukundenangebot', { goal: 'acquisition', priority: 95 })
    await block('Rabatt Lohnmodul', { discountProduct: 'lohn-modul', goal: 'upsell', priority: 90 })
    await block('Whitepaper Cloud', { convertsOn: whitepaper.id, goal: 'nurture', priority: 80 })
    await block('Praxistipp', { goal: 'nurture', priority: 40 })
    newsletter = (await payload.create({
      collection: 'newsletters',
      data: {
        name: 'Batch',
        slots: [
          {
            count: 1,
            fallback: blockIds.get('Blog'),
            goals: ['nurture'],
            key: 'wissen',
            label: 'Wissen',
            strategy: 'priority',
          },
          {
            count: 1,
            fallback: blockIds.get('Hilfe'),
            goals: ['acquisition', 'upsell'],
            key: 'angebot',
            label: 'Angebot',
            strategy: 'priority',
          },
        ],
        slug: 'batch',
        subject: 'Hallo',
      } as never,
    })) as unknown as Newsletter
    for (let index = 0; index < RECIPIENTS; index++)
      subscribers.push(
        (await payload.create({
          collection: 'subscribers',
          data: { email: `batch-${index}@example.com`, stage: index === 2 ? customer : lead } as never,
        })) as unknown as Subscriber,
      )
    const at = (days: number) => new Date(Date.now() - days * DAY).toISOString()
    const events = subscribers.flatMap((subscriber, index): object[] => {
      const common = { subscriber: String(subscriber.id) }
      if (did(index) === 'bought')
        return [
          {
            ...common,
            id: `buy-${index}`,
            occurredAt: at(5),
            properties: { amount: 490, product: 'lohn-modul' },
            type: 'purchase',
          },
        ]
      if (did(index) === 'downloaded')
        return [
          {
            ...common,
            id: `dl-${index}`,
            occurredAt: at(2),
            properties: { asset: 'whitepaper-cloud' },
            type: 'download',
          },
        ]
      return []
    })
    const result = await recordEvents(payload, events, { source: 'spec' })
    expect(result.results.every((entry) => entry.status === 'accepted')).toBe(true)
  }, 120_000)
  afterAll(() => local?.close())

  const titles = (blocks: string[]) => blocks.map((id) => [...blockIds].find(([, value]) => String(value) === id)![0])

  it('reads the history of a whole batch in one query, and renders every recipient without another read', async () => {
    const renderer = await recipientRenderer(payload, newsletter, new Date())
    const ids = subscribers.map((subscriber) => String(subscriber.id))
    const reads = countReads(payload)
    const histories = await renderer.histories(ids, new Date())
    const forBatch = reads.take()
    expect(forBatch).toEqual({ finds: 0, statements: kind === 'mongodb' ? 0 : 1 })
    await renderer.histories(ids.slice(0, 1), new Date())
    expect(reads.take()).toEqual(forBatch)

    const rendered = []
    for (const subscriber of subscribers)
      rendered.push(
        await renderer.render({
          behaviour: histories.get(String(subscriber.id)),
          recentBlocks: [],
          segments: new Set(),
          subscriber,
        }),
      )
    expect(reads.take()).toEqual({ finds: 0, statements: 0 })
    reads.restore()

    rendered.forEach(({ blocks }, index) => {
      const shown = titles(blocks)
      // Each purchase makes a customer: no acquisition offer, and no discount on what they just bought.
      if (did(index) === 'bought') expect(shown).toEqual(['Whitepaper Cloud', 'Hilfe'])
      else if (did(index) === 'downloaded') expect(shown).toEqual(['Praxistipp', 'Neukundenangebot'])
      else if (index === 2) expect(shown).toEqual(['Whitepaper Cloud', 'Rabatt Lohnmodul'])
      else expect(shown).toEqual(['Whitepaper Cloud', 'Neukundenangebot'])
    })
  })

  it('replaces an A/B-pinned block the guards rule out for the recipient with the slot fallback', async () => {
    const renderer = await recipientRenderer(payload, newsletter, new Date())
    const ids = subscribers.slice(0, 3).map((subscriber) => String(subscriber.id))
    const histories = await renderer.histories(ids, new Date())
    const version = { block: String(blockIds.get('Neukundenangebot')), key: 'B', slot: 'angebot', subject: null }
    const render = (index: number) =>
      renderer.render(
        { behaviour: histories.get(ids[index]), recentBlocks: [], segments: new Set(), subscriber: subscribers[index] },
        version,
      )
    // The buyer gets the fallback instead of the pinned acquisition offer; who never bought gets the variant.
    expect(titles((await render(0)).blocks)).toEqual(['Whitepaper Cloud', 'Hilfe'])
    expect(titles((await render(1)).blocks)).toEqual(['Praxistipp', 'Neukundenangebot'])
  })
})

/** Counts the SQL statements (selects and raw statements) and Payload finds from now on; MongoDB has no drizzle to count. */
function countReads(payload: Payload) {
  type Drizzle = Record<'all' | 'execute' | 'select', (...args: unknown[]) => unknown>
  const drizzle = (payload.db as unknown as { drizzle?: Drizzle }).drizzle
  const methods = (['all', 'execute', 'select'] as const).filter((name) => typeof drizzle?.[name] === 'function')
  const statements = methods.map((name) => vi.spyOn(drizzle!, name))
  const finds = vi.spyOn(payload, 'find')
  return {
    restore: () => {
      for (const spy of statements) spy.mockRestore()
      finds.mockRestore()
    },
    take: () => {
      const counts = {
        finds: finds.mock.calls.length,
        statements: statements.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
      }
      for (const spy of statements) spy.mockClear()
      finds.mockClear()
      return counts
    },
  }
}

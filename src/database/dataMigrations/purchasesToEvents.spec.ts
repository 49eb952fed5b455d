import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { query } from '../../../tests/helpers/sql'
import { purchasesToEventsPostgres, purchasesToEventsSqlite } from './purchasesToEvents'

/** The `subscribers_purchases` table as the array field left it (20261123 personalization migrations). */
const OLD_TABLE = {
  postgres: `create table if not exists subscribers_purchases (
    _order integer not null, _parent_id integer not null references subscribers(id) on delete cascade,
    id varchar primary key not null, product varchar not null, purchased_at timestamp(3) with time zone not null,
    amount numeric)`,
  sqlite: `create table if not exists subscribers_purchases (
    _order integer not null, _parent_id integer not null references subscribers(id) on delete cascade,
    id text primary key not null, product text not null, purchased_at text not null, amount numeric)`,
} as const

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('purchases → events on %s', (kind) => {
  let local: LocalPayload
  let alice: string
  let bob: string

  const migrate = () => {
    const db = local.payload.db as unknown as { drizzle: never }
    return kind === 'sqlite' ? purchasesToEventsSqlite(db.drizzle) : purchasesToEventsPostgres(db.drizzle)
  }
  const purchaseEvents = async () =>
    (
      await local.payload.find({
        collection: 'events',
        depth: 0,
        pagination: false,
        sort: 'eventId',
        where: { type: { equals: 'purchase' } },
      })
    ).docs.map((event) => ({
      eventId: event.eventId,
      occurredAt: event.occurredAt,
      properties: event.properties,
      source: event.source,
      subscriber: String(event.subscriber),
    }))

  beforeAll(async () => {
    local = await startLocalPayload(kind as 'postgres' | 'sqlite')
    const create = (email: string) =>
      local.payload.create({ collection: 'subscribers', data: { email, locale: 'de' } as never })
    alice = String((await create('alice@example.com')).id)
    bob = String((await create('bob@example.com')).id)
    await query(local.databaseUri, OLD_TABLE[kind as 'postgres' | 'sqlite'])
    const row = `insert into subscribers_purchases (_order, _parent_id, id, product, purchased_at, amount) values (?, ?, ?, ?, ?, ?)`
    await query(local.databaseUri, row, [1, alice, '6750aa01', 'lohn-modul', '2026-10-01T09:30:00.000Z', 249.5])
    await query(local.databaseUri, row, [2, alice, '6750aa02', 'basis-paket', '2026-11-02T10:00:00.000Z', null])
    await query(local.databaseUri, row, [1, bob, '6750bb01', 'e-rechnung-modul', '2026-09-15T08:00:00.000Z', 80])
  }, 120_000)

  afterAll(async () => {
    await local?.close()
  })

  it('turns every stored purchase into a purchase event of its subscriber, once however often it runs', async () => {
    await migrate()
    await migrate()
    expect(await purchaseEvents()).toEqual([
      {
        eventId: `migrated-purchase:${alice}:6750aa01`,
        occurredAt: '2026-10-01T09:30:00.000Z',
        properties: { amount: 249.5, product: 'lohn-modul' },
        source: 'migration',
        subscriber: alice,
      },
      {
        eventId: `migrated-purchase:${alice}:6750aa02`,
        occurredAt: '2026-11-02T10:00:00.000Z',
        properties: { product: 'basis-paket' },
        source: 'migration',
        subscriber: alice,
      },
      {
        eventId: `migrated-purchase:${bob}:6750bb01`,
        occurredAt: '2026-09-15T08:00:00.000Z',
        properties: { amount: 80, product: 'e-rechnung-modul' },
        source: 'migration',
        subscriber: bob,
      },
    ])
  })

  it('shows the migrated purchases in the subscriber’s read-only purchases, newest first', async () => {
    const subscriber = await local.payload.findByID({ id: alice, collection: 'subscribers', depth: 1 })
    const joined = subscriber.purchases as unknown as { docs: { eventId: string }[] }
    expect(joined.docs.map((event) => event.eventId)).toEqual([
      `migrated-purchase:${alice}:6750aa02`,
      `migrated-purchase:${alice}:6750aa01`,
    ])
  })
})

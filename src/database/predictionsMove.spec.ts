import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../tests/helpers/localPayload'
import { query } from '../../tests/helpers/sql'
import { migrations as postgresMigrations } from './migrations/postgres'
import { migrations as sqliteMigrations } from './migrations/sqlite'

const MOVE = /_purchase_predictions_table$/

/**
 * Upgrading a database whose subscribers carry their prediction in columns: the migration that
 * makes `purchase-predictions` moves every scored buyer's numbers there, so the subscriber page and
 * prediction segments show the same values before the next refit.
 */
describe.each(testedDatabases())('moving stored predictions into their own table on %s', (kind) => {
  let local: LocalPayload
  const migration = (kind === 'sqlite' ? sqliteMigrations : postgresMigrations).find(({ name }) => MOVE.test(name))!
  const run = (step: 'down' | 'up') =>
    migration[step]({ db: local.payload.db.drizzle, payload: local.payload, req: {} } as never)
  const sql = (text: string, params: unknown[] = []) => query(local.databaseUri, text, params)

  beforeAll(async () => {
    local = await startLocalPayload(kind)
  })
  afterAll(() => local?.close())

  it('keeps every scored buyer’s numbers under their model, and nobody else’s', async () => {
    await run('down')
    const [{ id: model }] = await sql(
      `insert into purchase_models (fitted_at, status, customers, repeat_customers, transactions, horizon_days, log_likelihood,
         window_start, window_end, parameters_r, parameters_alpha, parameters_a, parameters_b)
       values (?, 'active', 2, 1, 3, 90, -10, ?, ?, 1, 2, 1, 3) returning id`,
      ['2026-12-01T00:00:00.000Z', '2025-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    )
    const subscriber = async (email: string, prediction: null | [number, number, number]) =>
      (
        await sql(
          `insert into subscribers (email, locale, address_form, preferences_frequency, prediction_model_id,
             prediction_probability_alive, prediction_expected_purchases, prediction_repeat_purchases)
           values (?, 'de', 'formal', 'weekly', ?, ?, ?, ?) returning id`,
          [email, prediction ? model : null, ...(prediction ?? [null, null, null])],
        )
      )[0].id
    const buyer = await subscriber('kaeuferin@example.com', [0.25, 1.5, 3])
    await subscriber('niemand@example.com', null)
    // The newest subscriber is erased before the upgrade: the rebuilt table must not hand its id out again.
    const erased = await subscriber('geloescht@example.com', null)
    await sql('delete from subscribers where id = ?', [erased])
    await run('up')
    const rows = await sql(
      'select subscriber_id, model_id, probability_alive, expected_purchases, repeat_purchases from purchase_predictions',
    )
    expect(rows.map((row) => Object.values(row).map(Number))).toEqual([[Number(buyer), Number(model), 0.25, 1.5, 3]])
    const columns = (
      await sql(
        kind === 'sqlite'
          ? "select name from pragma_table_info('subscribers')"
          : "select column_name as name from information_schema.columns where table_name = 'subscribers'",
      )
    ).map(({ name }) => String(name))
    expect(columns.filter((name) => name.startsWith('prediction_'))).toEqual([])
    const [{ id: next }] = await sql(
      `insert into subscribers (email, locale, address_form, preferences_frequency) values ('neu@example.com', 'de', 'formal', 'weekly') returning id`,
    )
    expect(Number(next)).toBeGreaterThan(Number(erased))
  })
})

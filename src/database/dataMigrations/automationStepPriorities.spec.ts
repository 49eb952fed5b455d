import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { testedDatabases } from '../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { query } from '../../../tests/helpers/sql'
import { automationStepPrioritiesPostgres, automationStepPrioritiesSqlite } from './automationStepPriorities'

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('automation step priorities on %s', (kind) => {
  let local: LocalPayload

  const migrate = () => {
    const db = local.payload.db as unknown as { drizzle: never }
    return kind === 'sqlite' ? automationStepPrioritiesSqlite(db.drizzle) : automationStepPrioritiesPostgres(db.drizzle)
  }
  const priorities = async () =>
    Object.fromEntries(
      (await query(local.databaseUri, 'select name, priority from campaigns order by id')).map((row) => [
        String(row.name),
        row.priority,
      ]),
    )

  beforeAll(async () => {
    local = await startLocalPayload(kind as 'postgres' | 'sqlite')
  }, 120_000)
  afterAll(() => local?.close())

  it('gives the campaigns of existing automations their automation’s priority, and leaves other campaigns alone', async () => {
    const { payload } = local
    const newsletter = await payload.create({
      collection: 'newsletters',
      data: { name: 'N', slug: 'n', subject: 'Hallo' } as never,
    })
    await payload.create({
      collection: 'automations',
      data: {
        name: 'Willkommen',
        steps: [{ newsletter: newsletter.id, type: 'send' }],
        trigger: 'double_opt_in',
      } as never,
    })
    await payload.create({
      collection: 'automations',
      data: {
        name: 'Rabatt',
        priority: 'low',
        steps: [{ newsletter: newsletter.id, type: 'send' }],
        trigger: 'first_purchase',
      } as never,
    })
    await payload.create({
      collection: 'campaigns',
      data: { channel: 'email', name: 'Newsletter', newsletter: newsletter.id } as never,
    })
    // As the schema migration leaves them: every campaign on the column default.
    await query(local.databaseUri, `update campaigns set priority = 'normal'`)
    await migrate()
    await migrate()
    expect(await priorities()).toEqual({
      Newsletter: 'normal',
      'Rabatt · Schritt 1': 'low',
      'Willkommen · Schritt 1': 'high',
    })
  })
})

import type { Payload } from 'payload'

import { Registry } from 'prom-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runSql, sql } from '@kontorwerk/personalization'

import { testedDatabases } from '../../../tests/helpers/databases'
import { type LocalPayload, startLocalPayload } from '../../../tests/helpers/localPayload'
import { seedDemoData } from '../../seed'
import { registerDatabaseMetrics } from './databaseMetrics'

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))('database-wide metrics on %s', (kind) => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload(kind)
    payload = local.payload
    await seedDemoData(payload)
  })
  afterAll(async () => {
    await local?.close()
  })

  it('counts send records by state and reason, with SMTP reply codes instead of the relay’s text', async () => {
    const campaign = (await payload.find({ collection: 'campaigns', depth: 0, limit: 1 })).docs[0]
    const now = new Date().toISOString()
    const records: [state: string, reason: null | string][] = [
      ['sent', null],
      ['sent', null],
      ['skipped', 'withdrawn'],
      ['failed', '550 5.1.1 <anna@example.com>: Recipient address rejected'],
      ['failed', '552 5.2.2 Mailbox of bernd@example.com full'],
      ['failed', 'Connection closed'],
    ]
    for (const [index, [state, reason]] of records.entries())
      await runSql(
        payload,
        sql`insert into campaign_sends (campaign_id, send_key, state, reason, created_at, updated_at)
          values (${campaign.id}, ${`metrics-${index}`}, ${state}, ${reason}, ${now}, ${now})`,
      )
    const registry = new Registry()
    registerDatabaseMetrics(registry, payload)
    const text = await registry.metrics()
    const lines = text.split('\n').filter((line) => line.startsWith('kontorwerk_campaign_messages_total{'))
    expect(lines.sort()).toEqual([
      'kontorwerk_campaign_messages_total{reason="",state="sent"} 2',
      'kontorwerk_campaign_messages_total{reason="550",state="failed"} 1',
      'kontorwerk_campaign_messages_total{reason="552",state="failed"} 1',
      'kontorwerk_campaign_messages_total{reason="other",state="failed"} 1',
      'kontorwerk_campaign_messages_total{reason="withdrawn",state="skipped"} 1',
    ])
    // No address of a recipient reaches the metrics.
    expect(text).not.toContain('@example.com')
  })
})

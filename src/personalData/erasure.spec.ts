import type { Payload, PayloadRequest } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { campaignMessageId, campaignReport } from '@kontorwerk/campaigns'
import { runCampaignJobs, scheduleCampaign, staffRequest } from '@kontorwerk/campaigns/testing'
import { consentOptions, recordConsent } from '@kontorwerk/consent'
import { STAGE_WEBHOOK_TASK } from '@kontorwerk/lead-scoring'
import { CodedError, idFromKey, recordEvents, runSql, sql, writeAtomically } from '@kontorwerk/personalization'

import type { Subscriber } from '../payload-types'

import { createAudience } from '../../tests/helpers/audience'
import { type CampaignWorld, startCampaignWorld } from '../../tests/helpers/campaignWorld'
import { type DatabaseKind, testedDatabases } from '../../tests/helpers/databases'

type Row = Record<string, unknown>

/** Every table of the database, and the columns in it that point at a subscriber (foreign keys to `subscribers`). */
async function tablesNamingSubscribers(payload: Payload, kind: DatabaseKind): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>()
  if (kind === 'sqlite') {
    const names = await runSql(
      payload,
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`,
    )
    for (const { name } of names) {
      const keys = await runSql(payload, sql`select "from", "table" from pragma_foreign_key_list(${name})`)
      tables.set(
        String(name),
        keys.filter((key) => key.table === 'subscribers').map((key) => String(key.from)),
      )
    }
  } else {
    const names = await runSql(
      payload,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    )
    for (const { table_name: name } of names) tables.set(String(name), [])
    const keys = await runSql(
      payload,
      sql`select kcu.table_name, kcu.column_name from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
          join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
          where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'subscribers' and tc.table_schema = 'public'`,
    )
    for (const key of keys) tables.get(String(key.table_name))!.push(String(key.column_name))
  }
  tables.get('subscribers')!.push('id')
  return tables
}

const allRows = (payload: Payload, table: string) => runSql(payload, sql`select * from ${sql.identifier(table)}`)

/** What a table holds that names this person: rows pointing at them, or any cell with their address, link key or job input. */
function naming(rows: Row[], columns: string[], person: { email: string; id: string; linkKey: string }): Row[] {
  return rows.filter(
    (row) =>
      columns.some((column) => String(row[column]) === person.id) ||
      Object.values(row).some((value) => {
        if (value == null) return false
        const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
        return (
          text.includes(person.email) ||
          text.includes(person.linkKey) ||
          new RegExp(`"subscribers?":\\s*(\\[[^\\]]*)?"?${person.id}"?[,\\]}]`).test(text)
        )
      }),
  )
}

async function snapshot(
  payload: Payload,
  tables: Map<string, string[]>,
  person: { email: string; id: string; linkKey: string },
) {
  const counts: Record<string, number> = {}
  for (const [table, columns] of tables) counts[table] = naming(await allRows(payload, table), columns, person).length
  return counts
}

describe.each(testedDatabases().filter((kind) => kind !== 'mongodb'))(
  'erasure of a subscriber with history (Local API, %s)',
  (kind) => {
    let world: CampaignWorld
    let payload: Payload
    let admin: PayloadRequest
    let person: { email: string; id: string; linkKey: string }
    let bystander: string
    let campaign: string
    let tables: Map<string, string[]>

    beforeAll(async () => {
      world = await startCampaignWorld(kind)
      payload = world.payload
      admin = await staffRequest(payload, 'admin')
      const audience = await createAudience(payload, { count: 3, prefix: `erase-${kind}-`, trackingEvery: 1 })
      const [id, other] = audience.ids
      bystander = other
      const newsletter = (
        await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } })
      ).docs[0].id

      // A campaign they got, and one still waiting for them.
      const sent = await scheduleCampaign(payload, world.editor, { audience: audience.segment, newsletter })
      expect((await runCampaignJobs(payload, sent.id)).status).toBe('done')
      campaign = String(sent.id)
      const later = await payload.create({
        collection: 'campaigns',
        data: { audience: idFromKey(payload, audience.segment), channel: 'email', name: 'Später', newsletter } as never,
      })
      await writeAtomically(payload, {
        inserts: [
          {
            collection: 'campaign-sends',
            docs: [
              {
                attempts: 0,
                campaign: later.id,
                messageId: campaignMessageId(payload, String(later.id), id),
                sendKey: `${later.id}:${id}`,
                state: 'pending',
                subscriber: idFromKey(payload, id),
              },
            ],
          },
        ],
      })

      // Behaviour: scores, score hits, an implicit-interest job about both of them, a stage webhook job.
      const block = (await payload.find({ collection: 'content-blocks', limit: 1 })).docs[0].id
      const result = await recordEvents(payload, [
        { id: `erase-${kind}-1`, properties: { form: 'demo-anfrage' }, subscriber: id, type: 'form_submitted' },
        {
          id: `erase-${kind}-2`,
          properties: { amount: 49, product: 'Kontorwerk Pro' },
          subscriber: id,
          type: 'purchase',
        },
        {
          id: `erase-${kind}-3`,
          properties: { block: String(block), url: 'https://kontorwerk.example/preise' },
          subscriber: id,
          type: 'email_clicked',
        },
        {
          id: `erase-${kind}-4`,
          properties: { block: String(block), url: 'https://kontorwerk.example/preise' },
          subscriber: other,
          type: 'email_clicked',
        },
      ])
      expect(result.accepted).toBe(4)
      await payload.jobs.queue({
        input: {
          at: new Date().toISOString(),
          eventId: `stage-${kind}`,
          from: null,
          reason: 'test',
          rule: '1',
          subscriber: id,
          to: 'mql',
        } as never,
        task: STAGE_WEBHOOK_TASK as never,
      })

      // An automation they are in (welcome series after a double opt-in).
      await payload.create({
        collection: 'automations',
        data: {
          active: true,
          name: 'Willkommen (Test)',
          steps: [{ newsletter, type: 'send' }],
          trigger: 'double_opt_in',
        } as never,
      })
      await recordConsent(
        payload,
        {
          action: 'confirmed',
          channel: 'email',
          proof: { method: 'double-opt-in' },
          purpose: 'marketing',
          source: 'form',
          subscriber: id,
        },
        consentOptions(payload),
      )

      const subscriber = (await payload.findByID({
        id,
        collection: 'subscribers',
        showHiddenFields: true,
      })) as Subscriber
      expect(subscriber.linkKey).toMatch(/^[\w-]{20,}$/)
      person = { email: subscriber.email, id: String(id), linkKey: subscriber.linkKey! }
      tables = await tablesNamingSubscribers(payload, kind)
    })
    afterAll(() => world?.close())

    it('has history in every part of the product before (the test would prove nothing otherwise)', async () => {
      const before = await snapshot(payload, tables, person)
      for (const table of [
        'subscribers',
        'events',
        'score_hits',
        'lead_scores',
        'consent_records',
        'segment_members',
        'campaign_sends',
        'automation_runs',
        'payload_jobs',
      ]) {
        expect(before[table], table).toBeGreaterThan(0)
      }
    })

    it('changes nothing and answers a coded error when any step fails', async () => {
      const before = await snapshot(payload, tables, person)
      const notes = (await payload.count({ collection: 'consent-records', where: { action: { equals: 'erased' } } }))
        .totalDocs
      await injectFailure(payload, kind, 'install')
      try {
        const error = await payload
          .delete({ id: person.id, collection: 'subscribers', overrideAccess: false, req: admin })
          .catch((caught: unknown) => caught)
        expect(error).toBeInstanceOf(CodedError)
        expect((error as CodedError).code).toBe('ERASURE_FAILED')
        expect((error as CodedError).status).toBe(409)
      } finally {
        await injectFailure(payload, kind, 'remove')
      }
      expect(await snapshot(payload, tables, person)).toEqual(before)
      expect(
        (await payload.count({ collection: 'consent-records', where: { action: { equals: 'erased' } } })).totalDocs,
      ).toBe(notes)
    })

    it('removes or anonymises everything that names them, in every table, and keeps the campaign counts', async () => {
      const report = await campaignReport(payload, campaign)
      const bystanderEvents = (
        await payload.count({ collection: 'events', where: { subscriber: { equals: bystander } } })
      ).totalDocs

      await payload.delete({ id: person.id, collection: 'subscribers', overrideAccess: false, req: admin })

      const left = await snapshot(payload, tables, person)
      const leftovers = Object.entries(left).filter(([, count]) => count > 0)
      expect(leftovers, 'tables still naming the erased subscriber').toEqual([])
      expect(tables.size).toBeGreaterThan(40) // really every table was looked at

      // Campaign counts stay; the record names nobody.
      const after = await campaignReport(payload, campaign)
      expect([after.sent, after.recipients]).toEqual([report.sent, report.recipients])
      const sends = await runSql(
        payload,
        sql`select send_key, subscriber_id, message_id, state, reason from campaign_sends where send_key like 'erased:%'`,
      )
      expect(sends.length).toBeGreaterThanOrEqual(2)
      expect(sends.every((send) => send.subscriber_id == null && send.message_id == null)).toBe(true)
      expect(sends.map((send) => send.state)).toEqual(expect.arrayContaining(['sent', 'cancelled']))

      // The consent ledger keeps one anonymised note.
      const note = (
        await payload.find({
          collection: 'consent-records',
          limit: 1,
          sort: '-createdAt',
          where: { action: { equals: 'erased' } },
        })
      ).docs[0]
      expect(note).toMatchObject({ subscriber: null })
      expect((note.proof as { recordsRemoved: number }).recordsRemoved).toBeGreaterThanOrEqual(3)

      // Others are untouched: the shared implicit-interest job still names the bystander.
      expect(
        (await payload.count({ collection: 'events', where: { subscriber: { equals: bystander } } })).totalDocs,
      ).toBe(bystanderEvents)
      const jobs = await allRows(payload, 'payload_jobs')
      const inputs = jobs.map(
        (job) => (typeof job.input === 'string' ? JSON.parse(job.input) : job.input) as { subscribers?: unknown[] },
      )
      expect(inputs.some((input) => input.subscribers?.map(String).includes(bystander))).toBe(true)
    })
  },
)

/** A database trigger that makes deleting automation runs fail: a step in the middle of the erasure breaks. */
async function injectFailure(payload: Payload, kind: DatabaseKind, action: 'install' | 'remove') {
  if (kind === 'sqlite') {
    if (action === 'install')
      await runSql(
        payload,
        sql.raw(
          `create trigger erasure_breaks before delete on automation_runs begin select raise(abort, 'injected failure'); end`,
        ),
      )
    else await runSql(payload, sql.raw('drop trigger erasure_breaks'))
    return
  }
  if (action === 'install') {
    await runSql(
      payload,
      sql.raw(
        `create function erasure_breaks() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`,
      ),
    )
    await runSql(
      payload,
      sql.raw(
        'create trigger erasure_breaks before delete on automation_runs for each row execute function erasure_breaks()',
      ),
    )
  } else {
    await runSql(payload, sql.raw('drop trigger erasure_breaks on automation_runs'))
    await runSql(payload, sql.raw('drop function erasure_breaks'))
  }
}

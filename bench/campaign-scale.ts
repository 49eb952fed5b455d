import type { Payload } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { CAMPAIGN_SENDS, campaignsOptions } from '@kontorwerk/campaigns'
import { runCampaignJobs, scheduleCampaign, staffRequest } from '@kontorwerk/campaigns/testing'

import { seedDemoData } from '../src/seed'
import { startLocalPayload } from '../tests/helpers/localPayload'
import { expectEverySent, startSink } from './campaign-send'
import { query, run } from './segmentData'
import { peakMemory, printTable } from './table'

const SIZES = (process.env.SEND_SCALE_SIZES ?? '100000,1000000').split(',').map(Number)
/** Rows per generating statement: small transactions, as an import would write them. */
const CHUNK = 100_000
const DOMAIN = 'skala.example'

type Phases = { freeze: number; records: number; sending: number }

/**
 * `size` subscribers with marketing consent (half of them tracked) and a static segment of them,
 * written with INSERT … SELECT on Payload's connection: creating a million through the API would
 * take longer than sending to them, and it is the send that is measured.
 */
async function generateAudience(payload: Payload, size: number): Promise<string> {
  const segment = String(
    (await payload.create({ collection: 'segments', data: { kind: 'static', name: `Skala ${size}` } as never })).id,
  )
  const [{ first }] = await query(payload, sql.raw('select coalesce(max(id), 0) + 1 as first from subscribers'))
  const from = Number(first)
  for (let start = 0; start < size; start += CHUNK) {
    const to = Math.min(size, start + CHUNK) - 1
    await run(
      payload,
      `insert into subscribers (email, first_name, gender, locale, address_form, link_key)
       select 'p' || n || '@${DOMAIN}', 'Person' || n, 'unspecified', 'de', 'formal', md5('scale' || n || random())
       from generate_series(${start}, ${to}) n`,
    )
  }
  const [{ last }] = await query(payload, sql.raw('select max(id) as last from subscribers'))
  for (let low = from; low <= Number(last); low += CHUNK) {
    const range = `id between ${low} and ${low + CHUNK - 1} and email like '%@${DOMAIN}'`
    await run(
      payload,
      `insert into consent_records (subscriber_id, purpose, channel, action, occurred_at, source)
       select id, p.purpose::enum_consent_records_purpose, 'email', 'confirmed', now() - interval '1 day', 'import'
       from subscribers, (values ('marketing'), ('tracking')) p(purpose)
       where ${range} and (p.purpose = 'marketing' or id % 2 = 0)`,
    )
    await run(
      payload,
      `insert into segment_members (segment_id, subscriber_id, member_key)
       select ${segment}, id, '${segment}:' || id from subscribers where ${range}`,
    )
  }
  await run(payload, 'vacuum (analyze) subscribers, consent_records, segment_members')
  return segment
}

/**
 * Watches the campaign from beside the job runner (the start job runs for minutes at this size),
 * from the moment it was scheduled: when the audience was frozen, when every send record was
 * written (status `sending`). One query at a time, every 100 ms.
 */
function watchPhases(payload: Payload, campaign: string, started: number) {
  const marks: { frozen?: number; sending?: number } = {}
  let watching = true
  const watcher = (async () => {
    while (watching) {
      const [row] = await query(
        payload,
        sql.raw(`select status, frozen_audience_id as frozen from campaigns where id = ${Number(campaign)}`),
      ).catch(() => [])
      if (row?.frozen != null) marks.frozen ??= performance.now()
      if (row?.status === 'sending' || row?.status === 'done') marks.sending ??= performance.now()
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return async (finished: number): Promise<Phases> => {
    watching = false
    await watcher
    // A missed mark would shift its phase's time into the next one silently: no figure then.
    if (finished > 0 && (marks.frozen === undefined || marks.sending === undefined))
      throw new Error('send-scale: the watcher missed when the audience was frozen or sending began')
    const frozen = marks.frozen ?? started
    const sending = marks.sending ?? frozen
    return {
      freeze: (frozen - started) / 1000,
      records: (sending - frozen) / 1000,
      sending: Math.max(0.001, (finished - sending) / 1000),
    }
  }
}

/**
 * Issue 20's million: one campaign to `size` recipients on PostgreSQL, sent by the real pipeline in
 * this process into an SMTP server in its own process. Per phase (freezing the audience, writing the
 * send records, claiming and sending) the time at each size, so growth faster than linear shows, and
 * each process's peak RSS (target: under 1 GB).
 */
export async function campaignScaleBench() {
  if (!process.env.TEST_POSTGRES_URI) {
    console.log(
      'send-scale needs PostgreSQL: TEST_POSTGRES_URI=$(bash scripts/postgres.sh) npm run bench -- send-scale',
    )
    return
  }
  const rows: Record<string, number | string>[] = []
  const sink = await startSink()
  try {
    for (const size of SIZES) {
      const local = await startLocalPayload('postgres')
      const { payload } = local
      try {
        await seedDemoData(payload)
        const generating = performance.now()
        const audience = await generateAudience(payload, size)
        const generated = (performance.now() - generating) / 1000
        const newsletter = (
          await payload.find({ collection: 'newsletters', where: { slug: { equals: 'wochen-update' } } })
        ).docs[0].id
        const before = await sink.count()
        const memory = peakMemory()
        const started = performance.now()
        // Scheduling counts who would get it (the gate over the whole audience) and asks for approval.
        const campaign = await scheduleCampaign(payload, await staffRequest(payload), { audience, newsletter })
        const scheduled = performance.now()
        const phases = watchPhases(payload, String(campaign.id), scheduled)
        const done = await runCampaignJobs(payload, campaign.id, 4 * 3_600_000).catch(async (error: unknown) => {
          await phases(0) // the watcher stops with the run
          throw error
        })
        const finished = performance.now()
        const timings = await phases(finished)
        const peak = memory()
        await expectEverySent(payload, sink, { before, done, expected: size, label: `${size}` })
        const twice = await query(
          payload,
          sql.raw(
            `select count(*) as n from (select subscriber_id from ${CAMPAIGN_SENDS.replaceAll('-', '_')} where campaign_id = ${Number(campaign.id)} group by subscriber_id having count(*) > 1) d`,
          ),
        )
        rows.push({
          recipients: size.toLocaleString('en'),
          'audience generated': `${generated.toFixed(0)} s`,
          'schedule (count, approval)': `${((scheduled - started) / 1000).toFixed(1)} s`,
          freeze: `${timings.freeze.toFixed(1)} s`,
          'send records': `${timings.records.toFixed(1)} s`,
          'claims and sending': `${timings.sending.toFixed(1)} s`,
          'sending (msg/s)': Math.round(size / timings.sending),
          'end to end': `${((finished - started) / 1000).toFixed(1)} s`,
          'records twice': Number(twice[0].n),
          'peak RSS sender (MB)': peak,
          'peak RSS sink (MB)': await sink.peakRss(),
          'SMTP connections': campaignsOptions(payload).smtpConnections,
        })
        console.log(rows.at(-1))
      } finally {
        await local.close()
      }
    }
  } finally {
    sink.stop()
  }
  printTable(
    'Campaign send at scale (PostgreSQL): one campaign from scheduling to done, per phase; SMTP sink in its own process',
    rows,
  )
}
